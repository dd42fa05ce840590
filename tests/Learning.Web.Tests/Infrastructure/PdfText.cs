using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Learning.Web.Tests.Infrastructure;

/// <summary>
/// The text a PDF reader would extract from a PDF that PDFsharp wrote (compressed or not): the content streams' strings,
/// decoded through each font's ToUnicode map (Unicode fonts) or as WinAnsi (simple fonts). A string drawn further along
/// the same baseline joins its line; a new baseline starts a new line. Enough for our own certificates, not a general reader.
/// </summary>
public static partial class PdfText
{
    public static string Extract(byte[] pdf)
    {
        var raw = Encoding.Latin1.GetString(pdf);
        var objects = new Dictionary<int, (string Dictionary, byte[]? Stream)>();
        foreach (Match m in ObjectPattern().Matches(raw))
        {
            var number = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var body = m.Groups[2].Value;
            var streamAt = body.IndexOf("stream", StringComparison.Ordinal);
            if (streamAt < 0 || !body.Contains("endstream", StringComparison.Ordinal)) { objects[number] = (body, null); continue; }
            var dictionary = body[..streamAt];
            var start = streamAt + "stream".Length;
            if (body[start] == '\r') start++;
            if (body[start] == '\n') start++;
            var end = body.LastIndexOf("endstream", StringComparison.Ordinal);
            var bytes = Encoding.Latin1.GetBytes(body[start..end].TrimEnd('\r', '\n'));
            if (LengthPattern().Match(dictionary) is { Success: true } length && int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture) <= bytes.Length)
                bytes = bytes[..int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture)];
            if (dictionary.Contains("/FlateDecode", StringComparison.Ordinal) && !dictionary.Contains("/Subtype/Image", StringComparison.Ordinal))
            {
                using var inflated = new MemoryStream();
                using (var z = new ZLibStream(new MemoryStream(bytes), CompressionMode.Decompress)) z.CopyTo(inflated);
                bytes = inflated.ToArray();
            }
            objects[number] = (dictionary, bytes);
        }

        // Font resource names (/F0) → glyph code → text, from every page's resources.
        var fonts = new Dictionary<string, Dictionary<int, string>?>();
        foreach (var (dictionary, _) in objects.Values)
            foreach (Match resources in FontResourcesPattern().Matches(dictionary))
                foreach (Match entry in ReferencePattern().Matches(resources.Groups[1].Value))
                {
                    var font = objects[int.Parse(entry.Groups[2].Value, CultureInfo.InvariantCulture)].Dictionary;
                    fonts[entry.Groups[1].Value] = ToUnicodePattern().Match(font) is { Success: true } map
                        ? CMap(Encoding.Latin1.GetString(objects[int.Parse(map.Groups[1].Value, CultureInfo.InvariantCulture)].Stream!))
                        : null;
                }

        var text = new StringBuilder();
        foreach (var (dictionary, _) in objects.Values.Where(o => o.Dictionary.Contains("/Type/Page", StringComparison.Ordinal)
                     && !o.Dictionary.Contains("/Type/Pages", StringComparison.Ordinal)))
            foreach (Match content in Regex.Matches(ContentsPattern().Match(dictionary).Groups[1].Value, @"(\d+) 0 R"))
                Show(Encoding.Latin1.GetString(objects[int.Parse(content.Groups[1].Value, CultureInfo.InvariantCulture)].Stream!), fonts, text);
        return text.ToString();
    }

    private static void Show(string content, Dictionary<string, Dictionary<int, string>?> fonts, StringBuilder text)
    {
        Dictionary<int, string>? font = null;
        double? lastY = null;
        double y = 0;
        var operands = new List<string>();
        foreach (Match token in TokenPattern().Matches(content))
        {
            var t = token.Value;
            if (t[0] is '<' or '(' or '/' or '[' or '-' or '.' or (>= '0' and <= '9')) { operands.Add(t); continue; }
            switch (t)
            {
                case "Tf": font = fonts.GetValueOrDefault(operands[^2].TrimStart('/')); break;
                case "Td" or "TD": y += Number(operands[^1]); break;
                case "Tm": y = Number(operands[^1]); break;
                case "BT": y = 0; break;
                case "Tj" or "'" or "\"" or "TJ":
                    var shown = string.Concat(StringPattern().Matches(operands[^1]).Select(s => Decode(s.Value, font)));
                    if (lastY is { } previous && Math.Abs(previous - y) > 0.5) text.Append('\n');
                    text.Append(shown);
                    lastY = y;
                    break;
            }
            operands.Clear();
        }
        text.Append('\n');
    }

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static string Decode(string s, Dictionary<int, string>? font)
    {
        byte[] bytes;
        if (s[0] == '<')
        {
            var hex = new string(s[1..^1].Where(Uri.IsHexDigit).ToArray());
            if (hex.Length % 2 == 1) hex += "0";
            bytes = Convert.FromHexString(hex);
        }
        else bytes = Literal(s[1..^1]);
        if (font is null) return Encoding.Latin1.GetString(bytes); // WinAnsi, as far as our texts go
        var result = new StringBuilder();
        for (var i = 0; i + 1 < bytes.Length; i += 2)
            result.Append(font.GetValueOrDefault(bytes[i] << 8 | bytes[i + 1], "\uFFFD"));
        return result.ToString();
    }

    private static byte[] Literal(string s)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\') { bytes.Add((byte)s[i]); continue; }
            var c = s[++i];
            if (c is >= '0' and <= '7')
            {
                var octal = 0;
                for (var n = 0; n < 3 && i < s.Length && s[i] is >= '0' and <= '7'; n++, i++) octal = octal * 8 + (s[i] - '0');
                i--;
                bytes.Add((byte)octal);
            }
            else bytes.Add((byte)(c switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'f' => '\f', _ => c }));
        }
        return [.. bytes];
    }

    /// <summary>A ToUnicode CMap: bfchar and bfrange lines, glyph code → UTF-16 text.</summary>
    private static Dictionary<int, string> CMap(string cmap)
    {
        var map = new Dictionary<int, string>();
        static string Utf16(string hex) => Encoding.BigEndianUnicode.GetString(Convert.FromHexString(hex));
        foreach (Match block in BfCharPattern().Matches(cmap))
            foreach (Match pair in Regex.Matches(block.Groups[1].Value, @"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>"))
                map[Convert.ToInt32(pair.Groups[1].Value, 16)] = Utf16(pair.Groups[2].Value);
        foreach (Match block in BfRangePattern().Matches(cmap))
            foreach (Match range in Regex.Matches(block.Groups[1].Value, @"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>"))
            {
                int from = Convert.ToInt32(range.Groups[1].Value, 16), to = Convert.ToInt32(range.Groups[2].Value, 16);
                var first = Convert.ToInt32(range.Groups[3].Value, 16);
                for (var code = from; code <= to; code++) map[code] = char.ConvertFromUtf32(first + code - from);
            }
        return map;
    }

    [GeneratedRegex(@"(\d+) 0 obj(.*?)endobj", RegexOptions.Singleline)]
    private static partial Regex ObjectPattern();
    [GeneratedRegex(@"/Length (\d+)(?! 0 R)")]
    private static partial Regex LengthPattern();
    [GeneratedRegex(@"/Font\s*<<(.*?)>>", RegexOptions.Singleline)]
    private static partial Regex FontResourcesPattern();
    [GeneratedRegex(@"/([\w.+-]+)\s+(\d+) 0 R")]
    private static partial Regex ReferencePattern();
    [GeneratedRegex(@"/ToUnicode\s+(\d+) 0 R")]
    private static partial Regex ToUnicodePattern();
    [GeneratedRegex(@"/Contents\s*(\[[^\]]*\]|\d+ 0 R)")]
    private static partial Regex ContentsPattern();
    [GeneratedRegex(@"<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[(?:<[^>]*>|\((?:\\.|[^\\)])*\)|[^\]])*\]|/[^\s/\[\]<>()]+|-?\d*\.?\d+|[A-Za-z'""*]+")]
    private static partial Regex TokenPattern();
    [GeneratedRegex(@"<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)")]
    private static partial Regex StringPattern();
    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfCharPattern();
    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRangePattern();
}
