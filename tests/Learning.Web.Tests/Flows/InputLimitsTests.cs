using Learning.Accounts.Contracts;
using System.Net;
using System.Text;
using System.Text.Json;
using Learning.Organisation.Contracts;
using Learning.Competencies.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Input that once killed the process or leaked into spreadsheets, through the pages and the API: YAML and Markdown nested
/// 100,000 deep, bodies over the size limits, CSV over its limits and CSV exports of text a spreadsheet would run.
/// </summary>
public sealed class InputLimitsTests
{
    private const string Coordinator = "198203152006042001";
    private const string Learner = "199005172015031001";

    [Fact]
    public async Task Should_refuse_a_path_nested_100000_deep_from_the_authoring_page_with_its_line_and_keep_serving()
    {
        await using var app = new LearningApp();
        var coordinator = await app.PagesAs(Coordinator);
        const string page = "/authoring/paths/new";

        var saved = await coordinator.PostAsync($"{page}?handler=Save", await LearningApp.FormWithToken(coordinator, page, new()
        {
            ["Yaml"] = "key: dalam\ntitle: Dalam\nversion: 1\nsteps: " + new string('[', 100_000) + "\n",
        }));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var html = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync());
        Assert.Contains("paths/new.yml:4</code> YAML bersarang terlalu dalam: paling banyak 64 tingkat.", html);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/authoring/paths/dalam")).StatusCode); // nothing saved
    }

    [Fact]
    public async Task Should_refuse_a_lesson_quoted_100000_deep_from_the_authoring_page_and_show_an_old_one_as_text()
    {
        await using var app = new LearningApp();
        var coordinator = await app.PagesAs(Coordinator);
        const string page = "/authoring/spbe-dasar/lessons/01-apa-itu-spbe";

        var saved = await coordinator.PostAsync($"{page}?handler=Save", await LearningApp.FormWithToken(coordinator, page, new()
        {
            ["Title"] = "Apa itu SPBE?", ["Minutes"] = "10", ["Markdown"] = "Pengantar.\n\n" + new string('>', 100_000) + " kutipan\n",
        }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("01-apa-itu-spbe.md:3: kutipan atau daftar bersarang terlalu dalam", WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync()));

        var preview = await coordinator.PostAsync($"{page}?handler=Preview", await LearningApp.FormWithToken(coordinator, page, new()
        {
            ["Title"] = "Apa itu SPBE?", ["Minutes"] = "10", ["Markdown"] = string.Concat(Enumerable.Repeat("- ", 100_000)) + "daftar\n",
        }));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health")).StatusCode);
        Assert.DoesNotContain(">>>>>>>>", await coordinator.GetStringAsync(page)); // the lesson is as it was
    }

    [Fact]
    public async Task Should_answer_a_form_over_the_size_limit_with_413_and_a_page_in_Indonesian()
    {
        await using var app = new LearningApp();
        var coordinator = await app.PagesAs(Coordinator);
        const string page = "/authoring/paths/new";

        var sent = await coordinator.PostAsync($"{page}?handler=Save", await LearningApp.FormWithToken(coordinator, page, new()
        {
            ["Yaml"] = new string('a', 5 * 1024 * 1024), // over the form reader's 4 MB per value
        }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sent.StatusCode);
        Assert.Contains("melebihi batas ukuran", await sent.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_answer_a_multipart_body_without_parts_with_400_problem_never_500()
    {
        await using var app = new LearningApp();
        var admin = await app.ApiAs("admin");
        foreach (var url in new[] { "/api/v1/organisation/import", "/api/v1/position-standards" })
        {
            var empty = new StringContent("--x--\r\n", Encoding.ASCII);
            empty.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
            var response = await admin.PostAsync(url, empty);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Should_neutralise_formulas_in_every_csv_export()
    {
        await using var app = new LearningApp();
        await app.WithScope(async sp =>
        {
            var result = await sp.GetRequiredService<IOrganisationOnboarding>().Import(new OnboardingFiles(new CsvFile("units.csv",
                "code,name,parent_code\nDISKOMINFO,\"=HYPERLINK(\"\"http://jahat.example/\"\",\"\"Klik\"\")\",PEMKOT-SMG\n"), null, null));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        });
        var learner = await app.ApiAs(Learner);
        await Enter(learner, "@SUM(1+1)*cmd|' /C calc'!A0", "+62 BPSDM", "=1+1");
        await Enter(learner, "-2+3", "BPSDM", "A-1");

        var coordinator = await app.ApiAs(Coordinator);
        var pages = await app.PagesAs(Coordinator);
        var exports = new Dictionary<string, string>
        {
            ["units report"] = await coordinator.GetStringAsync("/api/v1/reports/units?format=csv"),
            ["units report page"] = await pages.GetStringAsync("/reports?format=csv"),
            ["compliance"] = await coordinator.GetStringAsync("/api/v1/career-records/compliance?format=csv&year=2026"),
            ["compliance page"] = await pages.GetStringAsync("/career-records/compliance?format=csv&year=2026"),
            ["own career record"] = await (await app.PagesAs(Learner)).GetStringAsync("/career-record/csv"),
        };

        foreach (var (name, csv) in exports)
        {
            var cells = Cells(csv).ToList();
            Assert.True(cells.Count > 5, name);
            foreach (var cell in cells)
                Assert.False(cell.Length > 0 && (cell[0] is '=' or '+' or '@' or '\t' or '\r' || (cell[0] == '-' && !decimal.TryParse(cell, out _))),
                    $"{name}: a spreadsheet would run {cell}");
        }
        Assert.Contains("'=HYPERLINK(\"http://jahat.example/\",\"Klik\")", Cells(exports["units report"]));
        Assert.Contains("'=HYPERLINK(\"http://jahat.example/\",\"Klik\")", Cells(exports["compliance"]));
        var own = Cells(exports["own career record"]).ToList();
        Assert.Contains("'@SUM(1+1)*cmd|' /C calc'!A0", own);
        Assert.Contains("'+62 BPSDM", own);
        Assert.Contains("'=1+1", own);
        Assert.Contains("'-2+3", own);
    }

    private static async Task Enter(HttpClient learner, string title, string organiser, string number)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(title), "title" }, { new StringContent(organiser), "organiser" },
            { new StringContent("Diklat Teknis"), "jenisDiklat" }, { new StringContent("Klasikal"), "jenisKursus" },
            { new StringContent("2026-03-02"), "startOn" }, { new StringContent("2026-03-04"), "endOn" },
            { new StringContent(number), "certificateNumber" }, { new StringContent("8"), "jp" },
            { new ByteArrayContent([.. "%PDF-1.4\n"u8, .. new byte[2000]]) { Headers = { ContentType = new("application/pdf") } }, "proof", "bukti.pdf" },
        };
        var entered = await learner.PostAsync("/api/v1/me/career-record/trainings", form);
        Assert.True(entered.StatusCode == HttpStatusCode.Created, await entered.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_refuse_a_csv_over_the_row_limit_with_its_line_and_change_nothing()
    {
        await using var app = new LearningApp();
        var content = new StringBuilder("position_code,competency_code,level\n");
        for (var i = 0; i < 200_001; i++) content.Append("PENGADM-DUK,spbe,2\n");

        var result = await app.WithScope(sp => sp.GetRequiredService<IPositionStandards>().Import("besar.csv", content.ToString()));

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("besar.csv", 200_002), (problem.File, problem.Line));
        Assert.Contains("200000", problem.Reason);
        var standards = await app.WithScope(sp => sp.GetRequiredService<IPositionStandards>().All(CancellationToken.None));
        Assert.DoesNotContain(standards, s => s.PositionCode == "PENGADM-DUK" && s.Competencies.Any(c => c.Code == "spbe"));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_empty_what_an_unfinished_generate_data_wrote_on_either_database(Db provider)
    {
        await using var app = new LearningApp(provider); // the demo stands in for half a city: every kind of row, linked
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<Learning.Kernel.LearningDbContext>();
            await Learning.Kernel.SyntheticRun.Begin(db, CancellationToken.None);
            await Learning.Kernel.SyntheticRun.Begin(db, CancellationToken.None); // a restarted run marks again

            await Learning.Kernel.SyntheticRun.Clear(db, CancellationToken.None);

            Assert.True(await Learning.Kernel.SyntheticRun.Unfinished(db, CancellationToken.None));
            Assert.False(await db.Set<LearningUser>().AnyAsync());
            Assert.Equal(0, await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"Organisation_Units\"").SingleAsync());
            await Learning.Kernel.SyntheticRun.Finish(db, CancellationToken.None);
            Assert.False(await Learning.Kernel.SyntheticRun.Unfinished(db, CancellationToken.None));
        });
    }

    /// <summary>The cells of a CSV text as a spreadsheet reads them (RFC 4180: quotes doubled inside quoted cells).</summary>
    internal static IEnumerable<string> Cells(string csv)
    {
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c is ',' or '\n')
            {
                yield return cell.ToString();
                cell.Clear();
            }
            else cell.Append(c);
        }
        if (cell.Length > 0) yield return cell.ToString();
    }
}
