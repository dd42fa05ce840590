using PdfSharp.Fonts;

namespace Learning.Certification;

/// <summary>
/// PDFsharp finds no system fonts on Linux: the certificate embeds DejaVu Sans from the machine (installed by eng/setup.sh),
/// so the text stays extractable and shows the same on every reader.
/// </summary>
internal sealed class CertificateFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Folder = "/usr/share/fonts/truetype/dejavu";

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        var path = Path.Combine(Folder, faceName + ".ttf");
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
}
