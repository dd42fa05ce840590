using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Learning.Kernel.Text;
using Learning.Paths.Steps;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Learning.Paths.Definitions;

/// <summary>A field of a step as the step list shows it; <paramref name="Editable"/> false: a nested list, changed in the YAML.</summary>
public sealed record StepField(string Name, string Value, bool Editable);

public sealed record StepRow(int Index, string Id, string Kind, IReadOnlyList<StepField> Fields);

/// <summary>
/// The step list beside a path's YAML: reads the steps out of the text and changes them (add, move, edit a step's fields,
/// remove) by rewriting the same YAML, which the path's own reader then checks as any text typed in the box. Works on the
/// YAML tree, so fields it does not know stay as they were; comments are not kept.
/// </summary>
public static partial class PathStepList
{
    private static readonly string[] CommonFields = ["id", "title", "next"];

    /// <summary>The document's root and its steps, or why the list cannot be shown (a "Paths.Import.{key}" or "Paths.Steps.{key}").</summary>
    public static (YamlMappingNode? Root, YamlSequenceNode? Steps, string? Refusal) Load(string yaml)
    {
        var node = SafeYaml.Load(yaml, out var refusal);
        if (refusal is not null) return (null, null, "Paths.Steps.Unreadable");
        if (node is not YamlMappingNode root) return (null, null, "Paths.Steps.Unreadable");
        var key = KeyOf(root, "steps");
        if (key is null) root.Children.Add(key = new YamlScalarNode("steps"), new YamlSequenceNode());
        var steps = root.Children[key];
        if (steps is YamlScalarNode { Value: null or "" or "~" or "null" }) root.Children[key] = steps = new YamlSequenceNode();
        return steps is YamlSequenceNode list && list.All(s => s is YamlMappingNode)
            ? (root, list, null) : (null, null, "Paths.Steps.Unreadable");
    }

    /// <summary>The fields a step of the kind may have, besides its kind: id, title, next, then the kind's own.</summary>
    public static IReadOnlyList<string> FieldsOf(PathSteps kinds, string kind) =>
        [.. CommonFields, .. kinds.Of(kind)?.Fields ?? []];

    public static IReadOnlyList<StepRow> Rows(YamlSequenceNode steps, PathSteps kinds)
    {
        var rows = new List<StepRow>();
        for (var i = 0; i < steps.Children.Count; i++)
        {
            var step = (YamlMappingNode)steps.Children[i];
            var kind = Scalar(step, "kind") ?? "";
            var names = FieldsOf(kinds, kind).Concat(step.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? ""))
                .Where(n => n.Length > 0 && n != "kind").Distinct(StringComparer.Ordinal);
            var fields = names.Select(name => KeyOf(step, name) is { } key
                    ? Show(name, step.Children[key]) : new StepField(name, "", true)).ToList();
            rows.Add(new StepRow(i, Scalar(step, "id") ?? "", kind, fields));
        }
        return rows;
    }

    /// <summary>Adds a step of a registered kind at the end; null when done, else why not ("Paths.Steps.{key}").</summary>
    public static string? Add(YamlSequenceNode steps, PathSteps kinds, string? id, string? kind)
    {
        id = (id ?? "").Trim();
        kind = (kind ?? "").Trim();
        if (kinds.Of(kind) is null) return "Paths.Steps.UnknownKind";
        if (!PathYaml.Key().IsMatch(id)) return "Paths.Steps.BadId";
        if (steps.Children.OfType<YamlMappingNode>().Any(s => Scalar(s, "id") == id)) return "Paths.Steps.DuplicateId";
        steps.Add(new YamlMappingNode(new YamlScalarNode("id"), new YamlScalarNode(id), new YamlScalarNode("kind"), new YamlScalarNode(kind)));
        return null;
    }

    public static bool Move(YamlSequenceNode steps, int index, int by)
    {
        var to = index + Math.Sign(by);
        if (index < 0 || index >= steps.Children.Count || to < 0 || to >= steps.Children.Count) return false;
        (steps.Children[index], steps.Children[to]) = (steps.Children[to], steps.Children[index]);
        return true;
    }

    public static bool Remove(YamlSequenceNode steps, int index)
    {
        if (index < 0 || index >= steps.Children.Count) return false;
        steps.Children.RemoveAt(index);
        return true;
    }

    /// <summary>
    /// Sets the step's fields from the form: empty removes a field, a list field takes values separated by commas, a nested list
    /// (awards) is left to the YAML. Fields the form does not name stay. Null when done, else why not.
    /// </summary>
    public static string? Edit(YamlSequenceNode steps, PathSteps kinds, int index, IReadOnlyDictionary<string, string?> values)
    {
        if (index < 0 || index >= steps.Children.Count) return "Paths.Steps.NoSuchStep";
        var step = (YamlMappingNode)steps.Children[index];
        var known = FieldsOf(kinds, Scalar(step, "kind") ?? "");
        foreach (var (name, raw) in values)
        {
            if (!known.Contains(name, StringComparer.Ordinal)) continue;
            var key = KeyOf(step, name);
            var existing = key is null ? null : step.Children[key];
            if (existing is not null && !Show(name, existing).Editable) continue;
            var value = (raw ?? "").Trim();
            if (name == "id" && value.Length == 0) return "Paths.Steps.BadId";
            if (value.Length == 0)
            {
                if (key is not null) step.Children.Remove(key);
                continue;
            }
            step.Children[key ?? new YamlScalarNode(name)] = IsList(name, existing)
                ? new YamlSequenceNode(value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).Select(v => (YamlNode)new YamlScalarNode(v)))
                : new YamlScalarNode(value);
        }
        return null;
    }

    /// <summary>The tree as YAML the reader takes back: two-space indents, text quoted unless it is a plain word or number.</summary>
    public static string Write(YamlMappingNode root)
    {
        var y = new StringBuilder();
        WriteMapping(y, root, 0, firstIndent: 0);
        return y.ToString();
    }

    private static void WriteMapping(StringBuilder y, YamlMappingNode mapping, int indent, int firstIndent)
    {
        var first = true;
        foreach (var (key, value) in mapping.Children)
        {
            y.Append(' ', first ? firstIndent : indent).Append(Text(key)).Append(':');
            first = false;
            WriteValue(y, value, indent);
        }
        if (first) y.Append(' ', firstIndent).Append("{}\n");
    }

    private static void WriteValue(StringBuilder y, YamlNode value, int indent)
    {
        switch (value)
        {
            case YamlScalarNode scalar:
                y.Append(' ').Append(Text(scalar)).Append('\n');
                break;
            case YamlSequenceNode { Children.Count: 0 }:
                y.Append(" []\n");
                break;
            case YamlSequenceNode list:
                y.Append('\n');
                foreach (var item in list.Children)
                {
                    y.Append(' ', indent + 2).Append('-');
                    if (item is YamlMappingNode { Children.Count: > 0 } map)
                        WriteMapping(y, map, indent + 4, firstIndent: 1);
                    else WriteValue(y, item, indent + 4);
                }
                break;
            case YamlMappingNode { Children.Count: 0 }:
                y.Append(" {}\n");
                break;
            case YamlMappingNode map:
                y.Append('\n');
                WriteMapping(y, map, indent + 2, indent + 2);
                break;
        }
    }

    /// <summary>A plain word, number or duration as it is; anything else double-quoted with escapes, so it reads back as the same text.</summary>
    private static string Text(YamlNode node)
    {
        if (node is not YamlScalarNode scalar) return "\"\"";
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && (value.Length == 0 || IsNullWord(value))) return value.Length == 0 ? "~" : value;
        if (Plain().IsMatch(value) && !IsNullWord(value)) return value;
        return SafeYaml.Quoted(value);
    }

    private static bool IsNullWord(string value) => value is "~" or "null" or "Null" or "NULL";

    private static bool IsList(string name, YamlNode? existing) => existing is YamlSequenceNode || name == "courses";

    private static StepField Show(string name, YamlNode value) => value switch
    {
        YamlScalarNode s => new StepField(name, s.Value ?? "", true),
        YamlSequenceNode list when list.All(i => i is YamlScalarNode) =>
            new StepField(name, string.Join(", ", list.Children.Select(i => ((YamlScalarNode)i).Value)), true),
        _ => new StepField(name, Write(new YamlMappingNode(new YamlScalarNode(name), value)).Trim(), false),
    };

    private static string? Scalar(YamlMappingNode map, string field) =>
        KeyOf(map, field) is { } key && map.Children[key] is YamlScalarNode { Value: { } value } ? value : null;

    /// <summary>The key node of a field as it stands in the text (found by name, never by node equality).</summary>
    private static YamlNode? KeyOf(YamlMappingNode map, string field) =>
        map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: { } name } && name == field);

    /// <summary>Starts with a letter or digit, then letters, digits, '-', '_', '.', '+': never a YAML indicator, never read as something else.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+-]*$")]
    private static partial Regex Plain();
}
