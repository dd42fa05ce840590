using System.Globalization;
using Learning.Courses.Contracts;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;

namespace Learning.Certification;

/// <summary>Certification:* settings.</summary>
public sealed class CertificationOptions
{
    /// <summary>Where the QR code points: {PublicUrl}/certificates/verify/{code} (top-level key PublicUrl).</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5000";
    public string FontDirectory { get; set; } = "/usr/share/fonts/truetype/dejavu";
    /// <summary>Off only in tests, so the text of the PDF can be read from its bytes.</summary>
    public bool CompressPdf { get; set; } = true;
    public int VerifyPermitLimit { get; set; } = 30;
    public int VerifyWindowSeconds { get; set; } = 60;
}

public sealed record CertificateContent(
    string Number, string HolderName, string HolderNip, string CourseTitle, decimal Jp,
    IReadOnlyList<(CompetencyAward Award, string Name)> Competencies, DateOnly IssuedOn, DateOnly? ValidUntil, string VerificationUrl);

/// <summary>The certificate as a one-page A4 landscape PDF in Bahasa Indonesia, with a QR code to its verification page.</summary>
public sealed class CertificatePdf(CertificationOptions options)
{
    private static readonly CultureInfo Indonesian = new("id-ID");
    private static readonly Lock FontLock = new();

    public byte[] Render(CertificateContent c)
    {
        EnsureFonts(options.FontDirectory);
        using var document = new PdfDocument();
        document.Info.Title = $"Sertifikat {c.Number}";
        document.Info.Creator = "Learning";
        document.Options.CompressContentStreams = options.CompressPdf;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        page.Orientation = PdfSharp.PageOrientation.Landscape;
        using (var g = XGraphics.FromPdfPage(page))
        {
            var unicode = new XPdfFontOptions(PdfFontEncoding.WinAnsi);
            var title = new XFont(Fonts.Family, 30, XFontStyleEx.Bold, unicode);
            var heading = new XFont(Fonts.Family, 20, XFontStyleEx.Bold, unicode);
            var body = new XFont(Fonts.Family, 12, XFontStyleEx.Regular, unicode);
            var small = new XFont(Fonts.Family, 9, XFontStyleEx.Regular, unicode);
            var width = page.Width.Point;
            var center = XStringFormats.TopCenter;

            g.DrawRectangle(new XPen(XColor.FromArgb(0x1f, 0x4e, 0x79), 3), 24, 24, width - 48, page.Height.Point - 48);
            g.DrawString("SERTIFIKAT", title, XBrushes.Black, new XRect(0, 60, width, 40), center);
            g.DrawString($"Nomor: {c.Number}", body, XBrushes.Black, new XRect(0, 100, width, 20), center);
            g.DrawString("Diberikan kepada", body, XBrushes.Black, new XRect(0, 135, width, 20), center);
            g.DrawString(c.HolderName, heading, XBrushes.Black, new XRect(0, 158, width, 30), center);
            g.DrawString($"NIP {c.HolderNip}", body, XBrushes.Black, new XRect(0, 190, width, 20), center);
            g.DrawString("telah menyelesaikan pelatihan", body, XBrushes.Black, new XRect(0, 220, width, 20), center);
            g.DrawString(c.CourseTitle, heading, XBrushes.Black, new XRect(0, 243, width, 30), center);
            g.DrawString($"{c.Jp.ToString("0.##", Indonesian)} JP", body, XBrushes.Black, new XRect(0, 275, width, 20), center);

            var y = 310.0;
            if (c.Competencies.Count > 0)
            {
                g.DrawString("Kompetensi yang diperoleh:", body, XBrushes.Black, new XRect(80, y, width - 300, 20), XStringFormats.TopLeft);
                foreach (var (award, name) in c.Competencies)
                {
                    y += 18;
                    g.DrawString($"• {name} ({award.Code}) — level {award.Level}", body, XBrushes.Black, new XRect(95, y, width - 320, 20), XStringFormats.TopLeft);
                }
            }
            var dates = $"Tanggal terbit: {c.IssuedOn.ToString("d MMMM yyyy", Indonesian)}    Berlaku sampai: " +
                (c.ValidUntil is { } until ? until.ToString("d MMMM yyyy", Indonesian) : "tanpa batas waktu");
            g.DrawString(dates, body, XBrushes.Black, new XRect(80, 480, width - 300, 20), XStringFormats.TopLeft);
            g.DrawString("Pindai kode QR atau buka alamat ini untuk memeriksa keaslian sertifikat:", small, XBrushes.Black, new XRect(80, 505, width - 300, 14), XStringFormats.TopLeft);
            g.DrawString(c.VerificationUrl, small, XBrushes.Black, new XRect(80, 518, width - 300, 14), XStringFormats.TopLeft);

            using var qr = XImage.FromStream(new MemoryStream(QrPng(c.VerificationUrl)));
            g.DrawImage(qr, width - 210, 380, 140, 140);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public static byte[] QrPng(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    private static void EnsureFonts(string directory)
    {
        // PdfSharp has one process-wide resolver and refuses a second: set it once.
        lock (FontLock)
        {
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new Fonts(directory);
        }
    }

    /// <summary>DejaVu Sans from Debian's fonts-dejavu-core (eng/setup.sh installs it): Linux has no fonts PdfSharp finds itself.</summary>
    private sealed class Fonts(string directory) : IFontResolver
    {
        public const string Family = "DejaVu Sans";

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[] GetFont(string faceName)
        {
            var path = Path.Combine(directory, faceName + ".ttf");
            if (!File.Exists(path))
                throw new InvalidOperationException($"Font {path} is missing: install Debian's fonts-dejavu-core (eng/setup.sh run) or set Certification:FontDirectory.");
            return File.ReadAllBytes(path);
        }
    }
}
