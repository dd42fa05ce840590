using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;

namespace Learning.Web.Tests.Flows.Tenancy;

/// <summary>
/// Salatiga reached as /t/salatiga on the platform's own host: the links and redirects its pages and API hand out keep the
/// prefix, so following one stays in Salatiga (not a Semarang page, not a 404).
/// </summary>
public sealed class PathBaseLinkTests
{
    private const string Prefix = "/t/salatiga";
    private const string SalatigaCoordinator = "198507212010012005";
    private const string SalatigaSupervisor = "197604102002121003";
    private const string SalatigaLearner = "199311052018031002";
    private static readonly byte[] PdfProof = [.. "%PDF-1.4\n"u8, .. new byte[2000]];

    [Fact]
    public async Task Should_keep_the_path_prefix_in_proof_links_and_old_assessment_addresses()
    {
        await using var app = new LearningApp(Db.Sqlite, demo: true, new Dictionary<string, string?> { ["DemoSalatiga"] = "true" });

        // Yoga enters an external training with its proof, over the API under the prefix.
        var api = app.ClientFor(host: null);
        var token = await (await api.PostAsJsonAsync(Prefix + "/api/v1/auth/token", new { userName = SalatigaLearner, password = DemoSeeder.Password }))
            .Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        var entered = await Enter(api, Prefix + "/api/v1/me/career-record/trainings");
        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
        var documentUrl = (await entered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentUrl").GetString()!;
        Assert.StartsWith(Prefix + "/career-records/trainings/", documentUrl);
        Assert.Equal(PdfProof, await (await api.GetAsync(documentUrl)).Content.ReadAsByteArrayAsync());
        var mine = await api.GetFromJsonAsync<JsonElement>(Prefix + "/api/v1/me/career-record");
        Assert.Equal(documentUrl, mine.GetProperty("trainings").EnumerateArray().Single(t => t.GetProperty("documentUrl").ValueKind == JsonValueKind.String)
            .GetProperty("documentUrl").GetString());

        // His career record page links the proof under the prefix, and the link opens it.
        var learner = await SignIn(app, SalatigaLearner);
        var record = await learner.GetStringAsync(Prefix + "/career-record");
        var link = Assert.Single(ProofLinks(record));
        Assert.Equal(documentUrl, link);
        var proof = await learner.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, proof.StatusCode);
        Assert.Equal(PdfProof, await proof.Content.ReadAsByteArrayAsync());

        // Rina, Salatiga's coordinator, opens the same proof from her verification list.
        var coordinator = await SignIn(app, SalatigaCoordinator);
        var verification = await coordinator.GetStringAsync(Prefix + "/career-records/verification");
        Assert.Contains(documentUrl, ProofLinks(verification));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(documentUrl)).StatusCode);

        // The self-assessment pages' old addresses lead to the new ones in Salatiga.
        foreach (var (client, old, now) in new[]
        {
            (learner, "/competencies/assessment", "/career-record/assessment"),
            (await SignIn(app, SalatigaSupervisor), "/competencies/assessment/team", "/career-record/assessment/team"),
        })
        {
            var moved = await client.GetAsync(Prefix + old);
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal(Prefix + now, moved.Headers.Location!.OriginalString);
            var page = await client.GetAsync(moved.Headers.Location);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Kota Salatiga", await page.Content.ReadAsStringAsync());
        }
    }

    /// <summary>A browser on the platform's host, signed in to Salatiga through its prefixed login form.</summary>
    private static async Task<HttpClient> SignIn(LearningApp app, string nip)
    {
        var browser = app.ClientFor(host: null, pages: true);
        var login = await browser.PostAsync(Prefix + "/login", await LearningApp.FormWithToken(browser, Prefix + "/login",
            new() { ["UserName"] = nip, ["Password"] = DemoSeeder.Password }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return browser;
    }

    private static async Task<HttpResponseMessage> Enter(HttpClient client, string url)
    {
        var file = new ByteArrayContent(PdfProof);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Pelatihan Kearsipan Digital"), "title" }, { new StringContent("BPSDM Provinsi Jawa Tengah"), "organiser" },
            { new StringContent("Diklat Teknis"), "jenisDiklat" }, { new StringContent("Klasikal"), "jenisKursus" },
            { new StringContent("2026-03-02"), "startOn" }, { new StringContent("2026-03-04"), "endOn" }, { new StringContent("8"), "jp" },
            { new StringContent("BPSDM/2026/91"), "certificateNumber" }, { file, "proof", "sertifikat.pdf" },
        };
        return await client.PostAsync(url, form);
    }

    private static IEnumerable<string> ProofLinks(string html) =>
        Regex.Matches(html, "href=\"([^\"]*/document)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value));
}
