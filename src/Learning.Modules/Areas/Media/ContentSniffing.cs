using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Learning.Media;

/// <summary>A kind of file the platform accepts, recognised by its bytes.</summary>
internal sealed record MediaKind(string Id, string ContentType, string Extension, IReadOnlyList<string> Extensions, bool IsImage)
{
    public static readonly MediaKind Png = new("png", "image/png", "png", ["png"], true);
    public static readonly MediaKind Jpeg = new("jpeg", "image/jpeg", "jpg", ["jpg", "jpeg"], true);
    public static readonly MediaKind Gif = new("gif", "image/gif", "gif", ["gif"], true);
    public static readonly MediaKind WebP = new("webp", "image/webp", "webp", ["webp"], true);
    public static readonly MediaKind Svg = new("svg", "image/svg+xml", "svg", ["svg"], true);
    public static readonly MediaKind Pdf = new("pdf", "application/pdf", "pdf", ["pdf"], false);
    public static readonly MediaKind Mp4 = new("mp4", "video/mp4", "mp4", ["mp4", "m4v"], false);
    public static readonly MediaKind WebM = new("webm", "video/webm", "webm", ["webm"], false);
    public static readonly MediaKind Mp3 = new("mp3", "audio/mpeg", "mp3", ["mp3"], false);

    public static readonly IReadOnlyList<MediaKind> All = [Png, Jpeg, Gif, WebP, Svg, Pdf, Mp4, WebM, Mp3];

    /// <summary>"PNG, JPEG, …" for messages that name what is allowed.</summary>
    public static string AllNames => string.Join(", ", All.Select(k => k.Extension.ToUpperInvariant()));

    /// <summary>The name's extension agrees with the content ("slides.pdf" for a PDF, never for a PNG).</summary>
    public bool MatchesName(string fileName) => Extensions.Contains(Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant());

    /// <summary>Types a browser shows as passive content (raster images, audio, video, PDF); anything else is served as a download.</summary>
    public static bool IsPassive(string contentType)
    {
        var type = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return type is "application/pdf" || type.StartsWith("video/", StringComparison.Ordinal) || type.StartsWith("audio/", StringComparison.Ordinal)
            || (type.StartsWith("image/", StringComparison.Ordinal) && !type.Contains("svg", StringComparison.Ordinal));
    }
}

/// <summary>Recognises a file by its first bytes (magic numbers), never by its name.</summary>
internal static partial class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> wants to see.</summary>
    public const int HeadLength = 4096;

    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> EbmlMagic => [0x1A, 0x45, 0xDF, 0xA3];
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static MediaKind? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(PngMagic)) return MediaKind.Png;
        if (head.StartsWith(JpegMagic)) return MediaKind.Jpeg;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return MediaKind.Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return MediaKind.WebP;
        if (head.StartsWith("%PDF-"u8)) return MediaKind.Pdf;
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && IsMp4Brand(head[8..12])) return MediaKind.Mp4;
        if (head.StartsWith(EbmlMagic) && head[..Math.Min(head.Length, 64)].IndexOf("webm"u8) > 0) return MediaKind.WebM;
        if (head.StartsWith("ID3"u8) || IsMpegAudioFrame(head)) return MediaKind.Mp3;
        if (LooksLikeSvg(head)) return MediaKind.Svg;
        return null;
    }

    /// <summary>ISO base media brands that browsers play as MP4 (not QuickTime, HEIF or 3GP).</summary>
    private static bool IsMp4Brand(ReadOnlySpan<byte> brand) =>
        brand.StartsWith("iso"u8) || brand.StartsWith("mp4"u8) || brand.SequenceEqual("avc1"u8) || brand.StartsWith("M4V"u8)
        || brand.SequenceEqual("dash"u8) || brand.SequenceEqual("mmp4"u8) || brand.SequenceEqual("MSNV"u8);

    /// <summary>An MPEG-1/2 layer III frame header: 11 sync bits, then a layer field of 01.</summary>
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) == 0x02 && (head[1] & 0x18) != 0x08;

    /// <summary>Text that begins, after an optional BOM, XML prolog, comments and doctype, with an &lt;svg element.</summary>
    private static bool LooksLikeSvg(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Utf8Bom)) head = head[3..];
        if (head.IndexOf((byte)0) >= 0) return false; // UTF-16 or binary: not the SVG we take
        return SvgStart().IsMatch(Encoding.UTF8.GetString(head));
    }

    [GeneratedRegex(@"\A\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE\s+svg[^>\[]*>\s*)?(<!--.*?-->\s*)*<svg[\s>/]", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SvgStart();
}

/// <summary>
/// An SVG is taken only when nothing in it can run: no script or foreignObject elements, no event
/// handler attributes, no javascript: links, no entities or processing instructions that could hide them.
/// </summary>
internal static partial class SvgSafety
{
    public static bool IsSafe(string svg)
    {
        if (Forbidden().IsMatch(svg)) return false;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = 16 * 1024 * 1024,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(svg), settings);
            var root = true;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.ProcessingInstruction:
                    case XmlNodeType.EntityReference:
                        return false;
                    case XmlNodeType.Element:
                        if (root && reader.LocalName != "svg") return false;
                        root = false;
                        if (IsActiveElement(reader.LocalName)) return false;
                        for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
                            if (reader.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase) || IsScriptUrl(reader.Value))
                                return false;
                        reader.MoveToElement();
                        break;
                }
            }
            return !root;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static bool IsActiveElement(string name) =>
        name.Equals("script", StringComparison.OrdinalIgnoreCase)
        || name.Equals("foreignObject", StringComparison.OrdinalIgnoreCase)
        || name.Equals("iframe", StringComparison.OrdinalIgnoreCase)
        || name.Equals("embed", StringComparison.OrdinalIgnoreCase)
        || name.Equals("object", StringComparison.OrdinalIgnoreCase)
        || name.Equals("handler", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Script schemes, and data: URLs other than raster images (a nested SVG or HTML could carry script).
    /// Browsers drop whitespace and control characters inside a scheme ("java&amp;#9;script:"), so we do too.
    /// </summary>
    private static bool IsScriptUrl(string value)
    {
        var compact = new string(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        return compact.Contains("javascript:", StringComparison.OrdinalIgnoreCase)
            || compact.Contains("vbscript:", StringComparison.OrdinalIgnoreCase)
            || DataUrl().Matches(compact).Any(m => !RasterDataUrl().IsMatch(m.Value));
    }

    [GeneratedRegex(@"data:[^,]*", RegexOptions.IgnoreCase)]
    private static partial Regex DataUrl();

    [GeneratedRegex(@"\Adata:image/(png|jpeg|gif|webp)(;base64)?\z", RegexOptions.IgnoreCase)]
    private static partial Regex RasterDataUrl();

    /// <summary>The raw-text backstop: caught even where the parser would not look (CDATA, comments).</summary>
    [GeneratedRegex(@"<\s*script|<\s*foreignObject|javascript\s*:|<!ENTITY|\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex Forbidden();
}
