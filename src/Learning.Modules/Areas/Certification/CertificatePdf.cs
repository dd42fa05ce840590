using System.Globalization;
using Learning.Courses.Contracts;
using System.IO.Compression;
using System.Text;
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
}

public sealed record CertificateContent(
    string Number, string HolderName, string HolderNip, string CourseTitle, decimal Jp,
    IReadOnlyList<(CompetencyAward Award, string Name)> Competencies, DateOnly IssuedOn, DateOnly? ValidUntil, string VerificationUrl);

/// <summary>
/// The certificate as a one-page A4 landscape PDF in Bahasa Indonesia with a QR code to its verification page.
/// Written directly (PDF 1.4, the standard Helvetica fonts, the QR code as a 1-bit image): the only PdfSharp the
/// registry serves (6.5.0) is AGPL-licensed and refuses to run without a licence decision that is not ours to make.
/// The same content gives the same bytes, so tests and re-renders can compare.
/// </summary>
public sealed class CertificatePdf(CertificationOptions options)
{
    private static readonly CultureInfo Indonesian = new("id-ID");
    private const double Width = 842, Height = 595;

    public byte[] Render(CertificateContent c)
    {
        var page = new StringBuilder();
        void Text(string font, double size, double x, double y, string text) =>
            page.Append(FormattableString.Invariant($"BT /{font} {size} Tf {x} {y} Td ")).Append(Literal(text)).Append(" Tj ET\n");

        page.Append("0.12 0.31 0.47 RG 3 w 24 24 794 547 re S\n");
        Text("F2", 30, 70, 500, "SERTIFIKAT");
        Text("F1", 12, 70, 478, $"Nomor: {c.Number}");
        Text("F1", 12, 70, 440, "Diberikan kepada");
        Text("F2", 20, 70, 414, c.HolderName);
        Text("F1", 12, 70, 394, $"NIP {c.HolderNip}");
        Text("F1", 12, 70, 362, "telah menyelesaikan pelatihan");
        Text("F2", 18, 70, 338, c.CourseTitle);
        Text("F1", 12, 70, 318, $"{c.Jp.ToString("0.##", Indonesian)} JP");
        var y = 286.0;
        if (c.Competencies.Count > 0)
        {
            Text("F1", 12, 70, y, "Kompetensi yang diperoleh:");
            foreach (var (award, name) in c.Competencies)
            {
                y -= 17;
                Text("F1", 11, 85, y, $"\u2022 {name} \u2014 level {award.Level}");
            }
        }
        Text("F1", 12, 70, 96, $"Tanggal terbit: {c.IssuedOn.ToString("d MMMM yyyy", Indonesian)}");
        Text("F1", 12, 70, 80, "Berlaku sampai: " + (c.ValidUntil is { } until ? until.ToString("d MMMM yyyy", Indonesian) : "tanpa batas waktu"));
        Text("F1", 9, 70, 58, "Pindai kode QR atau buka alamat ini untuk memeriksa keaslian sertifikat:");
        Text("F1", 9, 70, 46, c.VerificationUrl);
        page.Append("q 150 0 0 150 640 50 cm /QR Do Q\n");

        var (qrSize, qrBits) = QrImage(c.VerificationUrl);
        var content = Encoding.Latin1.GetBytes(page.ToString());
        var compress = options.CompressPdf;
        var pdf = new PdfWriter();
        pdf.Object("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Object(FormattableString.Invariant($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {Width} {Height}] ") +
            "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /QR 7 0 R >> >> /Contents 4 0 R >>");
        pdf.Stream("", compress ? Deflate(content) : content, compress);
        pdf.Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        pdf.Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
        pdf.Stream(FormattableString.Invariant($"/Type /XObject /Subtype /Image /Width {qrSize} /Height {qrSize} /ColorSpace /DeviceGray /BitsPerComponent 1"),
            Deflate(qrBits), compressed: true);
        pdf.Object($"<< /Title {Literal($"Sertifikat {c.Number}")} /Creator (Learning) /CreationDate (D:{c.IssuedOn:yyyyMMdd}000000Z) >>");
        return pdf.Finish(rootObject: 1, infoObject: 8);
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

    private static byte[] Deflate(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) z.Write(bytes);
        return output.ToArray();
    }

    /// <summary>A PDF string in WinAnsi: Latin-1 as is, bullets and dashes mapped, anything else '?'.</summary>
    private static string Literal(string text)
    {
        var result = new StringBuilder("(");
        foreach (var ch in text)
        {
            var code = ch switch
            {
                '\u2022' => 0x95, '\u2013' => 0x96, '\u2014' => 0x97, '\u2018' => 0x91, '\u2019' => 0x92, '\u201C' => 0x93, '\u201D' => 0x94,
                _ when ch is >= ' ' and <= '~' || ch is >= '\u00A0' and <= '\u00FF' => ch,
                _ => '?',
            };
            if (code is '(' or ')' or '\\') result.Append('\\');
            if (code > 0x7E) result.Append('\\').Append(Convert.ToString(code, 8).PadLeft(3, '0'));
            else result.Append((char)code);
        }
        return result.Append(')').ToString();
    }

    /// <summary>Numbers objects in the order written and keeps their offsets for the cross-reference table.</summary>
    private sealed class PdfWriter
    {
        private readonly MemoryStream _out = new();
        private readonly List<long> _offsets = [];

        public PdfWriter() => Write("%PDF-1.4\n%\u00E2\u00E3\u00CF\u00D3\n");

        private void Write(string text) => _out.Write(Encoding.Latin1.GetBytes(text));

        public void Object(string body)
        {
            _offsets.Add(_out.Position);
            Write($"{_offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        public void Stream(string dictionary, byte[] data, bool compressed)
        {
            _offsets.Add(_out.Position);
            Write(FormattableString.Invariant($"{_offsets.Count} 0 obj\n<< {dictionary} /Length {data.Length}{(compressed ? " /Filter /FlateDecode" : "")} >>\nstream\n"));
            _out.Write(data);
            Write("\nendstream\nendobj\n");
        }

        public byte[] Finish(int rootObject, int infoObject)
        {
            var xref = _out.Position;
            var table = new StringBuilder(FormattableString.Invariant($"xref\n0 {_offsets.Count + 1}\n0000000000 65535 f \n"));
            foreach (var offset in _offsets) table.Append(FormattableString.Invariant($"{offset:D10} 00000 n \n"));
            table.Append(FormattableString.Invariant($"trailer\n<< /Size {_offsets.Count + 1} /Root {rootObject} 0 R /Info {infoObject} 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
            Write(table.ToString());
            return _out.ToArray();
        }
    }
}
