using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Web.Tests.Infrastructure;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows;

public sealed class AssignmentsTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_assign_two_people_one_completes_the_other_is_overdue_after_the_reminder_job(Db db)
    {
        await using var app = new LearningApp(db);
        var supervisor = await app.ApiAs(Supervisor);
        var due = Today(app).AddDays(10);

        var created = await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments",
            new { course = Course, employees = new[] { Agus, Dewi }, dueDate = Iso(due), note = "Wajib untuk seluruh bidang" }), HttpStatusCode.Created);
        Assert.Equal([Agus, Dewi], created.GetProperty("assignees").EnumerateArray().Select(a => a.GetProperty("nip").GetString()).Order());
        Assert.All(created.GetProperty("assignees").EnumerateArray(), a => Assert.Equal("assigned", a.GetProperty("status").GetString()));

        // Both see it, with its due date, as their own assigned learning.
        var agus = await app.ApiAs(Agus);
        var dewi = await app.ApiAs(Dewi);
        string? agusEnrolment = null;
        foreach (var (api, nip) in new[] { (agus, Agus), (dewi, Dewi) })
        {
            var enrolment = (await Json(await api.GetAsync("/api/v1/me/enrolments"), HttpStatusCode.OK)).EnumerateArray().Single();
            Assert.Equal((Course, "assigned", Iso(due)), (enrolment.GetProperty("course").GetString(), enrolment.GetProperty("source").GetString(), enrolment.GetProperty("dueDate").GetString()));
            var mine = await Mine(api);
            Assert.Equal(("assigned", Iso(due), "Wajib untuk seluruh bidang"), (mine.GetProperty("status").GetString(), mine.GetProperty("dueDate").GetString(), mine.GetProperty("note").GetString()));
            if (nip == Agus) agusEnrolment = enrolment.GetProperty("id").GetString();
            Assert.Contains("Tugas wajib: Dasar-Dasar SPBE untuk ASN Kota", await NoticeTitles(api));
        }
        var home = await (await app.PagesAs(Dewi)).GetStringAsync("/");
        Assert.Contains("Status tugas wajib", home);

        // Seven days before: both are reminded, the supervisor gets one digest instead of two messages.
        Assert.Equal(3, await RunJob(app, "assignment-reminders", due.AddDays(-7)));
        Assert.Equal(0, await RunJob(app, "assignment-reminders", due.AddDays(-7)));
        Assert.Single(await NoticeTitles(dewi), t => t.StartsWith("Pengingat: Dasar-Dasar SPBE untuk ASN Kota", StringComparison.Ordinal));
        Assert.Single(await NoticeTitles(supervisor), t => t.StartsWith("Ringkasan tim", StringComparison.Ordinal));

        // Agus reads a lesson (in progress), then finishes the course (completed).
        var firstLesson = (await Json(await agus.GetAsync($"/api/v1/courses/{Course}"), HttpStatusCode.OK))
            .GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("key").GetString();
        await Json(await agus.PostAsJsonAsync($"/api/v1/enrolments/{agusEnrolment}/lessons/{firstLesson}/complete", new { seconds = 60 }), HttpStatusCode.OK);
        Assert.Equal("in-progress", (await Mine(agus)).GetProperty("status").GetString());
        await Complete(app, agus, agusEnrolment!);
        Assert.Equal("completed", (await Mine(agus)).GetProperty("status").GetString());

        // The day after the due date, the job (as the operator runs it) marks Dewi overdue.
        await RunVerb(app, "assignment-reminders", due.AddDays(1));
        Assert.Equal("overdue", (await Mine(dewi)).GetProperty("status").GetString());
        Assert.Equal("completed", (await Mine(agus)).GetProperty("status").GetString());
        Assert.Contains("Terlambat: Dasar-Dasar SPBE untuk ASN Kota", await NoticeTitles(dewi));
        Assert.Equal(2, (await NoticeTitles(supervisor)).Count(t => t.StartsWith("Ringkasan tim", StringComparison.Ordinal)));

        // A second run changes nothing and sends nothing.
        var before = (await NoticeTitles(dewi)).Count + (await NoticeTitles(supervisor)).Count;
        Assert.Equal(0, await RunJob(app, "assignment-reminders", due.AddDays(1)));
        Assert.Equal(before, (await NoticeTitles(dewi)).Count + (await NoticeTitles(supervisor)).Count);

        // The team page data: overdue first.
        var team = (await Json(await supervisor.GetAsync("/api/v1/team/compliance"), HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal([Dewi, Agus], team.Select(m => m.GetProperty("nip").GetString()));
        Assert.Equal("overdue", team[0].GetProperty("assignments")[0].GetProperty("status").GetString());
        Assert.Equal("completed", team[1].GetProperty("assignments")[0].GetProperty("status").GetString());
        Assert.Equal(2m, team[1].GetProperty("jpThisYear").GetDecimal());
        Assert.Equal(Iso(due), team[1].GetProperty("assignments")[0].GetProperty("dueDate").GetString());
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_refuse_assigning_outside_the_team_naming_who_and_writing_nothing(Db db)
    {
        await using var app = new LearningApp(db);
        var supervisor = await app.ApiAs(Supervisor);
        var due = Iso(Today(app).AddDays(14));

        var refused = await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, employees = new[] { Agus, Rizky }, dueDate = due });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Rizky Hidayat (199501012020121004)", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("Agus", problem.GetProperty("detail").GetString());
        Assert.Equal(Rizky, problem.GetProperty("outside")[0].GetProperty("nip").GetString());
        // All or nothing: Agus, who is in the team, got nothing either.
        var agus = await app.ApiAs(Agus);
        Assert.Empty((await Json(await agus.GetAsync("/api/v1/me/assignments"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Empty((await Json(await agus.GetAsync("/api/v1/me/enrolments"), HttpStatusCode.OK)).EnumerateArray());

        // A unit the supervisor does not lead is refused; the one they lead goes to everyone in it but themselves.
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, unit = "DISKOMINFO", dueDate = due })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, unit = "PEMKOT-SMG", dueDate = due })).StatusCode);
        var unit = await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, unit = "DISDUKCAPIL", dueDate = due }), HttpStatusCode.Created);
        Assert.Equal([Agus, Dewi], unit.GetProperty("assignees").EnumerateArray().Select(a => a.GetProperty("nip").GetString()).Order());

        // A position: only the holders within the team; nobody there is a clear 400.
        var position = await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = "pelindungan-data-pribadi", position = "VERIFIKATOR-DUK", dueDate = due }), HttpStatusCode.Created);
        Assert.Equal([Dewi], position.GetProperty("assignees").EnumerateArray().Select(a => a.GetProperty("nip").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, position = "PRANATA-KOMPUTER", dueDate = due })).StatusCode);

        // A coordinator may assign any unit; a learner may assign nobody.
        var coordinator = await app.ApiAs(Coordinator);
        var city = await Json(await coordinator.PostAsJsonAsync("/api/v1/assignments", new { course = Course, unit = "DISKOMINFO", dueDate = due }), HttpStatusCode.Created);
        Assert.Equal([Rizky], city.GetProperty("assignees").EnumerateArray().Select(a => a.GetProperty("nip").GetString()));
        var learner = await app.ApiAs(Rizky);
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.PostAsJsonAsync("/api/v1/assignments", new { course = Course, employees = new[] { Agus }, dueDate = due })).StatusCode);
    }

    [Theory]
    [InlineData("{\"course\":\"spbe-dasar\",\"dueDate\":\"2099-01-01\"}")]
    [InlineData("{\"course\":\"spbe-dasar\",\"employees\":[\"199005172015031001\"]}")]
    [InlineData("{\"course\":\"spbe-dasar\",\"employees\":[\"199005172015031001\"],\"dueDate\":\"2000-01-01\"}")]
    [InlineData("{\"course\":\"spbe-dasar\",\"path\":\"x\",\"employees\":[\"199005172015031001\"],\"dueDate\":\"2099-01-01\"}")]
    [InlineData("{\"course\":\"spbe-dasar\",\"employees\":[\"199005172015031001\"],\"unit\":\"DISDUKCAPIL\",\"dueDate\":\"2099-01-01\"}")]
    [InlineData("{\"course\":\"spbe-dasar\",\"employees\":[\"123\"],\"dueDate\":\"2099-01-01\"}")]
    [InlineData("not json")]
    public async Task Should_answer_bad_input_with_a_clear_400_and_write_nothing(string body)
    {
        await using var app = new LearningApp();
        var supervisor = await app.ApiAs(Supervisor);
        var response = await supervisor.PostAsync("/api/v1/assignments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await Json(await (await app.ApiAs(Agus)).GetAsync("/api/v1/me/assignments"), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task Should_answer_404_for_an_unknown_course_and_write_nothing()
    {
        await using var app = new LearningApp();
        var supervisor = await app.ApiAs(Supervisor);
        var response = await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = "tidak-ada", employees = new[] { Agus, Dewi }, dueDate = Iso(Today(app).AddDays(3)) });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty((await Json(await (await app.ApiAs(Agus)).GetAsync("/api/v1/me/assignments"), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task Should_let_a_learner_ask_for_more_time_and_the_supervisor_grant_or_refuse_it()
    {
        await using var app = new LearningApp();
        var supervisor = await app.ApiAs(Supervisor);
        var due = Today(app).AddDays(2);
        await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, employees = new[] { Agus, Dewi }, dueDate = Iso(due) }), HttpStatusCode.Created);
        await RunJob(app, "assignment-reminders", due.AddDays(1));
        var dewi = await app.ApiAs(Dewi);
        var item = await Mine(dewi);
        Assert.Equal("overdue", item.GetProperty("status").GetString());
        var itemId = item.GetProperty("id").GetString();

        // A reason is required; someone else's item is not found.
        Assert.Equal(HttpStatusCode.BadRequest, (await dewi.PostAsJsonAsync($"/api/v1/me/assignments/{itemId}/extension", new { reason = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiAs(Agus)).PostAsJsonAsync($"/api/v1/me/assignments/{itemId}/extension", new { reason = "x" })).StatusCode);
        var wanted = due.AddDays(20);
        await Json(await dewi.PostAsJsonAsync($"/api/v1/me/assignments/{itemId}/extension", new { reason = "Sedang tugas luar kota", dueDate = Iso(wanted) }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.BadRequest, (await dewi.PostAsJsonAsync($"/api/v1/me/assignments/{itemId}/extension", new { reason = "lagi" })).StatusCode);

        var pending = (await Json(await supervisor.GetAsync("/api/v1/assignments/extensions"), HttpStatusCode.OK)).EnumerateArray().Single();
        Assert.Equal(("Sedang tugas luar kota", Dewi), (pending.GetProperty("reason").GetString(), pending.GetProperty("nip").GetString()));
        var requestId = pending.GetProperty("id").GetString();
        // Not the learner's to decide, nor a supervisor's from elsewhere (the coordinator with an own-unit scope is tested in TeamTests).
        Assert.Equal(HttpStatusCode.NotFound, (await dewi.PostAsJsonAsync($"/api/v1/assignments/extensions/{requestId}", new { decision = "grant", dueDate = Iso(wanted) })).StatusCode);

        await Json(await supervisor.PostAsJsonAsync($"/api/v1/assignments/extensions/{requestId}", new { decision = "grant", dueDate = Iso(wanted) }), HttpStatusCode.NoContent);
        item = await Mine(dewi);
        Assert.Equal(("assigned", Iso(wanted), "granted"), (item.GetProperty("status").GetString(), item.GetProperty("dueDate").GetString(),
            item.GetProperty("extension").GetProperty("status").GetString()));
        Assert.Contains("Perpanjangan disetujui: Dasar-Dasar SPBE untuk ASN Kota", await NoticeTitles(dewi));
        // The enrolment on the learner's home page carries the new date too.
        Assert.Equal(Iso(wanted), (await Json(await dewi.GetAsync("/api/v1/me/enrolments"), HttpStatusCode.OK))[0].GetProperty("dueDate").GetString());

        // Agus asks too and is refused: still overdue.
        var agus = await app.ApiAs(Agus);
        var agusItem = (await Mine(agus)).GetProperty("id").GetString();
        await Json(await agus.PostAsJsonAsync($"/api/v1/me/assignments/{agusItem}/extension", new { reason = "Lupa" }), HttpStatusCode.Created);
        var agusRequest = (await Json(await supervisor.GetAsync("/api/v1/assignments/extensions"), HttpStatusCode.OK)).EnumerateArray().Single().GetProperty("id").GetString();
        await Json(await supervisor.PostAsJsonAsync($"/api/v1/assignments/extensions/{agusRequest}", new { decision = "refuse", reason = "Sudah cukup waktu" }), HttpStatusCode.NoContent);
        Assert.Equal(("overdue", "refused"), ((await Mine(agus)).GetProperty("status").GetString(), (await Mine(agus)).GetProperty("extension").GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Should_assign_from_the_supervisor_page_with_antiforgery()
    {
        await using var app = new LearningApp();
        var pages = await app.PagesAs(Supervisor);
        var form = await pages.GetStringAsync("/assignments/new");
        Assert.Contains("Agus Prasetyo", form);
        Assert.DoesNotContain("Rizky Hidayat", form);
        var response = await pages.PostAsync("/assignments/new", await LearningApp.FormWithToken(pages, "/assignments/new", new()
        {
            ["Form.Course"] = Course, ["Form.Target"] = "people", ["Form.Employees"] = Dewi,
            ["Form.DueDate"] = Iso(Today(app).AddDays(5)), ["Form.Note"] = "Segera",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var team = await pages.GetStringAsync("/team");
        Assert.Contains("Dewi Lestari", team);
        Assert.Contains("ditugaskan", team);
        Assert.Equal("assigned", (await Mine(await app.ApiAs(Dewi))).GetProperty("status").GetString());

        // Without the token, nothing happens.
        var forged = await pages.PostAsync("/assignments/new", new FormUrlEncodedContent(new Dictionary<string, string> { ["Form.Course"] = Course, ["Form.Employees"] = Agus }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_tell_who_is_behind_the_JP_pace_once_a_month_with_one_digest_per_supervisor(Db db)
    {
        await using var app = new LearningApp(db);
        var year = Today(app).Year;
        // January: nobody can be behind yet.
        Assert.Equal(0, await RunJob(app, "jp-compliance", new DateOnly(year, 1, 1)));
        // 1 July: 20 x 6/12 = 10 JP expected; everyone has 0. Five people told, one digest for the supervisor of two.
        Assert.Equal(6, await RunJob(app, "jp-compliance", new DateOnly(year, 7, 1)));
        var supervisor = await app.ApiAs(Supervisor);
        var digest = (await Json(await supervisor.GetAsync("/api/v1/notifications"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(n => n.GetProperty("title").GetString() == $"Kepatuhan JP tim Juli {year}");
        Assert.Contains("2 orang", digest.GetProperty("body").GetString());
        Assert.Contains("Agus Prasetyo (0)", digest.GetProperty("body").GetString());
        Assert.Contains("JP Anda tertinggal dari laju tahun ini", await NoticeTitles(await app.ApiAs(Dewi)));
        // The same month again sends nothing more; the next month is a new round.
        Assert.Equal(0, await RunJob(app, "jp-compliance", new DateOnly(year, 7, 2)));
        Assert.Equal(6, await RunJob(app, "jp-compliance", new DateOnly(year, 8, 1)));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_keep_one_open_item_when_a_course_is_assigned_again_with_the_earlier_due_date(Db db)
    {
        await using var app = new LearningApp(db);
        var supervisor = await app.ApiAs(Supervisor);
        var agus = await app.ApiAs(Agus);
        var first = await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments",
            new { course = Course, employees = new[] { Agus }, dueDate = Iso(Today(app).AddDays(20)) }), HttpStatusCode.Created);
        var item = first.GetProperty("assignees")[0].GetProperty("itemId").GetString();
        Assert.False(first.GetProperty("assignees")[0].GetProperty("alreadyAssigned").GetBoolean());

        // Again, earlier, with Dewi: Agus keeps his item (now due on the earlier date), Dewi gets a new one.
        var again = await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments",
            new { course = Course, employees = new[] { Agus, Dewi }, dueDate = Iso(Today(app).AddDays(10)) }), HttpStatusCode.Created);
        var assignees = again.GetProperty("assignees").EnumerateArray().ToDictionary(a => a.GetProperty("nip").GetString()!);
        Assert.Equal((item, true, Iso(Today(app).AddDays(10))), (assignees[Agus].GetProperty("itemId").GetString(),
            assignees[Agus].GetProperty("alreadyAssigned").GetBoolean(), assignees[Agus].GetProperty("dueDate").GetString()));
        Assert.False(assignees[Dewi].GetProperty("alreadyAssigned").GetBoolean());
        Assert.Equal(Iso(Today(app).AddDays(10)), (await Mine(agus)).GetProperty("dueDate").GetString());

        // Later again, from the page: still one item, the earlier date stands, and the supervisor is told who had it.
        var pages = await app.PagesAs(Supervisor);
        var posted = await pages.PostAsync("/assignments/new", await LearningApp.FormWithToken(pages, "/assignments/new", new()
        {
            ["Form.Course"] = Course, ["Form.Target"] = "people", ["Form.Employees"] = Agus, ["Form.DueDate"] = Iso(Today(app).AddDays(30)),
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var team = await pages.GetStringAsync("/team");
        Assert.Contains("Tidak ada tugas baru. Sudah ditugaskan sebelumnya: Agus Prasetyo (tenggat ", team);
        var mine = (await Json(await agus.GetAsync("/api/v1/me/assignments"), HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(Iso(Today(app).AddDays(10)), Assert.Single(mine).GetProperty("dueDate").GetString());
        var compliance = (await Json(await supervisor.GetAsync("/api/v1/team/compliance"), HttpStatusCode.OK)).EnumerateArray()
            .ToDictionary(m => m.GetProperty("nip").GetString()!, m => m.GetProperty("assignments").GetArrayLength());
        Assert.Equal((1, 1), (compliance[Agus], compliance[Dewi]));

        // A path on the same course is the same learning: not a second item either.
        var path = await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments",
            new { path = "sertifikasi-pelayanan-publik", employees = new[] { Dewi }, dueDate = Iso(Today(app).AddDays(15)) }), HttpStatusCode.Created);
        Assert.False(path.GetProperty("assignees")[0].GetProperty("alreadyAssigned").GetBoolean());
        var pathAgain = await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments",
            new { path = "sertifikasi-pelayanan-publik", employees = new[] { Dewi }, dueDate = Iso(Today(app).AddDays(15)) }), HttpStatusCode.Created);
        Assert.True(pathAgain.GetProperty("assignees")[0].GetProperty("alreadyAssigned").GetBoolean());
        var courseOfPath = await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments",
            new { course = "standar-dan-maklumat-pelayanan", employees = new[] { Dewi }, dueDate = Iso(Today(app).AddDays(15)) }), HttpStatusCode.Created);
        Assert.True(courseOfPath.GetProperty("assignees")[0].GetProperty("alreadyAssigned").GetBoolean());
        Assert.Equal(2, (await Json(await (await app.ApiAs(Dewi)).GetAsync("/api/v1/me/assignments"), HttpStatusCode.OK)).GetArrayLength());

        // A completed item is history: assigning after completion gives a new item.
        var enrolment = (await Json(await agus.GetAsync("/api/v1/me/enrolments"), HttpStatusCode.OK)).EnumerateArray().Single().GetProperty("id").GetString()!;
        await Complete(app, agus, enrolment);
        var afterCompletion = await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments",
            new { course = Course, employees = new[] { Agus }, dueDate = Iso(Today(app).AddDays(40)) }), HttpStatusCode.Created);
        Assert.False(afterCompletion.GetProperty("assignees")[0].GetProperty("alreadyAssigned").GetBoolean());
        Assert.NotEqual(item, afterCompletion.GetProperty("assignees")[0].GetProperty("itemId").GetString());
        var statuses = (await Json(await agus.GetAsync("/api/v1/me/assignments"), HttpStatusCode.OK)).EnumerateArray()
            .Select(a => a.GetProperty("status").GetString()).Order().ToList();
        Assert.Equal(["assigned", "completed"], statuses);
    }
}
