using System.Globalization;
using Learning.Kernel.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Learning.Courses.Content;

/// <summary>One YAML text of a content file; lines are reported 1-based in the file (front matter starts below "---").</summary>
internal sealed class YamlDoc(string file, int lineOffset, ProblemList problems)
{
    public string File => file;

    public ProblemList Problems => problems;

    public int Line(YamlNode node) => (int)node.Start.Line + lineOffset;

    public void Problem(YamlNode node, string key, params object[] args) => problems.Add(file, Line(node), key, args);

    /// <summary>The root node, or null after reporting a syntax error, a text beyond the limits or an empty file.</summary>
    public YamlNode? Load(string text)
    {
        var root = SafeYaml.Load(text, out var refusal);
        if (refusal is not null)
        {
            problems.Add(file, refusal.Line + lineOffset, refusal.Key, refusal.Args);
            return null;
        }
        if (root is null || IsNull(root))
        {
            problems.Add(file, 1 + lineOffset, "EmptyFile");
            return null;
        }
        return root;
    }

    public YamlMap? Map(YamlNode node, params string[] fields)
    {
        if (node is YamlMappingNode mapping) return new YamlMap(this, mapping, fields);
        Problem(node, "NotMapping");
        return null;
    }

    public YamlSequenceNode? List(YamlNode node, string field)
    {
        if (node is YamlSequenceNode sequence) return sequence;
        Problem(node, "NotList", field);
        return null;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static bool IsPlain(YamlScalarNode node) => node.Style is ScalarStyle.Plain or ScalarStyle.Any;

    /// <summary>A whole number written as a YAML number (not quoted).</summary>
    public int? Int(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar && IsPlain(scalar)
            && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        Problem(node, "NotWholeNumber", field, Show(node));
        return null;
    }

    public string? Text(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { } value }) return value;
        Problem(node, "NotText", field);
        return null;
    }

    public static string Show(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode => "[…]",
        _ => "{…}",
    };
}

/// <summary>A YAML mapping read field by field; fields it does not know are reported (they are usually typos).</summary>
internal sealed class YamlMap
{
    private readonly YamlDoc _doc;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);

    public YamlMap(YamlDoc doc, YamlMappingNode node, string[] known)
    {
        _doc = doc;
        Node = node;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } scalar || !known.Contains(name, StringComparer.Ordinal))
            {
                doc.Problem(key, "UnknownField", YamlDoc.Show(key));
                continue;
            }
            _fields[name] = (scalar, value);
        }
    }

    public YamlMappingNode Node { get; }

    public int Line => _doc.Line(Node);

    /// <summary>The line of the field's name, or of the mapping when the field is absent.</summary>
    public int LineOf(string field) => _fields.TryGetValue(field, out var entry) ? _doc.Line(entry.Key) : Line;

    /// <summary>The value of a field, or null when it is absent or empty (reported when required).</summary>
    public YamlNode? Get(string field, bool required)
    {
        var present = _fields.TryGetValue(field, out var entry);
        if (present && !YamlDoc.IsNull(entry.Value)) return entry.Value;
        if (required) _doc.Problems.Add(_doc.File, present ? _doc.Line(entry.Key) : Line, "Required", field);
        return null;
    }

    public string? Text(string field, bool required = true) => Text(field, required, out _);

    /// <summary>Also hands back the value's node, to report a problem with the text on its line.</summary>
    public string? Text(string field, bool required, out YamlNode? node)
    {
        node = Get(field, required);
        return node is null ? null : _doc.Text(node, field);
    }

    public int? Int(string field, bool required, int min, int max)
    {
        if (Get(field, required) is not { } node || _doc.Int(node, field) is not { } value) return null;
        if (value >= min && value <= max) return value;
        if (max == int.MaxValue) _doc.Problem(node, "AtLeast", field, min, value);
        else _doc.Problem(node, "OutOfRange", field, min, max, value);
        return null;
    }

    /// <summary>A positive number that may have a fraction (JP: 1.5).</summary>
    public decimal? PositiveNumber(string field, bool required)
    {
        if (Get(field, required) is not { } node) return null;
        if (node is not YamlScalarNode scalar || !YamlDoc.IsPlain(scalar)
            || !decimal.TryParse(scalar.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            _doc.Problem(node, "NotNumber", field, YamlDoc.Show(node));
            return null;
        }
        if (value > 0 && value < 10_000) return value;
        _doc.Problem(node, "NotPositive", field, YamlDoc.Show(node));
        return null;
    }

    public YamlSequenceNode? List(string field, bool required)
    {
        if (Get(field, required) is not { } node || _doc.List(node, field) is not { } list) return null;
        if (list.Children.Count > 0) return list;
        if (required) _doc.Problem(node, "EmptyList", field);
        return null;
    }

    public YamlMap? Map(string field, bool required, params string[] known) =>
        Get(field, required) is { } node ? _doc.Map(node, known) : null;
}
