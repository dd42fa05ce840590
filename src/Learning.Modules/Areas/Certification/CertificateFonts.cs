using System.Buffers.Binary;
using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Learning.Certification;

/// <summary>
/// PDFsharp finds no system fonts on Linux: the certificate embeds DejaVu Sans from the machine (installed by eng/setup.sh),
/// so the text stays extractable and shows the same on every reader. A character DejaVu Sans lacks is drawn in the first
/// other font on the machine that has it (a family named by its file), so no name loses a letter.
/// </summary>
internal sealed class CertificateFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Folder = "/usr/share/fonts/truetype/dejavu";
    private const string Regular = Folder + "/DejaVuSans.ttf";
    private const string FilePrefix = "file:";
    private static readonly string[] FallbackFolders = ["/usr/share/fonts", "/usr/local/share/fonts"];

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        familyName.StartsWith(FilePrefix, StringComparison.Ordinal)
            ? new FontResolverInfo(familyName[FilePrefix.Length..], mustSimulateBold: bold, mustSimulateItalic: false)
            : new FontResolverInfo(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        var path = Path.IsPathRooted(faceName) ? faceName : Path.Combine(Folder, faceName + ".ttf");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"The certificate PDF needs the font {path}: install Debian's fonts-dejavu-core (eng/setup.sh does).", path);
    }

    private static readonly Lock Gate = new();

    /// <summary>PDFsharp's resolver is process-wide and may be set once; every certificate renderer calls this first.</summary>
    public static void Install()
    {
        lock (Gate)
            if (GlobalFontSettings.FontResolver is not CertificateFonts) GlobalFontSettings.FontResolver = new CertificateFonts();
    }

    /// <summary>
    /// The family to draw <paramref name="codePoint"/> in: DejaVu Sans when it has the glyph, else the first font file on the
    /// machine that has it (as <c>file:/path</c>), else DejaVu Sans (a missing-glyph box, but the text stays in the PDF).
    /// </summary>
    public static string FamilyFor(int codePoint)
    {
        if (codePoint < 0x250 || Coverage(Regular).Contains(codePoint)) return Family;
        return Fallbacks.Value.FirstOrDefault(f => Coverage(f).Contains(codePoint)) is { } file ? FilePrefix + file : Family;
    }

    private static readonly Lazy<IReadOnlyList<string>> Fallbacks = new(() => FallbackFolders.Where(Directory.Exists)
        .SelectMany(d => Directory.EnumerateFiles(d, "*.ttf", SearchOption.AllDirectories))
        .Where(f => f != Regular)
        // Sans faces before serif and mono ones, regular before bold and italic: closest to the certificate's own look.
        .OrderBy(f => Path.GetFileName(f).Contains("Sans", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
        .ThenBy(f => Path.GetFileNameWithoutExtension(f).Contains('-') ? 1 : 0)
        .ThenBy(f => f, StringComparer.Ordinal).ToList());

    private static readonly ConcurrentDictionary<string, IReadOnlySet<int>> Coverages = new();

    private static IReadOnlySet<int> Coverage(string file) => Coverages.GetOrAdd(file, f =>
    {
        try { return CodePoints(File.ReadAllBytes(f)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or IndexOutOfRangeException) { return new HashSet<int>(); }
    });

    /// <summary>The code points a TrueType font maps to a glyph, from its Unicode cmap (format 12, else format 4).</summary>
    internal static IReadOnlySet<int> CodePoints(byte[] font)
    {
        var set = new HashSet<int>();
        ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at));
        uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(at));
        var cmap = -1;
        for (int i = 0, tables = U16(4); i < tables; i++)
            if (U32(12 + 16 * i) == 0x636D6170) cmap = (int)U32(12 + 16 * i + 8); // 'cmap'
        if (cmap < 0) return set;
        int format4 = -1, format12 = -1;
        for (int i = 0, count = U16(cmap + 2); i < count; i++)
        {
            var (platform, encoding) = (U16(cmap + 4 + 8 * i), U16(cmap + 4 + 8 * i + 2));
            var at = cmap + (int)U32(cmap + 4 + 8 * i + 4);
            if (platform is not (0 or 3) || (platform == 3 && encoding is not (1 or 10))) continue;
            if (U16(at) == 12) format12 = at;
            else if (U16(at) == 4) format4 = at;
        }
        if (format12 >= 0)
        {
            for (uint g = 0, groups = U32(format12 + 12); g < groups; g++)
            {
                var at = format12 + 16 + (int)g * 12;
                for (var c = U32(at); c <= U32(at + 4) && c < 0x110000; c++) set.Add((int)c);
            }
            return set;
        }
        if (format4 < 0) return set;
        var segments = U16(format4 + 6) / 2;
        var ends = format4 + 14;
        var starts = ends + 2 * segments + 2;
        var deltas = starts + 2 * segments;
        var offsets = deltas + 2 * segments;
        for (var s = 0; s < segments; s++)
        {
            int start = U16(starts + 2 * s), end = U16(ends + 2 * s), delta = U16(deltas + 2 * s), offset = U16(offsets + 2 * s);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                var glyph = offset == 0 ? (c + delta) & 0xFFFF : U16(offsets + 2 * s + offset + 2 * (c - start)) is var raw and > 0 ? (raw + delta) & 0xFFFF : 0;
                if (glyph != 0) set.Add(c);
            }
        }
        return set;
    }
}
