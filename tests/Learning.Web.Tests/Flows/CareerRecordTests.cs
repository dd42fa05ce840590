using Learning.Kernel;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Web.Tests.Infrastructure;
using static Learning.Web.Tests.Flows.CertificationDriver;

namespace Learning.Web.Tests.Flows;

public sealed class CareerRecordTests
{
    private static readonly byte[] PdfProof = [.. "%PDF-1.4\n"u8, .. new byte[2000]];

    private static async Task<HttpResponseMessage> Enter(HttpClient client, string title, decimal? jp = null, decimal? hours = null,
        byte[]? proof = null, string start = "2026-03-02", string end = "2026-03-04")
    {
        var file = new ByteArrayContent(proof ?? PdfProof);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(title), "title" }, { new StringContent("BPSDM Provinsi Jawa Tengah"), "organiser" },
            { new StringContent("Diklat Teknis"), "jenisDiklat" }, { new StringContent("Klasikal"), "jenisKursus" },
            { new StringContent(start), "startOn" }, { new StringContent(end), "endOn" },
            { new StringContent("BPSDM/2026/77"), "certificateNumber" }, { file, "proof", "sertifikat.pdf" },
        };
        if (jp is { } j) form.Add(new StringContent(j.ToString(System.Globalization.CultureInfo.InvariantCulture)), "jp");
        if (hours is { } h) form.Add(new StringContent(h.ToString(System.Globalization.CultureInfo.InvariantCulture)), "hours");
        return await client.PostAsync("/api/v1/me/career-record/trainings", form);
    }

    private static async Task<decimal> JpOf(HttpClient client, int year) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/me/career-record?year={year}")).GetProperty("jp").GetProperty("total").GetDecimal();

    [Fact]
    public async Task Should_count_an_external_training_only_once_verified_and_never_when_rejected()
    {
        await using var app = new LearningApp(settings: Settings());
        var learner = await app.ApiAs(Learner);
        var coordinator = await app.ApiAs(Coordinator);

        var entered = await Enter(learner, "Pelatihan Pelayanan Prima", hours: 12); // 12 hours = 720 minutes = 16 JP
        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        var line = await entered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("pending", 16m), (line.GetProperty("status").GetString(), line.GetProperty("jp").GetDecimal()));
        var rejectedLine = await (await Enter(learner, "Seminar Tanpa Bukti Sah", jp: 8)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0m, await JpOf(learner, 2026));

        var pending = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/career-records/trainings");
        Assert.Equal(2, pending.GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.PostAsync($"/api/v1/career-records/trainings/{line.GetProperty("id")}/verify", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsync($"/api/v1/career-records/trainings/{line.GetProperty("id")}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"/api/v1/career-records/trainings/{rejectedLine.GetProperty("id")}/reject", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/career-records/trainings/{rejectedLine.GetProperty("id")}/reject", new { reason = "Bukti tidak terbaca" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PostAsync($"/api/v1/career-records/trainings/{rejectedLine.GetProperty("id")}/verify", null)).StatusCode);

        Assert.Equal(16m, await JpOf(learner, 2026));
        var record = await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record?year=2026");
        var rejected = record.GetProperty("trainings").EnumerateArray().Single(t => t.GetProperty("title").GetString() == "Seminar Tanpa Bukti Sah");
        Assert.Equal(("rejected", "Bukti tidak terbaca"), (rejected.GetProperty("status").GetString(), rejected.GetProperty("reviewReason").GetString()));

        // The proof is kept and readable by its owner and coordinators only.
        var proofUrl = line.GetProperty("documentUrl").GetString()!;
        Assert.Equal(PdfProof, await (await learner.GetAsync(proofUrl)).Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(proofUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiAs(OtherLearner)).GetAsync(proofUrl)).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_a_proof_that_is_not_pdf_jpeg_or_png_or_too_large()
    {
        await using var app = new LearningApp(settings: Settings());
        var learner = await app.ApiAs(Learner);

        var text = await Enter(learner, "Kursus", jp: 2, proof: "<html>bukan pdf</html>"u8.ToArray());
        var huge = await Enter(learner, "Kursus", jp: 2, proof: [.. "%PDF-1.4\n"u8, .. new byte[5 * 1024 * 1024]]);
        var backwards = await Enter(learner, "Kursus", jp: 2, start: "2026-03-05", end: "2026-03-01");

        foreach (var response in new[] { text, huge, backwards })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var png = await Enter(learner, "Kursus", jp: 2, proof: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]);
        Assert.Equal(HttpStatusCode.Created, png.StatusCode);
    }

    [Fact]
    public async Task Should_export_exactly_the_verified_rows_of_a_unit_and_year_with_every_siasn_field()
    {
        await using var app = new LearningApp(settings: Settings());
        var learner = await app.ApiAs(Learner);
        var coordinator = await app.ApiAs(Coordinator);
        var platform = await Complete(app, Learner, "spbe-dasar", new DateTime(2026, 5, 20, 8, 0, 0, DateTimeKind.Utc), jp: 2);
        await Complete(app, Learner, "adminduk-daring", new DateTime(2025, 11, 3, 8, 0, 0, DateTimeKind.Utc)); // another year
        await Complete(app, DiskominfoLearner, "spbe-dasar", new DateTime(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc)); // another unit
        var external = await (await Enter(learner, "Pelatihan Pelayanan Prima", jp: 16)).Content.ReadFromJsonAsync<JsonElement>();
        await Enter(learner, "Belum diverifikasi", jp: 4); // pending: never exported
        await coordinator.PostAsync($"/api/v1/career-records/trainings/{external.GetProperty("id")}/verify", null);

        var json = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/career-records/export?format=json&unit=DISDUKCAPIL&year=2026");

        Assert.Equal(2, json.GetArrayLength());
        string[] fields = ["nip", "institusiPenyelenggara", "jenisDiklat", "jenisKursus", "jumlahJam", "namaKursus", "nomorSertipikat",
            "tahunKursus", "tanggalKursus", "tanggalSelesaiKursus", "sumber", "kodeVerifikasi", "sertifikatUrl"];
        foreach (var row in json.EnumerateArray())
            Assert.Equal(fields, row.EnumerateObject().Select(p => p.Name).ToArray());
        var fromCertificate = json.EnumerateArray().Single(r => r.GetProperty("sumber").GetString() == "platform");
        Assert.Equal((Learner, "BKPSDM Kota Semarang", 2m, "Dasar-Dasar SPBE untuk ASN Kota", platform.Number, 2026, "2026-05-17", "2026-05-20", platform.Code),
            (fromCertificate.GetProperty("nip").GetString(), fromCertificate.GetProperty("institusiPenyelenggara").GetString(),
             fromCertificate.GetProperty("jumlahJam").GetDecimal(), fromCertificate.GetProperty("namaKursus").GetString(),
             fromCertificate.GetProperty("nomorSertipikat").GetString(), fromCertificate.GetProperty("tahunKursus").GetInt32(),
             fromCertificate.GetProperty("tanggalKursus").GetString(), fromCertificate.GetProperty("tanggalSelesaiKursus").GetString(),
             fromCertificate.GetProperty("kodeVerifikasi").GetString()));
        Assert.Equal($"https://belajar.example.go.id/certificates/{platform.Code}/pdf", fromCertificate.GetProperty("sertifikatUrl").GetString());
        var fromElsewhere = json.EnumerateArray().Single(r => r.GetProperty("sumber").GetString() == "eksternal");
        Assert.Equal(("BPSDM Provinsi Jawa Tengah", "Diklat Teknis", "Klasikal", 16m, "BPSDM/2026/77"),
            (fromElsewhere.GetProperty("institusiPenyelenggara").GetString(), fromElsewhere.GetProperty("jenisDiklat").GetString(),
             fromElsewhere.GetProperty("jenisKursus").GetString(), fromElsewhere.GetProperty("jumlahJam").GetDecimal(),
             fromElsewhere.GetProperty("nomorSertipikat").GetString()));

        var csv = (await coordinator.GetStringAsync("/api/v1/career-records/export?format=csv&unit=DISDUKCAPIL&year=2026"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", fields), csv[0].TrimEnd('\r'));
        Assert.Equal(3, csv.Length);
        Assert.Contains(csv, l => l.Contains(platform.Number) && l.StartsWith(Learner));

        var city = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/career-records/export?format=json&unit=PEMKOT-SMG");
        Assert.Equal(4, city.GetArrayLength()); // the city holds every unit, every year
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/api/v1/career-records/export?unit=NOPE")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync("/api/v1/career-records/export?format=json")).StatusCode);

        // The operator verb writes the same rows to standard output.
        var output = new StringWriter();
        var code = await Learning.Web.Hosting.CareerRecordVerbs.Export(app.Services, ["--format", "csv", "--unit", "DISDUKCAPIL", "--year", "2026"],
            output, new StringWriter(), CancellationToken.None);
        Assert.Equal(0, code);
        Assert.Equal(csv, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var refused = await Learning.Web.Hosting.CareerRecordVerbs.Export(app.Services, ["--format", "xml"], output, new StringWriter(), CancellationToken.None);
        Assert.Equal(2, refused);

        // Compliance: Agus has 18 JP in 2026 (2 + 16), under 20.
        var compliance = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/career-records/compliance?year=2026");
        var unit = compliance.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitCode").GetString() == "DISDUKCAPIL");
        Assert.Equal(0, unit.GetProperty("compliant").GetInt32());
        await Complete(app, Learner, "pelindungan-data-pribadi", new DateTime(2026, 7, 1, 8, 0, 0, DateTimeKind.Utc), jp: 3);
        compliance = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/career-records/compliance?year=2026");
        unit = compliance.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("unitCode").GetString() == "DISDUKCAPIL");
        Assert.Equal(1, unit.GetProperty("compliant").GetInt32());
        Assert.True(unit.GetProperty("people").GetInt32() >= 3);
    }

    [Fact]
    public async Task Should_serve_the_career_record_verification_compliance_and_revocation_pages()
    {
        await using var app = new LearningApp(settings: Settings());
        var year = app.Clock.ThisYear();
        var certificate = await Complete(app, Learner, "spbe-dasar", app.Clock.GetUtcNow().UtcDateTime, jp: 2);
        await Enter(await app.ApiAs(Learner), "Bimtek Arsip Digital", jp: 4, start: $"{year}-01-10", end: $"{year}-01-11");

        var learner = await app.PagesAs(Learner);
        var record = await learner.GetStringAsync("/career-record");
        Assert.Contains($"JP tahun {year}: 2 dari 20", record);
        Assert.Contains("<progress", record);
        Assert.Contains("Dasar-Dasar SPBE untuk ASN Kota", record);
        Assert.Contains("Menunggu verifikasi", record);
        Assert.Contains("media=\"print\"", record);
        var csv = await learner.GetStringAsync("/career-record/csv");
        Assert.StartsWith("namaKursus,institusiPenyelenggara", csv);
        Assert.Contains(certificate.Number, csv);
        Assert.NotEqual(HttpStatusCode.OK, (await learner.GetAsync("/career-records/compliance")).StatusCode);

        var coordinator = await app.PagesAs(Coordinator);
        var pending = await coordinator.GetStringAsync("/career-records/verification");
        Assert.Contains("Bimtek Arsip Digital", pending);
        var id = System.Text.RegularExpressions.Regex.Match(pending, "name=\"id\" value=\"([0-9a-f-]{36})\"").Groups[1].Value;
        var verified = await coordinator.PostAsync("/career-records/verification", await LearningApp.FormWithToken(coordinator, "/career-records/verification",
            new() { ["id"] = id, ["decision"] = "verify" }));
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Contains($"JP tahun {year}: 6 dari 20", await learner.GetStringAsync("/career-record"));

        var compliance = await coordinator.GetStringAsync($"/career-records/compliance?year={year}");
        Assert.Contains("DISDUKCAPIL", compliance);
        Assert.Contains("Seluruh kota", compliance);
        var complianceCsv = await coordinator.GetStringAsync($"/career-records/compliance?year={year}&format=csv");
        Assert.StartsWith("unit,namaUnit,jumlahPegawai,memenuhi,persen", complianceCsv);

        var revoked = await coordinator.PostAsync("/certificates/revoke", await LearningApp.FormWithToken(coordinator, "/certificates/revoke",
            new() { ["Key"] = certificate.Number, ["Reason"] = "Data peserta keliru" }));
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Contains("Dicabut", await coordinator.GetStringAsync("/certificates/revoke"));
        Assert.Contains($"JP tahun {year}: 4 dari 20", await learner.GetStringAsync("/career-record"));
    }
}
