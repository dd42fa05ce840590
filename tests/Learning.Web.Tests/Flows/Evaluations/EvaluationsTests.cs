using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Learning.Evaluations;
using Learning.Evaluations.Contracts;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Learning.Web.Tests.Flows.AssignmentDriver;
using static Learning.Web.Tests.Flows.Evaluations.EvaluationDriver;

namespace Learning.Web.Tests.Flows.Evaluations;

/// <summary>The reaction form of classes and courses, the coordinator's added questions, and the reports with their CSV.</summary>
public sealed class EvaluationsTests
{
    /// <summary>Every EvaluationSubmitted dispatched in the app's transactions.</summary>
    private sealed class Submitted : IDomainEventHandler<EvaluationSubmitted>
    {
        public static readonly ConcurrentBag<EvaluationSubmitted> Seen = [];
        public Task Handle(EvaluationSubmitted e, CancellationToken ct) { Seen.Add(e); return Task.CompletedTask; }
    }

    private static LearningApp App(Db db) => new(db, configureServices: s => s.AddScoped<IDomainEventHandler<EvaluationSubmitted>, Submitted>());

    private static Task<int> Responses(LearningApp app, string subjectId) => app.WithScope(sp =>
        sp.GetRequiredService<LearningDbContext>().Set<EvaluationResponse>().CountAsync(r => r.SubjectId == subjectId));

    private static async Task<string> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_take_a_participants_answers_once_with_the_coordinators_question_and_refuse_everyone_else(Db db)
    {
        await using var app = App(db);
        var now = app.Clock.GetUtcNow();
        var classId = await Class(app, Course, "Pelatihan Standar Pelayanan Publik", now.AddHours(-1), [Supervisor], [Agus, Dewi]);
        var later = await Class(app, Course, "Kelas Bulan Depan", now.AddDays(30), [Supervisor], [Agus]);

        // The coordinator adds a scale question on the class's form page.
        var coordinator = await app.PagesAs(Coordinator);
        var page = $"/authoring/evaluations/classes/{classId}";
        var added = await coordinator.PostAsync(page + "?handler=Add", await LearningApp.FormWithToken(coordinator, page,
            new() { ["Text"] = "Durasi pelatihan sudah memadai", ["Type"] = "scale" }));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Durasi pelatihan sudah memadai", await coordinator.GetStringAsync(page));

        var agus = await app.ApiAs(Agus);
        var form = await Json(await agus.GetAsync($"/api/v1/classes/{classId}/evaluation"), HttpStatusCode.OK);
        var questions = form.GetProperty("questions").EnumerateArray()
            .Select(q => (Id: q.GetProperty("id").GetString()!, Text: q.GetProperty("text").GetString()!, Type: q.GetProperty("type").GetString()!)).ToList();
        Assert.Equal(["materi", "pengajar", "tempat", "manfaat"], questions.Take(4).Select(q => q.Id));
        Assert.All(questions.Take(4), q => Assert.Equal("scale", q.Type));
        var extra = questions.Single(q => q.Text == "Durasi pelatihan sudah memadai");
        Assert.Equal("scale", extra.Type);
        Assert.Equal(("komentar", "text"), (questions[^1].Id, questions[^1].Type));

        // Bad values: each refused with its reason in Indonesian, and nothing written.
        object Answers(object extraValue, string? comment = "Materi sangat relevan", string? unknown = null)
        {
            var a = new Dictionary<string, object?> { ["materi"] = 5, ["pengajar"] = 4, ["tempat"] = 3, ["manfaat"] = 5, [extra.Id] = extraValue };
            if (comment is not null) a["komentar"] = comment;
            if (unknown is not null) a[unknown] = 3;
            return new { answers = a };
        }
        Assert.Contains("1 sampai 5", await Problem(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/evaluation", Answers(7)), HttpStatusCode.BadRequest));
        Assert.Contains("1 sampai 5", await Problem(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/evaluation", Answers(2.5)), HttpStatusCode.BadRequest));
        Assert.Contains("tidak ada di formulir", await Problem(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/evaluation", Answers(4, unknown: "suasana")), HttpStatusCode.BadRequest));
        Assert.Contains("terlalu panjang", await Problem(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/evaluation", Answers(4, new string('x', 2001))), HttpStatusCode.BadRequest));
        Assert.Contains("belum dijawab", await Problem(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/evaluation",
            new { answers = new Dictionary<string, object> { ["materi"] = 5 } }), HttpStatusCode.BadRequest));
        Assert.Equal(0, await Responses(app, classId.ToString()));
        Assert.DoesNotContain(Submitted.Seen, e => e.SubjectId == classId.ToString());

        // A good one: 204, stored once with the event; a second: 409 in Indonesian.
        var agusId = await EmployeeId(app, Agus);
        Assert.Equal(HttpStatusCode.NoContent, (await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/evaluation", Answers(4))).StatusCode);
        var stored = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<EvaluationResponse>().Include(r => r.Answers)
            .SingleAsync(r => r.SubjectId == classId.ToString()));
        Assert.Equal(agusId, stored.EmployeeId);
        Assert.Equal(4, stored.Answers.Single(a => a.QuestionId == extra.Id).Score);
        Assert.Equal("Materi sangat relevan", stored.Answers.Single(a => a.QuestionId == "komentar").Text);
        Assert.Contains(Submitted.Seen, e => e.SubjectKind == EvaluationSubjects.Class && e.SubjectId == classId.ToString() && e.EmployeeId == agusId);
        Assert.Contains("sudah mengisi", await Problem(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/evaluation", Answers(5)), HttpStatusCode.Conflict));
        Assert.Equal(1, await Responses(app, classId.ToString()));
        Assert.True((await Json(await agus.GetAsync($"/api/v1/classes/{classId}/evaluation"), HttpStatusCode.OK)).GetProperty("answered").GetBoolean());

        // Not a participant: 403 (the trainer too); a class not begun: 403; no such class: 404.
        var rizky = await app.ApiAs(Rizky);
        Assert.Contains("peserta", await Problem(await rizky.GetAsync($"/api/v1/classes/{classId}/evaluation"), HttpStatusCode.Forbidden));
        await Problem(await rizky.PostAsJsonAsync($"/api/v1/classes/{classId}/evaluation", Answers(4)), HttpStatusCode.Forbidden);
        await Problem(await (await app.ApiAs(Supervisor)).PostAsJsonAsync($"/api/v1/classes/{classId}/evaluation", Answers(4)), HttpStatusCode.Forbidden);
        Assert.Contains("sesi pertama", await Problem(await agus.PostAsJsonAsync($"/api/v1/classes/{later}/evaluation", Answers(4)), HttpStatusCode.Forbidden));
        await Problem(await agus.GetAsync($"/api/v1/classes/{Guid.NewGuid()}/evaluation"), HttpStatusCode.NotFound);

        // Another city's class, even one Agus's id is registered in, is not there for him.
        await app.AddTenant("salatiga", "Kota Salatiga", "salatiga.test");
        var elsewhere = await app.InTenant("salatiga", async sp =>
        {
            var dbB = sp.GetRequiredService<LearningDbContext>();
            var c = new Learning.Classes.Class(null, "Kelas Salatiga", 4, 10, "none", now.UtcDateTime.AddDays(1), Guid.NewGuid(), now.UtcDateTime);
            dbB.Add(c);
            dbB.Add(new Learning.Classes.ClassSession(c.Id, 1, now.UtcDateTime.AddHours(-2), now.UtcDateTime.AddHours(2), "Salatiga", null, new byte[16]));
            var r = new Learning.Classes.ClassRegistration(c.Id, agusId, null, now.UtcDateTime);
            r.Register(null, now.UtcDateTime);
            dbB.Add(r);
            await dbB.SaveChangesAsync();
            return c.Id;
        });
        await Problem(await agus.GetAsync($"/api/v1/classes/{elsewhere}/evaluation"), HttpStatusCode.NotFound);
        await Problem(await agus.PostAsJsonAsync($"/api/v1/classes/{elsewhere}/evaluation", Answers(4)), HttpStatusCode.NotFound);

        // Dewi fills it in on the page (phone form: radio groups, a labelled comment box, antiforgery).
        var dewi = await app.PagesAs(Dewi);
        var formPage = $"/classes/{classId}/evaluation";
        var html = await dewi.GetStringAsync(formPage);
        Assert.Contains("type=\"radio\" name=\"a-materi\" value=\"5\"", html);
        Assert.Contains("Sangat baik", html);
        Assert.Contains("<label for=\"a-komentar\">", html);
        var fields = new Dictionary<string, string> { ["a-materi"] = "4", ["a-pengajar"] = "3", ["a-tempat"] = "4", ["a-manfaat"] = "4", ["a-" + extra.Id] = "2", ["a-komentar"] = "" };
        var bad = await dewi.PostAsync(formPage, await LearningApp.FormWithToken(dewi, formPage, new(fields) { ["a-tempat"] = "9" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("harus berupa angka bulat 1 sampai 5", await bad.Content.ReadAsStringAsync());
        var sent = await dewi.PostAsync(formPage, await LearningApp.FormWithToken(dewi, formPage, fields));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("evaluasi Anda sudah tersimpan", await dewi.GetStringAsync(sent.Headers.Location!.ToString()));
        Assert.Equal(2, await Responses(app, classId.ToString()));

        // Removing the added question now that it has answers only hides it: off the form, still in the report.
        var extraId = Guid.ParseExact(extra.Id, "N");
        var removed = await coordinator.PostAsync(page + "?handler=Remove", await LearningApp.FormWithToken(coordinator, page, new() { ["question"] = extraId.ToString() }));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain((await Json(await agus.GetAsync($"/api/v1/classes/{classId}/evaluation"), HttpStatusCode.OK)).GetProperty("questions").EnumerateArray(),
            q => q.GetProperty("id").GetString() == extra.Id);
        var report = await coordinator.GetStringAsync($"/reports/evaluations/classes/{classId}");
        Assert.Contains("Durasi pelatihan sudah memadai", report);
    }
}
