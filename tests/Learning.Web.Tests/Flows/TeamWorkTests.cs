using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Competencies.Contracts;
using Learning.Paths.Engine;
using Learning.Web.Tests.Infrastructure;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>A supervisor's everyday work on the team page: no offer of what a person already has, no approving twice, notices that settle.</summary>
public sealed partial class TeamWorkTests
{
    private const string PathKey = "sertifikasi-pelayanan-publik";
    private const string PathTitle = "Sertifikasi Standar dan Maklumat Pelayanan Publik";
    private const string ApprovalStep = "persetujuan-atasan";

    [GeneratedRegex("<section class=\"card person\" aria-label=\"(?<name>[^\"]+)\">(?<body>.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex PersonCards();

    private static string CardOf(string page, string name) =>
        PersonCards().Matches(page).Single(m => m.Groups["name"].Value == name).Groups["body"].Value;

    private static async Task<List<JsonElement>> Approvals(HttpClient api) =>
        (await Json(await api.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray().ToList();

    private static async Task<List<JsonElement>> Inbox(HttpClient api) =>
        (await Json(await api.GetAsync("/api/v1/notifications"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();

    private static async Task<JsonElement> Instance(HttpClient api, string id) =>
        await Json(await api.GetAsync($"/api/v1/path-instances/{id}"), HttpStatusCode.OK);

    [Fact]
    public async Task Should_not_offer_a_course_the_person_already_has_even_overdue_and_link_the_team_self_assessments()
    {
        await using var app = new LearningApp();
        await app.WithScope(async sp =>
        {
            var imported = await sp.GetRequiredService<IPositionStandards>().Import("standar.csv", "position_code,competency_code,level\nPENGADM-DUK,spbe,2\n");
            Assert.True(imported.Succeeded, string.Join("; ", imported.Problems));
        });
        var pages = await app.PagesAs(Supervisor);
        var before = await pages.GetStringAsync("/team");
        Assert.Contains("Tugaskan Dasar-Dasar SPBE", CardOf(before, "Agus Prasetyo"));
        Assert.Contains("href=\"/career-record/assessment/team\"", before);
        Assert.Contains("Penilaian mandiri tim", before);

        var due = Today(app).AddDays(1);
        await Json(await (await app.ApiAs(Supervisor)).PostAsJsonAsync("/api/v1/assignments",
            new { course = Course, employees = new[] { Agus }, dueDate = Iso(due) }), HttpStatusCode.Created);
        await RunVerb(app, "assignment-reminders", due.AddDays(1)); // the day after: overdue

        var card = CardOf(await pages.GetStringAsync("/team"), "Agus Prasetyo");
        Assert.Contains("data-status=\"overdue\"", card);
        Assert.DoesNotContain("Tugaskan Dasar-Dasar SPBE", card);
        Assert.Contains("Dasar-Dasar SPBE untuk ASN Kota", card);
        Assert.Contains(": sudah ditugaskan", card);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_not_ask_the_supervisor_to_approve_a_path_they_assigned(Db db)
    {
        await using var app = new LearningApp(db);
        var supervisor = await app.ApiAs(Supervisor);
        // The assignment form offers published paths by title.
        var form = await (await app.PagesAs(Supervisor)).GetStringAsync("/assignments/new");
        Assert.Matches($"<select id=\"path\" name=\"Form.Path\"[^>]*>\\s*<option value=\"\">—</option>\\s*<option value=\"{PathKey}\">{PathTitle}</option>", form);

        var assigned = await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments",
            new { path = PathKey, employees = new[] { Agus }, dueDate = Iso(Today(app).AddDays(30)) }), HttpStatusCode.Created);
        var instanceId = assigned.GetProperty("assignees")[0].GetProperty("pathInstanceId").GetString()!;

        Assert.Empty(await Approvals(supervisor));
        Assert.DoesNotContain(await Inbox(supervisor), n => n.GetProperty("title").GetString()!.StartsWith("Permintaan persetujuan", StringComparison.Ordinal));
        var instance = await Instance(supervisor, instanceId);
        Assert.NotEqual(ApprovalStep, instance.GetProperty("currentStep").GetString());
        var decided = Assert.Single(instance.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "approval-decided");
        Assert.Equal(("approved", ApprovalStep), (decided.GetProperty("detail").GetString(), decided.GetProperty("step").GetString()));
        Assert.StartsWith("Bambang", decided.GetProperty("actor").GetString());
        Assert.DoesNotContain(instance.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "approval-requested");
        // Agus learns at once: nothing holds his first lesson.
        var enrolmentId = instance.GetProperty("enrolmentId").GetString();
        var agus = await app.ApiAs(Agus);
        var outline = await Json(await agus.GetAsync($"/api/v1/courses/{instance.GetProperty("course").GetString()}"), HttpStatusCode.OK);
        var lesson = outline.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("key").GetString();
        await Json(await agus.GetAsync($"/api/v1/enrolments/{enrolmentId}/lessons/{lesson}"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Should_answer_a_waiting_request_when_the_supervisor_assigns_the_same_path()
    {
        await using var app = new LearningApp();
        var dewi = await app.ApiAs(Dewi);
        var enrolled = await Json(await dewi.PostAsJsonAsync("/api/v1/enrolments", new { path = PathKey }), HttpStatusCode.Created);
        var supervisor = await app.ApiAs(Supervisor);
        Assert.Single(await Approvals(supervisor));
        var asked = Assert.Single(await Inbox(supervisor), n => n.GetProperty("title").GetString()!.StartsWith("Permintaan persetujuan", StringComparison.Ordinal));
        Assert.False(asked.GetProperty("read").GetBoolean());

        await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments",
            new { path = PathKey, employees = new[] { Dewi }, dueDate = Iso(Today(app).AddDays(30)) }), HttpStatusCode.Created);

        Assert.Empty(await Approvals(supervisor));
        Assert.True(Assert.Single(await Inbox(supervisor), n => n.GetProperty("id").GetString() == asked.GetProperty("id").GetString())
            .GetProperty("read").GetBoolean());
        var instance = await Instance(dewi, enrolled.GetProperty("pathInstanceId").GetString()!);
        Assert.NotEqual(ApprovalStep, instance.GetProperty("currentStep").GetString());
        Assert.Contains(await Inbox(dewi), n => n.GetProperty("title").GetString()!.Contains(PathTitle, StringComparison.Ordinal)
            && n.GetProperty("link").GetString() == $"/paths/instances/{instance.GetProperty("id").GetString()}");
    }

    [Fact]
    public async Task Should_stop_showing_an_approval_notice_as_new_once_someone_else_decided_it()
    {
        await using var app = new LearningApp();
        await Json(await (await app.ApiAs(Agus)).PostAsJsonAsync("/api/v1/enrolments", new { path = PathKey }), HttpStatusCode.Created);
        var bambangPages = await app.PagesAs(Supervisor);
        Assert.Contains("Baru", Regex.Match(await bambangPages.GetStringAsync("/notifications"), "Permintaan persetujuan.{0,300}", RegexOptions.Singleline).Value);

        // Nobody decided in three days: it goes up to the coordinators, and one of them decides.
        await app.WithScope(sp => sp.GetRequiredService<PathTimersJob>().Run(app.Clock.GetUtcNow().AddDays(3).AddMinutes(1), CancellationToken.None));
        var coordinator = await app.ApiAs(Coordinator);
        var escalated = Assert.Single(await Approvals(coordinator));
        Assert.False(Assert.Single(await Inbox(coordinator), n => n.GetProperty("title").GetString()!.StartsWith("Permintaan persetujuan", StringComparison.Ordinal))
            .GetProperty("read").GetBoolean());
        await Json(await coordinator.PostAsJsonAsync($"/api/v1/approvals/{escalated.GetProperty("id").GetString()}", new { decision = "approve" }), HttpStatusCode.OK);

        // Bambang's notice no longer says "Baru", nor counts as unread; the coordinator's neither.
        var page = await bambangPages.GetStringAsync("/notifications");
        Assert.DoesNotContain("Baru", Regex.Match(page, "Permintaan persetujuan.{0,300}", RegexOptions.Singleline).Value);
        Assert.Equal(0, (await Json(await (await app.ApiAs(Supervisor)).GetAsync("/api/v1/notifications"), HttpStatusCode.OK)).GetProperty("unread").GetInt32());
        Assert.True(Assert.Single(await Inbox(coordinator), n => n.GetProperty("title").GetString()!.StartsWith("Permintaan persetujuan", StringComparison.Ordinal))
            .GetProperty("read").GetBoolean());
    }

    [Fact]
    public async Task Should_page_the_team_compliance_with_a_total_and_links_and_refuse_bad_paging()
    {
        await using var app = new LearningApp();
        var supervisor = await app.ApiAs(Supervisor);

        // No paging asked: the whole team, as before, with its count.
        var all = await supervisor.GetAsync("/api/v1/team/compliance");
        var everyone = (await Json(all, HttpStatusCode.OK)).EnumerateArray().Select(m => m.GetProperty("nip").GetString()).ToList();
        Assert.Equal(2, everyone.Count);
        Assert.Equal("2", Assert.Single(all.Headers.GetValues("X-Total-Count")));

        var first = await supervisor.GetAsync("/api/v1/team/compliance?page=1&pageSize=1");
        var second = await supervisor.GetAsync("/api/v1/team/compliance?page=2&pageSize=1");
        var one = (await Json(first, HttpStatusCode.OK)).EnumerateArray().Select(m => m.GetProperty("nip").GetString()).ToList();
        var two = (await Json(second, HttpStatusCode.OK)).EnumerateArray().Select(m => m.GetProperty("nip").GetString()).ToList();
        Assert.Equal(everyone, [.. one, .. two]);
        Assert.Equal("2", Assert.Single(first.Headers.GetValues("X-Total-Count")));
        var link = Assert.Single(first.Headers.GetValues("Link"));
        Assert.Contains("</api/v1/team/compliance?page=2&pageSize=1>; rel=\"next\"", link);
        Assert.Contains("</api/v1/team/compliance?page=2&pageSize=1>; rel=\"last\"", link);
        Assert.DoesNotContain("rel=\"prev\"", link);
        Assert.Contains("</api/v1/team/compliance?page=1&pageSize=1>; rel=\"prev\"", Assert.Single(second.Headers.GetValues("Link")));
        Assert.DoesNotContain("rel=\"next\"", Assert.Single(second.Headers.GetValues("Link")));
        // Past the end: an empty page, not an error.
        Assert.Empty((await Json(await supervisor.GetAsync("/api/v1/team/compliance?page=3&pageSize=1"), HttpStatusCode.OK)).EnumerateArray());

        foreach (var bad in new[] { "page=0", "page=-1", "page=x", "pageSize=0", "pageSize=501", "pageSize=1.5" })
        {
            var refused = await supervisor.GetAsync("/api/v1/team/compliance?" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Halaman tidak sah.", await refused.Content.ReadAsStringAsync());
        }
    }
}
