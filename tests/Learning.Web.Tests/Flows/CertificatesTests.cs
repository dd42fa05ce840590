using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.CareerRecords;
using Learning.Certification;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Media.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Learning.Web.Tests.Flows.CertificationDriver;

namespace Learning.Web.Tests.Flows;

public sealed class CertificatesTests
{
    /// <summary>The blob once the outbox has run: certificate PDFs are written after commit.</summary>
    private static async Task<byte[]> Blob(LearningApp app, string name)
    {
        await app.Services.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None);
        var blob = await app.Services.GetRequiredService<IBlobStore>().Get(name);
        Assert.NotNull(blob);
        await using var content = blob.Value.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_issue_certificate_with_pdf_and_qr_when_enrolment_completed(Db db)
    {
        await using var app = new LearningApp(db, settings: Settings());
        var completedAt = app.Clock.GetUtcNow().UtcDateTime;
        var completedOn = app.Clock.LocalDate(completedAt); // the day in Semarang, which may already be tomorrow in UTC terms

        var certificate = await Complete(app, Learner, "adminduk-daring", completedAt);

        Assert.Equal($"DISDUKCAPIL/{completedOn.Year}/000001", certificate.Number);
        Assert.Matches("^[a-z2-7]{32}$", certificate.Code);
        Assert.Equal(("Agus Prasetyo", Learner, "Layanan Administrasi Kependudukan Daring dan IKD"),
            (certificate.HolderName, certificate.HolderNip, certificate.CourseTitle));
        Assert.Equal(completedOn.AddMonths(24), certificate.ValidUntil); // 24 months from completion
        Assert.Equal($"https://belajar.example.go.id/certificates/verify/{certificate.Code}", certificate.VerificationUrl);
        Assert.Equal($"certificates/{completedOn.Year}/{certificate.Code}.pdf", certificate.PdfBlobName);

        var bytes = await Blob(app, certificate.PdfBlobName);
        var pdf = Latin1(bytes);
        Assert.StartsWith("%PDF-", pdf);
        // Drawn as text, so readers and screen readers can extract it.
        var text = PdfText.Extract(bytes);
        foreach (var line in new[] { "Agus Prasetyo", $"NIP {Learner}", "Layanan Administrasi Kependudukan Daring dan IKD", "2 JP",
                     $"Nomor: {certificate.Number}", "SERTIFIKAT", "\u2022 Pelayanan Publik \u2014 level 2", certificate.VerificationUrl })
            Assert.Contains(line, text.Split('\n'));
        // The QR code is an image XObject of QRCoder's matrix for exactly the verification URL.
        var (size, bits) = CertificatePdf.QrImage(certificate.VerificationUrl);
        // (PDFsharp writes dictionaries without spaces and names the image /I0.)
        Assert.Matches(new Regex($@"/Subtype/Image/Length \d+/Filter/FlateDecode/Width {size}/Height {size}/BitsPerComponent 1/ColorSpace/DeviceGray"), pdf);
        Assert.DoesNotContain("/Interpolate true", pdf); // sharp modules, so scanners read it
        Assert.Matches(new Regex(@"q 150 0 0 150 640 50 cm /I0 Do Q"), pdf);
        Assert.Equal(size * ((size + 7) / 8), bits.Length);

        var second = await Complete(app, OtherLearner, "spbe-dasar", completedAt);
        Assert.Equal($"DISDUKCAPIL/{completedOn.Year}/000002", second.Number);

        var anonymous = app.CreateClient();
        var verified = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify/{certificate.Code}");
        Assert.True(verified.GetProperty("valid").GetBoolean());
        Assert.Equal("valid", verified.GetProperty("status").GetString());
        Assert.Equal("Agus Prasetyo", verified.GetProperty("holder").GetString());
        Assert.Equal("199005**********01", verified.GetProperty("nip").GetString());
        Assert.Equal("Layanan Administrasi Kependudukan Daring dan IKD", verified.GetProperty("course").GetString());
        Assert.DoesNotContain(Learner, verified.GetRawText());

        var learner = await app.ApiAs(Learner);
        var mine = await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates");
        var item = Assert.Single(mine.EnumerateArray());
        Assert.Equal((certificate.Number, certificate.Code, "valid"),
            (item.GetProperty("number").GetString(), item.GetProperty("code").GetString(), item.GetProperty("status").GetString()));

        var record = await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record");
        Assert.Equal(Learner, record.GetProperty("nip").GetString());
        var training = Assert.Single(record.GetProperty("trainings").EnumerateArray());
        Assert.Equal((certificate.Number, "platform", "verified"),
            (training.GetProperty("certificateNumber").GetString(), training.GetProperty("source").GetString(), training.GetProperty("status").GetString()));
        // The course's competencies, at their levels, proven by this certificate until it expires.
        Assert.Equal(["administrasi-kependudukan-daring:2:active", "pelayanan-publik:2:active", "perekat-bangsa:2:active"],
            record.GetProperty("competencies").EnumerateArray()
                .Select(c => $"{c.GetProperty("code").GetString()}:{c.GetProperty("level").GetInt32()}:{c.GetProperty("status").GetString()}").Order());
        Assert.All(record.GetProperty("competencies").EnumerateArray(), c => Assert.Equal(item.GetProperty("validUntil").GetString(), c.GetProperty("validUntil").GetString()));
        Assert.Equal((completedOn.Year, 2m, 20m), (record.GetProperty("jp").GetProperty("year").GetInt32(),
            record.GetProperty("jp").GetProperty("total").GetDecimal(), record.GetProperty("jp").GetProperty("required").GetDecimal()));

        var download = await learner.GetAsync($"/certificates/{certificate.Code}/pdf");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Should_refuse_forged_and_unknown_codes_with_404()
    {
        await using var app = new LearningApp(settings: Settings());
        var certificate = await Complete(app, Learner, "spbe-dasar", app.Clock.GetUtcNow().UtcDateTime);
        var anonymous = app.CreateClient();

        var forged = certificate.Code[..^1] + (certificate.Code[^1] == 'a' ? 'b' : 'a');
        foreach (var code in new[] { forged, "abc", certificate.Number.Replace("/", "-"), certificate.Id.ToString() })
        {
            var response = await anonymous.GetAsync($"/api/v1/certificates/verify/{code}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var page = await anonymous.GetAsync($"/certificates/verify/{forged}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("tidak ditemukan", await page.Content.ReadAsStringAsync());
        var good = await anonymous.GetStringAsync($"/certificates/verify/{certificate.Code}");
        Assert.Contains("Sertifikat ini sah", good);
        Assert.Contains("199005**********01", good);
        Assert.DoesNotContain(Learner, good);
    }

    [Fact]
    public async Task Should_show_revoked_on_verification_after_a_coordinator_revokes()
    {
        await using var app = new LearningApp(settings: Settings());
        var certificate = await Complete(app, Learner, "spbe-dasar", app.Clock.GetUtcNow().UtcDateTime);
        var key = Uri.EscapeDataString(certificate.Number);

        var byLearner = await (await app.ApiAs(Learner)).PostAsJsonAsync($"/api/v1/certificates/{key}/revoke", new { reason = "ingin" });
        Assert.Equal(HttpStatusCode.Forbidden, byLearner.StatusCode);
        var coordinator = await app.ApiAs(Coordinator);
        var noReason = await coordinator.PostAsJsonAsync($"/api/v1/certificates/{key}/revoke", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var revoked = await coordinator.PostAsJsonAsync($"/api/v1/certificates/{key}/revoke", new { reason = "Plagiarisme tugas akhir" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var again = await coordinator.PostAsJsonAsync($"/api/v1/certificates/{certificate.Code}/revoke", new { reason = "lagi" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var verified = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify/{certificate.Code}");
        Assert.False(verified.GetProperty("valid").GetBoolean());
        Assert.Equal("revoked", verified.GetProperty("status").GetString());
        var page = await app.CreateClient().GetStringAsync($"/certificates/verify/{certificate.Code}");
        Assert.Contains("Dicabut", page);

        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var stored = await db.Set<Certificate>().SingleAsync(c => c.Id == certificate.Id);
            Assert.Equal("Plagiarisme tugas akhir", stored.RevocationReason);
            Assert.NotNull(stored.RevokedBy);
            Assert.NotNull(stored.RevokedAt);
            // The revoked certificate no longer counts in the career record.
            Assert.Equal(TrainingStatus.Rejected, (await db.Set<Training>().SingleAsync(t => t.CertificateId == certificate.Id)).Status);
        });
    }

    [Fact]
    public async Task Should_answer_429_problem_after_the_verification_limit()
    {
        await using var app = new LearningApp(settings: Settings(permitLimit: 3));
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/certificates/verify/{new string('a', 32)}")).StatusCode);

        var limited = await client.GetAsync($"/api/v1/certificates/verify/{new string('a', 32)}");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Should_let_only_the_holder_and_coordinators_download_the_pdf()
    {
        await using var app = new LearningApp(settings: Settings());
        var certificate = await Complete(app, Learner, "spbe-dasar", app.Clock.GetUtcNow().UtcDateTime);
        var byNumber = $"/certificates/{Uri.EscapeDataString(certificate.Number)}/pdf";
        var byCode = $"/certificates/{certificate.Code}/pdf";

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiAs(OtherLearner)).GetAsync(byCode)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiAs(OtherLearner)).GetAsync(byNumber)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ApiAs(Learner)).GetAsync(byNumber)).StatusCode);
        var coordinator = await (await app.ApiAs(Coordinator)).GetAsync(byCode);
        Assert.Equal(HttpStatusCode.OK, coordinator.StatusCode);
        Assert.StartsWith("%PDF-", Latin1(await coordinator.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Should_give_distinct_sequence_numbers_to_concurrent_completions_on_postgres()
    {
        await using var app = new LearningApp(Db.Postgres, settings: Settings());
        var at = app.Clock.GetUtcNow().UtcDateTime;
        var first = await Complete(app, Learner, "spbe-dasar", at); // the app starts (and seeds) before the race

        var issued = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            Task.Run(() => Complete(app, i % 2 == 0 ? Learner : OtherLearner, "spbe-dasar", at))));

        Assert.Equal(Enumerable.Range(1, 6).Select(n => $"DISDUKCAPIL/{at.Year}/{n:D6}"), issued.Append(first).Select(c => c.Number).Order());
    }

    [Fact]
    public async Task Should_contribute_the_jp_bar_and_my_certificates_to_the_home_page()
    {
        await using var app = new LearningApp(settings: Settings());
        _ = app.CreateClient();

        var sections = HomeSections.InOrder(app.Services.GetServices<IHomeSection>()).Select(s => s.ViewComponent.Name.Replace("ViewComponent", "")).ToList();

        Assert.Contains("JpBar", sections);
        Assert.Contains("MyCertificates", sections);
        Assert.True(sections.IndexOf("JpBar") < sections.IndexOf("MyCertificates"));
        Assert.NotNull(typeof(CertificatePdf).Assembly.GetType("Learning.Certification.Components.MyCertificatesViewComponent"));
        Assert.NotNull(typeof(CertificatePdf).Assembly.GetType("Learning.CareerRecords.Components.JpBarViewComponent"));
    }
}
