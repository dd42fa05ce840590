using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Consistency by design: two people changing the same thing at once make one result (one open assignment item), a granted
/// extension is not undone behind the supervisor's back, a second author's save never silently overwrites the first, and a
/// race lost even after retries answers 409 with a message, never 500.
/// </summary>
public sealed partial class ConsistencyTests
{
    private static readonly string[] Courses =
        ["spbe-dasar", "adminduk-daring", "literasi-keamanan-digital", "pengaduan-sp4n-lapor", "standar-dan-maklumat-pelayanan"];

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_make_one_open_item_when_two_assign_the_same_course_to_the_same_person_at_once(Db db)
    {
        await using var app = new LearningApp(db);
        var supervisor = await app.ApiAs(Supervisor);
        var coordinator = await app.ApiAs(Coordinator);
        var agus = await app.ApiAs(Agus);
        var today = Today(app);
        foreach (var course in Courses)
        {
            var answers = await Task.WhenAll(
                supervisor.PostAsJsonAsync("/api/v1/assignments", new { course, employees = new[] { Agus }, dueDate = Iso(today.AddDays(30)) }),
                coordinator.PostAsJsonAsync("/api/v1/assignments", new { course, employees = new[] { Agus }, dueDate = Iso(today.AddDays(20)) }));

            var items = new List<string>();
            foreach (var answer in answers)
            {
                var body = await Json(answer, HttpStatusCode.Created);
                items.Add(body.GetProperty("assignees").EnumerateArray().Single().GetProperty("itemId").GetString()!);
            }
            // The loser folded into the winner's item: both answers name it, and the learner sees one, due on the earlier date.
            Assert.Single(items.Distinct());
            var mine = (await Json(await agus.GetAsync("/api/v1/me/assignments"), HttpStatusCode.OK)).EnumerateArray()
                .Where(a => a.GetProperty("course").GetString() == course).ToList();
            var item = Assert.Single(mine);
            Assert.Equal(Iso(today.AddDays(20)), item.GetProperty("dueDate").GetString());
        }

        // The requests above meet on the enrolment's row as well; the guarantee that does not depend on that is the index:
        // the database itself refuses a second open item for the same person and course.
        var error = await app.WithScope(async sp =>
        {
            var context = sp.GetRequiredService<LearningDbContext>();
            var agusId = await context.Set<Learning.Assignments.AssignmentItem>().Where(i => i.CourseSlug == Course).Select(i => i.EmployeeId).FirstAsync();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var duplicate = new Learning.Assignments.Assignment(Course, null, Learning.Assignments.AssignmentTarget.People, null, today.AddDays(9), null,
                null, Guid.Empty, now);
            duplicate.Add(agusId, null, null, started: false, completed: false, now);
            context.Add(duplicate);
            try { await context.SaveChangesAsync(); return null; }
            catch (Exception e) { return e; }
        });
        Assert.NotNull(error);
        Assert.True(error.IsConflict(), error.ToString());
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_keep_a_granted_extension_when_a_new_assignment_brings_an_earlier_date_and_say_so(Db db)
    {
        await using var app = new LearningApp(db);
        var supervisor = await app.ApiAs(Supervisor);
        var coordinator = await app.ApiAs(Coordinator);
        var agus = await app.ApiAs(Agus);
        var today = Today(app);
        var extended = today.AddDays(60);

        var first = await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments",
            new { course = Course, employees = new[] { Agus }, dueDate = Iso(today.AddDays(14)) }), HttpStatusCode.Created);
        var itemId = first.GetProperty("assignees")[0].GetProperty("itemId").GetString();
        await Json(await agus.PostAsJsonAsync($"/api/v1/me/assignments/{itemId}/extension", new { reason = "Tugas luar kota", dueDate = Iso(extended) }),
            HttpStatusCode.Created);
        var request = (await Json(await supervisor.GetAsync("/api/v1/assignments/extensions"), HttpStatusCode.OK)).EnumerateArray().Single();
        await Json(await supervisor.PostAsJsonAsync($"/api/v1/assignments/extensions/{request.GetProperty("id").GetString()}",
            new { decision = "grant", dueDate = Iso(extended) }), HttpStatusCode.NoContent);

        // The API: the later date holds, and the answer says so.
        var again = await Json(await coordinator.PostAsJsonAsync("/api/v1/assignments",
            new { course = Course, employees = new[] { Agus }, dueDate = Iso(today.AddDays(7)) }), HttpStatusCode.Created);
        var assignee = again.GetProperty("assignees").EnumerateArray().Single();
        Assert.Equal((itemId, Iso(extended), true), (assignee.GetProperty("itemId").GetString(), assignee.GetProperty("dueDate").GetString(),
            assignee.GetProperty("extensionKept").GetBoolean()));
        Assert.Contains("Tenggat yang diperpanjang tetap berlaku", again.GetProperty("notice").GetString());
        Assert.Equal(Iso(extended), (await Mine(agus)).GetProperty("dueDate").GetString());
        var enrolment = (await Json(await agus.GetAsync("/api/v1/me/enrolments"), HttpStatusCode.OK)).EnumerateArray()
            .Single(e => e.GetProperty("course").GetString() == Course);
        Assert.Equal(Iso(extended), enrolment.GetProperty("dueDate").GetString());

        // The page: the confirmation names whose extension held.
        var pages = await app.PagesAs(Supervisor);
        var response = await pages.PostAsync("/assignments/new", await LearningApp.FormWithToken(pages, "/assignments/new", new()
        {
            ["Form.Course"] = Course, ["Form.Target"] = "people", ["Form.Employees"] = Agus, ["Form.DueDate"] = Iso(today.AddDays(3)),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var team = await pages.GetStringAsync("/team");
        Assert.Contains("Tenggat yang diperpanjang tetap berlaku", team);
        Assert.Equal(Iso(extended), (await Mine(agus)).GetProperty("dueDate").GetString());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("name=\"(Revision|Base)\" value=\"([^\"]*)\"")]
    private static partial Regex Token();

    /// <summary>A form as one coordinator opened it: its antiforgery token and the version it was made on.</summary>
    private sealed record Opened(HttpClient Client, string Page, string Antiforgery, string Field, string Version)
    {
        public Task<HttpResponseMessage> Post(string handler, Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = Antiforgery;
            fields[Field] = Version;
            return Client.PostAsync($"{Page}?handler={handler}", new FormUrlEncodedContent(fields));
        }
    }

    private static async Task<Opened> Open(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var token = Token().Match(html);
        Assert.True(token.Success, $"{page} carries no version in its form.");
        return new Opened(client, page, Antiforgery().Match(html).Groups[1].Value, token.Groups[1].Value, token.Groups[2].Value);
    }

    private static Dictionary<string, string> Settings(string title) => new()
    {
        ["Input.Title"] = title, ["Input.Summary"] = "Ringkasan.", ["Input.Language"] = "id", ["Input.Jp"] = "2", ["Input.Minutes"] = "120",
    };

    [Fact]
    public async Task Should_refuse_the_second_of_two_coordinators_saving_the_same_course_naming_what_changed()
    {
        await using var app = new LearningApp();
        var first = await Open(await app.PagesAs(Coordinator), "/authoring/spbe-dasar");
        var second = await Open(await app.PagesAs(Coordinator), "/authoring/spbe-dasar");

        Assert.Equal(HttpStatusCode.Redirect, (await first.Post("Settings", Settings("Judul dari koordinator pertama"))).StatusCode);
        var refused = await second.Post("Settings", Settings("Judul dari koordinator kedua"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Kursus ini sudah diubah oleh", html);
        Assert.Contains("pengaturan kursus", html);
        var now = await first.Client.GetStringAsync("/authoring/spbe-dasar");
        Assert.Contains("Judul dari koordinator pertama", now);
        Assert.DoesNotContain("Judul dari koordinator kedua", now);

        // The structure forms carry the revision too: a module added on the page as it was before is refused the same way.
        var refusedModule = await second.Post("AddModule", new() { ["ModuleTitle"] = "Modul dari koordinator kedua" });
        Assert.Equal(HttpStatusCode.Conflict, refusedModule.StatusCode);
        Assert.Contains("Kursus ini sudah diubah oleh", await refusedModule.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Modul dari koordinator kedua", await first.Client.GetStringAsync("/authoring/spbe-dasar"));
    }

    [Fact]
    public async Task Should_refuse_the_second_of_two_coordinators_saving_questions_of_the_same_course()
    {
        await using var app = new LearningApp();
        var first = await Open(await app.PagesAs(Coordinator), "/authoring/spbe-dasar/questions");
        var second = await Open(await app.PagesAs(Coordinator), "/authoring/spbe-dasar/questions");
        Dictionary<string, string> Question(string id, string text) => new()
        {
            ["Input.Id"] = id, ["Input.Type"] = "single", ["Input.Text"] = text,
            ["Input.Options[0]"] = "Ya", ["Input.Options[1]"] = "Tidak", ["Input.Correct"] = "0",
        };

        Assert.Equal(HttpStatusCode.Redirect, (await first.Post("Save", Question("q-baru-1", "Soal koordinator pertama?"))).StatusCode);
        var refused = await second.Post("Save", Question("q-baru-2", "Soal koordinator kedua?"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Kursus ini sudah diubah oleh", html);
        Assert.Contains("soal q-baru-1", html);
        var bank = await first.Client.GetStringAsync("/authoring/spbe-dasar/questions");
        Assert.Contains("Soal koordinator pertama?", bank);
        Assert.DoesNotContain("Soal koordinator kedua?", bank);
    }

    [Fact]
    public async Task Should_refuse_the_second_of_two_coordinators_saving_the_same_path()
    {
        await using var app = new LearningApp();
        const string page = "/authoring/paths/sertifikasi-pelayanan-publik";
        var first = await Open(await app.PagesAs(Coordinator), page);
        var second = await Open(await app.PagesAs(Coordinator), page);
        var yaml = await first.Client.GetStringAsync(page);
        var original = WebUtility.HtmlDecode(Regex.Match(yaml, "<textarea[^>]*>(.*?)</textarea>", RegexOptions.Singleline).Groups[1].Value);

        var saved = await first.Post("Save", new() { ["Yaml"] = original.Replace("title: ", "title: Pertama ") });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var refused = await second.Post("Publish", new() { ["Yaml"] = original.Replace("title: ", "title: Kedua ") });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Draf jalur ini sudah disimpan oleh", await refused.Content.ReadAsStringAsync());
        var now = await first.Client.GetStringAsync(page);
        Assert.Contains("Pertama", now);
        Assert.DoesNotContain("Kedua", now);
    }

    /// <summary>A conflict that still escapes after the retries, forced by a test module whose endpoints always lose.</summary>
    private static LearningApp WithLosingEndpoint(Db db) => new(db, configureServices: services =>
    {
        var listed = (ModuleSet)services.Last(d => d.ServiceType == typeof(ModuleSet)).ImplementationInstance!;
        services.AddSingleton(new ModuleSet(listed.Modules.Append(new LosingModule()), listed.Schema));
    });

    private sealed class LosingModule : LearningModule
    {
        public override string Id => "LosingTest";

        public override void MapEndpoints(IEndpointRouteBuilder endpoints)
        {
            endpoints.MapPost("/api/v1/test/lost-race", IResult () => throw new DbUpdateConcurrencyException("lost"));
            endpoints.MapPost("/test/lost-race", IResult () => throw new DbUpdateConcurrencyException("lost")).DisableAntiforgery();
            // A database nobody answers on (nothing listens on port 1): what a pool with no free connection looks like to a request.
            endpoints.MapGet("/api/v1/test/no-database", async Task<IResult> () =>
            {
                await using var connection = new Npgsql.NpgsqlConnection("Host=127.0.0.1;Port=1;Timeout=2;Pooling=false");
                await connection.OpenAsync();
                return Results.Ok();
            });
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_recognise_a_unique_violation_of_either_database_as_a_lost_race(Db db)
    {
        await using var app = new LearningApp(db);
        // The same key written by two units of work: what two requests inserting at once meet.
        await app.WithScope(async sp =>
        {
            var context = sp.GetRequiredService<LearningDbContext>();
            context.DataProtectionKeys.Add(new() { Id = 424242, FriendlyName = "a", Xml = "<a/>" });
            await context.SaveChangesAsync();
        });
        var error = await app.WithScope(async sp =>
        {
            var context = sp.GetRequiredService<LearningDbContext>();
            context.DataProtectionKeys.Add(new() { Id = 424242, FriendlyName = "b", Xml = "<b/>" });
            try { await context.SaveChangesAsync(); return null; }
            catch (Exception e) { return e; }
        });
        Assert.NotNull(error);
        Assert.True(error.IsConflict(), error.GetType().Name);
        Assert.False(new InvalidOperationException("x").IsConflict());
    }

    [Fact]
    public async Task Should_answer_a_race_lost_after_the_retries_with_409_and_a_message_never_500()
    {
        await using var app = WithLosingEndpoint(Db.Sqlite);

        var client = await app.PagesAs(Coordinator);
        var api = await client.PostAsJsonAsync("/api/v1/test/lost-race", new { }); // a page script sends JSON
        Assert.True(HttpStatusCode.Conflict == api.StatusCode, $"{(int)api.StatusCode} {await api.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Contains("diubah oleh permintaan lain", problem.GetProperty("detail").GetString());

        var page = await client.PostAsync("/test/lost-race", null);
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Perubahan bertabrakan", html);
        Assert.Contains("Muat ulang halaman lalu coba lagi", html);
    }

    [Fact]
    public async Task Should_answer_a_database_that_does_not_answer_with_503_and_a_message_never_500()
    {
        await using var app = WithLosingEndpoint(Db.Sqlite);

        var response = await (await app.ApiAs(Coordinator)).GetAsync("/api/v1/test/no-database");

        Assert.True(HttpStatusCode.ServiceUnavailable == response.StatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Layanan sedang sibuk", problem.GetProperty("title").GetString());
        // The server out of connection slots (the soak met it) is the same: busy, not broken.
        Assert.True(new Npgsql.PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300").IsUnavailable());
        Assert.False(new Npgsql.PostgresException("duplicate key", "ERROR", "ERROR", "23505").IsUnavailable());
    }
}
