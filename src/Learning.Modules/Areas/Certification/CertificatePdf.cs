using System.Globalization;
using Learning.Certification.Contracts;
using Learning.Competencies.Contracts;
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
    /// <summary>The organiser and the official named on certificates where the tenant names none (Certification:Institution, OfficialName, OfficialTitle, OfficialNip).</summary>
    public string Institution { get; set; } = "BKPSDM Kota Semarang";
    public string OfficialName { get; set; } = "";
    public string OfficialTitle { get; set; } = "";
    public string OfficialNip { get; set; } = "";

    /// <summary>Who issues certificates for <paramref name="tenant"/>: its own settings, these where it has none.</summary>
    public CertifyingBody BodyOf(TenantInfo tenant) => new(
        tenant.Institution is { Length: > 0 } institution ? institution : Institution,
        tenant.OfficialName is { Length: > 0 } official ? official : OfficialName,
        tenant.OfficialName is { Length: > 0 } ? tenant.OfficialTitle : OfficialTitle, // a title and NIP belong to their official
        tenant.OfficialName is { Length: > 0 } ? tenant.OfficialNip : OfficialNip,
        tenant.PublicUrl is { Length: > 0 } url ? url.TrimEnd('/') : PublicUrl.TrimEnd('/'));
}

/// <summary>The institution and official a tenant's certificates name, and the address their QR codes point to.</summary>
public sealed record CertifyingBody(string Institution, string OfficialName, string OfficialTitle, string OfficialNip, string PublicUrl);

public sealed record CertificateContent(
    string Number, string HolderName, string HolderNip, string CourseTitle, decimal Jp,
    IReadOnlyList<(CompetencyAward Award, string Name)> Competencies, DateOnly IssuedOn, DateOnly? ValidUntil, string VerificationUrl,
    CertifyingBody? Body = null, ClassDates? Class = null);

/// <summary>The days of a class as people write them: "14 Desember 2026", "14–15 Desember 2026", "30 November – 1 Desember 2026".</summary>
public static class ClassDays
{
    public static string Range(DateOnly first, DateOnly last, Func<int, string> month)
    {
        if (last < first) (first, last) = (last, first);
        if (first == last) return $"{first.Day} {month(first.Month)} {first.Year}";
        if (first.Year == last.Year && first.Month == last.Month) return $"{first.Day}\u2013{last.Day} {month(last.Month)} {last.Year}";
        if (first.Year == last.Year) return $"{first.Day} {month(first.Month)} \u2013 {last.Day} {month(last.Month)} {last.Year}";
        return $"{first.Day} {month(first.Month)} {first.Year} \u2013 {last.Day} {month(last.Month)} {last.Year}";
    }

    /// <summary>The same in the reader's language (month names of <paramref name="culture"/>).</summary>
    public static string Range(DateOnly first, DateOnly last, CultureInfo culture) =>
        Range(first, last, m => culture.DateTimeFormat.GetMonthName(m));
}

/// <summary>
/// The certificate as a one-page A4 landscape PDF in Bahasa Indonesia with a QR code to its verification page, written with
/// PDFsharp 6.2.4 (the last MIT release; 6.5.0 names the AGPL). Text in embedded DejaVu Sans with Unicode encoding (a name may
/// hold any letter; a ToUnicode map keeps it extractable), falling back per character to another font on the machine; long
/// names and titles wrap. The QR code is QRCoder's matrix as a 1-bit image, one pixel a module.
/// </summary>
public sealed class CertificatePdf(CertificationOptions options)
{
    private static readonly CultureInfo Indonesian = new("id-ID");
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private const double PageHeight = 595;

    /// <summary>The certificate as its row says now (the expiry after a renewal included), competencies by their dictionary names.</summary>
    public byte[] Render(Certificate certificate, CertifyingBody body, IReadOnlyList<CompetencyInfo> dictionary)
    {
        var names = dictionary.ToDictionary(c => c.Code, c => c.Name, StringComparer.OrdinalIgnoreCase);
        return Render(new CertificateContent(certificate.Number, certificate.HolderName, certificate.HolderNip, certificate.CourseTitle,
            certificate.Jp, certificate.Competencies.Select(a => (a, names.GetValueOrDefault(a.Code, a.Code))).ToList(),
            certificate.IssuedOn, certificate.ValidUntil, certificate.VerificationUrl, body, certificate.Class));
    }

    private static readonly string[] Months =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    /// <summary>"9 Desember 2028": a certificate is in Indonesian whatever the reader's language (month names our own, not ICU's).</summary>
    public static string IndonesianDate(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    /// <summary>"14–15 Desember 2026" in Indonesian, the certificate's language.</summary>
    public static string IndonesianDays(DateOnly first, DateOnly last) => ClassDays.Range(first, last, m => Months[m - 1]);

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
        page.Height = XUnit.FromPoint(PageHeight);
        using (var g = XGraphics.FromPdfPage(page))
        {
            var writer = new Writer(g);
            g.DrawRectangle(new XPen(XColor.FromArgb(31, 79, 120), 3), 24, 24, 794, 547);
            if (c.Body is { Institution.Length: > 0 } issuer) writer.Fitted(true, 14, 70, 532, 700, issuer.Institution);
            writer.Text(true, 30, 70, 500, "SERTIFIKAT");
            writer.Text(false, 12, 70, 478, $"Nomor: {c.Number}");
            writer.Text(false, 12, 70, 444, "Diberikan kepada");
            // The middle flows down from here: a long name or course title takes a second line and pushes the rest down.
            var y = writer.Wrapped(true, 20, 70, 420, 700, 23, c.HolderName, maxLines: 2);
            writer.Text(false, 12, 70, y - 2, $"NIP {c.HolderNip}");
            writer.Text(false, 12, 70, y - 26, "telah menyelesaikan pelatihan");
            y = writer.Wrapped(true, 18, 70, y - 50, 700, 21, c.CourseTitle, maxLines: 3);
            writer.Text(false, 12, 70, y - 2, $"{c.Jp.ToString("0.##", Indonesian)} JP");
            y -= 30;
            if (c.Class is { } inClass)
            {
                // A class's certificate says where the JP came from: the class (when titled apart from the course) and its days.
                var line = $"Pelatihan klasikal, {IndonesianDays(inClass.FirstDay, inClass.LastDay)}";
                if (inClass.Title.Length > 0 && !string.Equals(inClass.Title.Trim(), c.CourseTitle.Trim(), StringComparison.OrdinalIgnoreCase))
                    line = $"Pelatihan klasikal \u201C{inClass.Title.Trim()}\u201D, {IndonesianDays(inClass.FirstDay, inClass.LastDay)}";
                y = writer.Wrapped(false, 12, 70, y + 8, 550, 14, line, maxLines: 2) - 22;
            }
            if (c.Competencies.Count > 0)
            {
                writer.Text(false, 12, 70, y, "Kompetensi yang diperoleh:");
                // Above the dates and beside the QR code; what does not fit is counted rather than drawn over them.
                const double floor = 118;
                for (var i = 0; i < c.Competencies.Count; i++)
                {
                    var (award, name) = c.Competencies[i];
                    var line = $"\u2022 {name} \u2014 level {award.Level}";
                    var last = y - 15 - (Math.Min(3, writer.Lines(false, 11, 330, line).Count) - 1) * 13;
                    if (last < floor || (i < c.Competencies.Count - 1 && last - 15 < floor))
                    {
                        writer.Text(false, 11, 85, y - 15, $"\u2026 dan {c.Competencies.Count - i} kompetensi lainnya");
                        break;
                    }
                    y = writer.Wrapped(false, 11, 85, y - 15, 330, 13, line, maxLines: 3);
                }
            }
            writer.Text(false, 12, 70, 96, $"Tanggal terbit: {IndonesianDate(c.IssuedOn)}");
            writer.Text(false, 12, 70, 80, "Berlaku sampai: " + (c.ValidUntil is { } until ? IndonesianDate(until) : "tanpa batas waktu"));
            writer.Text(false, 9, 70, 58, "Pindai kode QR atau buka alamat ini untuk memeriksa keaslian sertifikat:");
            writer.Text(false, 9, 70, 46, c.VerificationUrl);
            if (c.Body is { OfficialName.Length: > 0 } official)
            {
                // The signature block, bottom-up beside the QR code: NIP, name, room to sign, the official's title.
                const double x = 430, width = 200;
                var bottom = 50.0;
                if (official.OfficialNip.Length > 0) { writer.Text(false, 10, x, bottom, $"NIP {official.OfficialNip}"); bottom += 14; }
                var nameLines = writer.Lines(true, 12, width, official.OfficialName).Take(2).ToList();
                writer.Wrapped(true, 12, x, bottom + (nameLines.Count - 1) * 14, width, 14, official.OfficialName, maxLines: 2);
                bottom += (nameLines.Count - 1) * 14 + 50;
                if (official.OfficialTitle.Length > 0)
                {
                    var titleLines = Math.Min(3, writer.Lines(false, 10, width, official.OfficialTitle).Count);
                    writer.Wrapped(false, 10, x, bottom + (titleLines - 1) * 12, width, 12, official.OfficialTitle, maxLines: 3);
                }
            }

            using var qr = XImage.FromStream(new MemoryStream(QrBitmap(c.VerificationUrl)));
            qr.Interpolate = false; // sharp modules, so scanners read it
            g.DrawImage(qr, 640, PageHeight - 50 - 150, 150, 150);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Draws text in runs of one font each (DejaVu Sans, or the fallback that has the character), measures and wraps it.</summary>
    private sealed class Writer(XGraphics g)
    {
        private readonly Dictionary<(string, double, bool), XFont> _fonts = [];

        private XFont Font(string family, double size, bool bold)
        {
            if (!_fonts.TryGetValue((family, size, bold), out var font))
                _fonts[(family, size, bold)] = font = new XFont(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
            return font;
        }

        /// <summary>The text cut where the font it needs changes (a surrogate pair stays whole).</summary>
        private static IEnumerable<(string Family, string Text)> Runs(string text)
        {
            var run = new System.Text.StringBuilder();
            string? family = null;
            for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
            {
                var next = char.IsWhiteSpace(text[i]) && family is not null ? family : CertificateFonts.FamilyFor(char.ConvertToUtf32(text, i));
                if (family is not null && next != family) { yield return (family, run.ToString()); run.Clear(); }
                family = next;
                run.Append(text, i, char.IsSurrogatePair(text, i) ? 2 : 1);
            }
            if (family is not null) yield return (family, run.ToString());
        }

        public double Width(bool bold, double size, string text) =>
            Runs(text).Sum(r => g.MeasureString(r.Text, Font(r.Family, size, bold)).Width);

        /// <summary>y is the baseline measured from the bottom, as in the PDF itself.</summary>
        public void Text(bool bold, double size, double x, double y, string text)
        {
            foreach (var (family, run) in Runs(text))
            {
                var font = Font(family, size, bold);
                g.DrawString(run, font, XBrushes.Black, x, PageHeight - y);
                x += g.MeasureString(run, font).Width;
            }
        }

        /// <summary>A line that must stay one line (the institution) shrinks to its room.</summary>
        public void Fitted(bool bold, double size, double x, double y, double width, string text)
        {
            while (size > 7 && Width(bold, size, text) > width) size -= 0.5;
            Text(bold, size, x, y, text);
        }

        /// <summary>The text broken at spaces into lines no wider than <paramref name="width"/> (a longer word is cut).</summary>
        public List<string> Lines(bool bold, double size, double width, string text)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Width(bold, size, candidate) <= width) { line = candidate; continue; }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (line.Length > 1 && Width(bold, size, line) > width)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && Width(bold, size, line[..cut]) > width) cut--;
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }
            if (line.Length > 0) lines.Add(line);
            return lines;
        }

        /// <summary>
        /// Draws the text from baseline <paramref name="y"/> down, <paramref name="leading"/> apart; past <paramref name="maxLines"/>
        /// the last line shrinks to hold the rest. Returns the baseline of the last line drawn.
        /// </summary>
        public double Wrapped(bool bold, double size, double x, double y, double width, double leading, string text, int maxLines)
        {
            var lines = Lines(bold, size, width, text);
            if (lines.Count > maxLines) lines = [.. lines.Take(maxLines - 1), string.Join(' ', lines.Skip(maxLines - 1))];
            for (var i = 0; i < lines.Count; i++)
            {
                if (i > 0) y -= leading;
                if (i == lines.Count - 1) Fitted(bold, size, x, y, width, lines[i]);
                else Text(bold, size, x, y, lines[i]);
            }
            return y;
        }
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
internal sealed class WriteCertificatePdfHandler(LearningDbContext db, IBlobStore blobs, CertificatePdf pdf, CertificationOptions options,
    ICompetencyDictionary competencies) : IOutboxHandler<WriteCertificatePdf>
{
    public async Task Handle(WriteCertificatePdf message, CancellationToken ct)
    {
        var certificate = await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == message.CertificateId, ct);
        if (certificate is null) return;
        await blobs.Put(certificate.PdfBlobName, new MemoryStream(pdf.Render(certificate, options.BodyOf(db.Tenant), await competencies.List(ct))), "application/pdf", ct);
    }
}
