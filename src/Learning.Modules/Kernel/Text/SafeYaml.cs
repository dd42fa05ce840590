using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Learning.Kernel.Text;

/// <summary>Why a YAML text was refused: <see cref="Key"/> names the reason (the module words it), at a 1-based line.</summary>
public sealed record YamlRefusal(int Line, string Key, object[] Args);

/// <summary>
/// The one place that turns YAML text into nodes, for every entry point (content import, path definitions from files and
/// from the editor). YamlDotNet builds nested nodes by recursion, so a text of 100,000 "[" would overflow the stack and end
/// the process: depth is counted on the parser's events and refused long before that, as are very long texts and texts of
/// very many nodes.
/// </summary>
public static class SafeYaml
{
    public const int MaxChars = 1_000_000;
    public const int MaxDepth = 64;
    public const int MaxNodes = 200_000;

    /// <summary>A YAML double-quoted scalar: backslash, quote and every control character escaped, so it reads back as the same text.</summary>
    public static string Quoted(string value)
    {
        var s = new System.Text.StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
            switch (c)
            {
                case '\\': s.Append("\\\\"); break;
                case '"': s.Append("\\\""); break;
                case '\n': s.Append("\\n"); break;
                case '\t': s.Append("\\t"); break;
                case '\r': s.Append("\\r"); break;
                case '\u0085': s.Append("\\N"); break;
                case '\u2028': s.Append("\\L"); break;
                case '\u2029': s.Append("\\P"); break;
                default:
                    if (char.IsControl(c) || c == '\uFEFF') s.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else s.Append(c);
                    break;
            }
        return s.Append('"').ToString();
    }

    /// <summary>
    /// The first document's root (null for an empty text), or a refusal: "YamlTooLarge" {max chars}, "YamlTooDeep" {max depth},
    /// "YamlTooManyNodes" {max nodes}, "YamlSyntax" {parser message} or "YamlUnreadable".
    /// </summary>
    public static YamlNode? Load(string text, out YamlRefusal? refusal)
    {
        refusal = null;
        if (text.Length > MaxChars)
        {
            refusal = new YamlRefusal(1, "YamlTooLarge", [MaxChars]);
            return null;
        }
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        var parser = new Limited(new Parser(scanner));
        try
        {
            stream.Load(parser);
        }
        catch (LimitException e)
        {
            refusal = new YamlRefusal(Within(text, e.Start.Line), e.Key, [e.Limit]);
            return null;
        }
        catch (YamlException e)
        {
            refusal = new YamlRefusal(Within(text, e.Start.Line), "YamlSyntax", [e.Message]);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner sometimes gives up without a mark (an unclosed [ before a block item): the last event read is the place.
            refusal = new YamlRefusal(Within(text, parser.Current?.Start.Line ?? scanner.CurrentPosition.Line), "YamlUnreadable", []);
            return null;
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    /// <summary>An error found at the end of the text is reported on its last line, not below it.</summary>
    private static int Within(string text, long line)
    {
        var lines = text.Count(c => c == '\n') + (text.EndsWith('\n') ? 0 : 1);
        return (int)Math.Clamp(line, 1, Math.Max(1, lines));
    }

    private sealed class LimitException(Mark start, string key, int limit) : YamlException(start, start, key)
    {
        public string Key { get; } = key;
        public int Limit { get; } = limit;
    }

    /// <summary>Passes the parser's events on, counting how deep collections nest and how many nodes there are.</summary>
    private sealed class Limited(IParser inner) : IParser
    {
        private int _depth;
        private int _nodes;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            switch (inner.Current)
            {
                case SequenceStart or MappingStart when ++_depth > MaxDepth:
                    throw new LimitException(inner.Current.Start, "YamlTooDeep", MaxDepth);
                case SequenceEnd or MappingEnd:
                    _depth--;
                    break;
            }
            if (inner.Current is NodeEvent && ++_nodes > MaxNodes) throw new LimitException(inner.Current.Start, "YamlTooManyNodes", MaxNodes);
            return true;
        }
    }
}
