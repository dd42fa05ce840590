using System.Net;
using Learning.Certification;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Tenants.Contracts;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using static Learning.Web.Tests.Flows.CertificationDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>What a holder reads on the certificate PDF they download: names, levels, the signing official, the expiry.</summary>
public sealed class CertificateDocumentTests
{
    private const string Official = "Dr. Ṣalihah Nuré Großmann-O’Brien, S.Sos., M.Si.";
    private const string OfficialNip = "197504122000032001";
    private const string OfficialTitle = "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Semarang";
    private static readonly string[] Months =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    /// <summary>The text as one line per line of the page, and as running text (wrapped lines joined) for long names.</summary>
    private static (string Lines, string Running) Read(byte[] pdf)
    {
        var text = PdfText.Extract(pdf);
        return (text, text.Replace('\n', ' '));
    }

    [Theory]
    [InlineData(Db.Sqlite, true)]
    [InlineData(Db.Postgres, false)]
    public async Task Should_print_competency_names_and_levels_the_official_and_the_expiry_in_indonesian(Db db, bool compressed)
    {
        var settings = Settings();
        settings["Certification:CompressPdf"] = compressed ? "true" : "false"; // what production writes, and what a reader sees plainly
        await using var app = new LearningApp(db, settings: settings);
        var tenants = app.Services.GetRequiredService<ITenantDirectory>();
        await app.WithScope(async sp =>
        {
            var change = await sp.GetRequiredService<ITenantAdministration>().Save(tenants.Default.Key,
                new TenantSettings { OfficialName = Official, OfficialNip = OfficialNip, OfficialTitle = OfficialTitle }, CancellationToken.None);
            Assert.True(change.Succeeded, string.Join("; ", change.Problems));
            return 0;
        });

        var certificate = await Complete(app, Learner, "adminduk-daring", app.Clock.GetUtcNow().UtcDateTime);
        var learner = await app.ApiAs(Learner);
        var download = await learner.GetAsync($"/certificates/{certificate.Code}/pdf");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var (lines, running) = Read(await download.Content.ReadAsByteArrayAsync());

        // Competencies by the names in the dictionary, each with its level; never the codes.
        Assert.Contains("\u2022 Administrasi Kependudukan Daring \u2014 level 2", lines);
        Assert.Contains("\u2022 Pelayanan Publik \u2014 level 2", lines);
        Assert.Contains("\u2022 Perekat Bangsa \u2014 level 2", lines);
        Assert.DoesNotContain("pelayanan-publik", lines);
        Assert.DoesNotContain("administrasi-kependudukan-daring", lines);
        // The signing official: every letter of the name, the NIP, the (wrapped) title.
        Assert.Contains(Official, running);
        Assert.Contains($"NIP {OfficialNip}", lines);
        Assert.Contains(OfficialTitle, running);
        Assert.DoesNotContain(OfficialTitle, lines); // too long for one line beside the QR code: it wraps
        // The holder and the expiry, the month in Indonesian.
        Assert.Contains("Agus Prasetyo", lines);
        Assert.Contains($"NIP {Learner}", lines);
        var until = certificate.ValidUntil!.Value;
        Assert.Contains($"Berlaku sampai: {until.Day} {Months[until.Month - 1]} {until.Year}", lines);
        Assert.Contains($"Tanggal terbit: {certificate.IssuedOn.Day} {Months[certificate.IssuedOn.Month - 1]} {certificate.IssuedOn.Year}", lines);
    }

    [Fact]
    public async Task Should_keep_every_letter_of_a_name_and_wrap_long_names_and_titles()
    {
        await using var app = new LearningApp(demo: false, settings: Settings());
        var pdf = app.Services.GetRequiredService<CertificatePdf>();
        const string holder = "Raden Ajeng Ṣiti Nurhalizah Dé Großmann-O’Brien binti Muhammad Abdurrahman Wahyudiningrat Kusumawardhani";
        const string course = "Pelayanan Publik Digital yang Inklusif bagi Penyandang Disabilitas, Lansia, dan Warga di Daerah Tertinggal, Terdepan, dan Terluar (3T)";
        var competencies = Enumerable.Range(1, 12).Select(i => (new CompetencyAward($"k{i}", 1 + i % 5), $"Kompetensi Ke-{i} Ŀatihan")).ToList();
        var content = new CertificateContent("DISDUKCAPIL/2026/000009", holder, Learner, course, 12.5m, competencies,
            new DateOnly(2026, 12, 6), new DateOnly(2028, 8, 17), "https://belajar.example.go.id/certificates/verify/abc",
            new CertifyingBody("BKPSDM Kota Semarang", Official, OfficialTitle, OfficialNip, "https://belajar.example.go.id"));

        var (lines, running) = Read(pdf.Render(content));

        Assert.Contains(holder, running); // every letter, none turned into a box or a question mark
        Assert.DoesNotContain(holder, lines); // two lines, not one running off the page
        Assert.Contains(course, running);
        Assert.DoesNotContain("\uFFFD", lines);
        Assert.Contains("12,5 JP", lines);
        Assert.Contains("Berlaku sampai: 17 Agustus 2028", lines);
        Assert.Contains("Kompetensi Ke-1 Ŀatihan \u2014 level 2", lines);
        // What does not fit above the dates is counted, not drawn over them.
        Assert.Matches(@"\u2026 dan \d+ kompetensi lainnya", lines);
        Assert.DoesNotContain("Kompetensi Ke-12 ", lines);
        Assert.Contains(Official, running);

        // A letter DejaVu Sans lacks (Latin Extended-D) comes from another font on the machine, and stays in the text; one that
        // no font has still leaves a certificate, with the rest of the name whole.
        var withFallback = pdf.Render(content with { HolderName = "Siti Maꜭrifah" });
        Assert.Contains("Siti Maꜭrifah", Read(withFallback).Lines.Split('\n'));
        var faces = System.Text.RegularExpressions.Regex.Matches(Latin1(withFallback), @"/BaseFont\s*/(?:[A-Z]{6}\+)?([\w-]+)").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.True(faces.Count(f => !f.StartsWith("DejaVuSans", StringComparison.Ordinal)) >= 1, string.Join(", ", faces)); // the letter's own font is embedded
        var (missing, _) = Read(pdf.Render(content with { HolderName = "Siti 山田 Rahayu" }));
        Assert.Contains("NIP " + Learner, missing.Split('\n'));
        Assert.Contains(missing.Split('\n'), l => l.StartsWith("Siti ", StringComparison.Ordinal) && l.EndsWith(" Rahayu", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_set_the_officials_nip_by_the_tenants_verb_and_refuse_a_wrong_one()
    {
        await using var app = new LearningApp(demo: false, settings: Settings());
        var tenants = app.Services.GetRequiredService<ITenantDirectory>();
        var wrong = await app.WithScope(sp => sp.GetRequiredService<ITenantAdministration>().Save(tenants.Default.Key,
            new TenantSettings { OfficialNip = "1975-04-12" }, CancellationToken.None));
        Assert.False(wrong.Succeeded);
        Assert.Contains("NIP pejabat \"1975-04-12\" tidak sah: harus 18 angka.", wrong.Problems);

        Assert.Equal(0, await Verbs.Run(app.Services, "tenants", ["add", tenants.Default.Key, "--name", "Kota Semarang", "--official", Official, "--official-nip", OfficialNip,
            "--official-title", OfficialTitle], TextWriter.Null));
        var body = app.Services.GetRequiredService<CertificationOptions>().BodyOf(tenants.Find(tenants.Default.Key)!);
        Assert.Equal((Official, OfficialNip, OfficialTitle), (body.OfficialName, body.OfficialNip, body.OfficialTitle));
    }
}
