using System.Globalization;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Learning.Certification;

/// <summary>Certification:* settings.</summary>
public sealed class CertificationOptions
{
    /// <summary>Where the QR code points: {PublicUrl}/certificates/verify/{code} (top-level key PublicUrl).</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5000";
    /// <summary>Off only in tests, so the text of the PDF can be read from its bytes.</summary>
    public bool CompressPdf { get; set; } = true;
    public int VerifyPermitLimit { get; set; } = 30;
    public int VerifyWindowSeconds { get; set; } = 60;
    /// <summary>The organiser and the official named on certificates where the tenant names none (Certification:Institution, …).</summary>
    public string Institution { get; set; } = "BKPSDM Kota Semarang";
    public string OfficialName { get; set; } = "";
    public string OfficialTitle { get; set; } = "";

    /// <summary>Who issues certificates for <paramref name="tenant"/>: its own settings, these where it has none.</summary>
    public CertifyingBody BodyOf(TenantInfo tenant) => new(
        tenant.Institution is { Length: > 0 } institution ? institution : Institution,
        tenant.OfficialName is { Length: > 0 } official ? official : OfficialName,
        tenant.OfficialName is { Length: > 0 } ? tenant.OfficialTitle : OfficialTitle, // a title belongs to its official
        tenant.PublicUrl is { Length: > 0 } url ? url.TrimEnd('/') : PublicUrl.TrimEnd('/'));
}

/// <summary>The institution and official a tenant's certificates name, and the address their QR codes point to.</summary>
public sealed record CertifyingBody(string Institution, string OfficialName, string OfficialTitle, string PublicUrl);

public sealed record CertificateContent(
    string Number, string HolderName, string HolderNip, string CourseTitle, decimal Jp,
    IReadOnlyList<(CompetencyAward Award, string Name)> Competencies, DateOnly IssuedOn, DateOnly? ValidUntil, string VerificationUrl,
    CertifyingBody? Body = null);

/// <summary>
/// The certificate as a one-page A4 landscape PDF in Bahasa Indonesia with a QR code to its verification page, written with
/// PDFsharp 6.2.4 (the last MIT release; 6.5.0 names the AGPL). Text in embedded DejaVu Sans with WinAnsi encoding, so it stays
/// extractable; the QR code is QRCoder's matrix as a 1-bit image, one pixel a module.
/// </summary>
public sealed class CertificatePdf(CertificationOptions options)
{
    private static readonly CultureInfo Indonesian = new("id-ID");
    private static readonly XPdfFontOptions WinAnsi = new(PdfFontEncoding.WinAnsi);

    /// <summary>The certificate as its row says now (the expiry after a renewal included).</summary>
    public byte[] Render(Certificate certificate, CertifyingBody body) => Render(new CertificateContent(certificate.Number, certificate.HolderName,
        certificate.HolderNip, certificate.CourseTitle, certificate.Jp, certificate.Competencies.Select(a => (a, a.Code)).ToList(),
        certificate.IssuedOn, certificate.ValidUntil, certificate.VerificationUrl, body));

    public byte[] Render(CertificateContent c)
    {
        CertificateFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"Sertifikat {c.Number}";
        document.Info.Creator = "Learning";
        document.Info.CreationDate = c.IssuedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (!options.CompressPdf) { document.Options.CompressContentStreams = false; document.Options.NoCompression = true; }

        var page = document.AddPage();
        page.Width = XUnit.FromPoint(842);
        page.Height = XUnit.FromPoint(595);
        using (var g = XGraphics.FromPdfPage(page))
        {
            var fonts = new Dictionary<(double, bool), XFont>();
            // y is the baseline measured from the bottom, as in the PDF itself.
            void Text(bool bold, double size, double x, double y, string text)
            {
                if (!fonts.TryGetValue((size, bold), out var font))
                    fonts[(size, bold)] = font = new XFont(CertificateFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, WinAnsi);
                g.DrawString(text, font, XBrushes.Black, x, 595 - y);
            }
            // A long name or title shrinks to its room instead of running into the QR code.
            void Fitted(bool bold, double size, double x, double y, double width, string text)
            {
                while (size > 7 && g.MeasureString(text, new XFont(CertificateFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, WinAnsi)).Width > width)
                    size -= 0.5;
                Text(bold, size, x, y, text);
            }

            g.DrawRectangle(new XPen(XColor.FromArgb(31, 79, 120), 3), 24, 24, 794, 547);
            if (c.Body is { Institution.Length: > 0 } issuer) Fitted(true, 14, 70, 532, 700, issuer.Institution);
            Text(true, 30, 70, 500, "SERTIFIKAT");
            Text(false, 12, 70, 478, $"Nomor: {c.Number}");
            Text(false, 12, 70, 440, "Diberikan kepada");
            Text(true, 20, 70, 414, c.HolderName);
            Text(false, 12, 70, 394, $"NIP {c.HolderNip}");
            Text(false, 12, 70, 362, "telah menyelesaikan pelatihan");
            Text(true, 18, 70, 338, c.CourseTitle);
            Text(false, 12, 70, 318, $"{c.Jp.ToString("0.##", Indonesian)} JP");
            var y = 286.0;
            if (c.Competencies.Count > 0)
            {
                Text(false, 12, 70, y, "Kompetensi yang diperoleh:");
                foreach (var (award, name) in c.Competencies)
                {
                    y -= 17;
                    Text(false, 11, 85, y, $"\u2022 {name} \u2014 level {award.Level}");
                }
            }
            Text(false, 12, 70, 96, $"Tanggal terbit: {c.IssuedOn.ToString("d MMMM yyyy", Indonesian)}");
            Text(false, 12, 70, 80, "Berlaku sampai: " + (c.ValidUntil is { } until ? until.ToString("d MMMM yyyy", Indonesian) : "tanpa batas waktu"));
            Text(false, 9, 70, 58, "Pindai kode QR atau buka alamat ini untuk memeriksa keaslian sertifikat:");
            Text(false, 9, 70, 46, c.VerificationUrl);
            if (c.Body is { OfficialName.Length: > 0 } official)
            {
                if (official.OfficialTitle.Length > 0) Fitted(false, 11, 420, 150, 210, official.OfficialTitle);
                Fitted(true, 12, 420, 96, 210, official.OfficialName);
            }

            using var qr = XImage.FromStream(new MemoryStream(QrBitmap(c.VerificationUrl)));
            qr.Interpolate = false; // sharp modules at any zoom, so scanners read it
            g.DrawImage(qr, 640, 595 - 50 - 150, 150, 150);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>QRCoder's module matrix (quiet zone included) as 1-bit rows: 0 is a dark module, 1 white.</summary>
    public static (int Size, byte[] Bits) QrImage(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var size = data.ModuleMatrix.Count;
        var stride = (size + 7) / 8;
        var bits = new byte[stride * size];
        for (var row = 0; row < size; row++)
        for (var col = 0; col < size; col++)
            if (!data.ModuleMatrix[row][col]) bits[row * stride + col / 8] |= (byte)(0x80 >> (col % 8));
        return (size, bits);
    }

    /// <summary>The QR image as a 1-bit BMP (black and white palette, rows bottom-up and padded to 4 bytes), which PDFsharp reads as is.</summary>
    private static byte[] QrBitmap(string payload)
    {
        var (size, bits) = QrImage(payload);
        var stride = (size + 7) / 8;
        var padded = (stride + 3) / 4 * 4;
        const int headers = 14 + 40 + 8;
        var bmp = new byte[headers + padded * size];
        var w = new BinaryWriter(new MemoryStream(bmp));
        w.Write((byte)'B'); w.Write((byte)'M'); w.Write(bmp.Length); w.Write(0); w.Write(headers);
        w.Write(40); w.Write(size); w.Write(size); w.Write((short)1); w.Write((short)1); w.Write(0); w.Write(padded * size);
        w.Write(2835); w.Write(2835); w.Write(2); w.Write(2);
        w.Write(0x00000000); w.Write(0x00FFFFFF); // palette: 0 black, 1 white
        for (var row = size - 1; row >= 0; row--)
        {
            w.Write(bits, row * stride, stride);
            w.Write(new byte[padded - stride]);
        }
        return bmp;
    }
}

/// <summary>
/// Outbox message: write the certificate's PDF to blob storage. Enqueued in the transaction that issues or renews the
/// certificate, so a rollback leaves no PDF behind; sent after commit.
/// </summary>
public sealed record WriteCertificatePdf(Guid CertificateId);

/// <summary>
/// Renders the certificate from its row as it is now and puts it under its blob name: a repeat, or an older message sent
/// after a newer one, overwrites it with the same current PDF.
/// </summary>
internal sealed class WriteCertificatePdfHandler(LearningDbContext db, IBlobStore blobs, CertificatePdf pdf, CertificationOptions options)
    : IOutboxHandler<WriteCertificatePdf>
{
    public async Task Handle(WriteCertificatePdf message, CancellationToken ct)
    {
        var certificate = await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == message.CertificateId, ct);
        if (certificate is null) return;
        await blobs.Put(certificate.PdfBlobName, new MemoryStream(pdf.Render(certificate, options.BodyOf(db.Tenant))), "application/pdf", ct);
    }
}
