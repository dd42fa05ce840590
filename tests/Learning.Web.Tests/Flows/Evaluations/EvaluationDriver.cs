using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Web.Tests.Infrastructure;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows.Evaluations;

/// <summary>Classes written straight into the Classes tables (registration has its own tests), and attempts with a known score.</summary>
internal static class EvaluationDriver
{
    public static Task<Guid> EmployeeId(LearningApp app, string nip) => app.WithScope(async sp =>
        (await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(nip))!.Id);

    /// <summary>A class of <paramref name="course"/> with one session starting at <paramref name="startsAt"/>, its trainers and registered participants.</summary>
    public static async Task<Guid> Class(LearningApp app, string? course, string title, DateTimeOffset startsAt, string[] trainers, string[] participants, string? tenant = null)
    {
        async Task<Guid> Write(IServiceProvider sp)
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var people = sp.GetRequiredService<IOrganisationDirectory>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var c = new Class(course, title, 6, 30, ClassApprovals.None, startsAt.UtcDateTime.AddDays(-1), Guid.NewGuid(), now);
            db.Add(c);
            db.Add(new ClassSession(c.Id, 1, startsAt.UtcDateTime, startsAt.UtcDateTime.AddHours(7), "Aula BKPSDM", null, new byte[16]));
            foreach (var nip in trainers) db.Add(new ClassTrainer(c.Id, (await people.FindEmployeeByNip(nip))!.Id));
            foreach (var nip in participants)
            {
                var r = new ClassRegistration(c.Id, (await people.FindEmployeeByNip(nip))!.Id, null, now);
                r.Register(null, now);
                db.Add(r);
            }
            await db.SaveChangesAsync();
            return c.Id;
        }
        return tenant is null ? await app.WithScope(Write) : await app.InTenant(tenant, Write);
    }

    /// <summary>Every lesson done (once) and an attempt handed in with exactly <paramref name="wrong"/> of the 12 answers wrong.</summary>
    public static async Task<decimal> Attempt(LearningApp app, HttpClient api, string enrolmentId, int wrong, bool lessons)
    {
        if (lessons)
        {
            var outline = await Json(await api.GetAsync($"/api/v1/courses/{Course}"), HttpStatusCode.OK);
            foreach (var lesson in outline.GetProperty("modules").EnumerateArray().SelectMany(m => m.GetProperty("lessons").EnumerateArray()))
                await Json(await api.PostAsJsonAsync($"/api/v1/enrolments/{enrolmentId}/lessons/{lesson.GetProperty("key").GetString()}/complete", new { seconds = 600 }), HttpStatusCode.OK);
        }
        var key = await app.WithScope(async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(Course))!);
        var attempt = await Json(await api.PostAsync($"/api/v1/enrolments/{enrolmentId}/attempts", null), HttpStatusCode.Created);
        var byId = key.Answers.ToDictionary(a => a.QuestionId);
        var answers = new JsonObject();
        var n = 0;
        foreach (var q in attempt.GetProperty("questions").EnumerateArray())
        {
            var a = byId[q.GetProperty("id").GetString()!];
            var flip = n++ < wrong;
            answers[a.QuestionId] = a.Type switch
            {
                QuestionType.TrueFalse => JsonValue.Create(flip ? !a.TrueFalse!.Value : a.TrueFalse!.Value),
                QuestionType.Single => JsonValue.Create((flip ? (a.Options[0] + 1) % q.GetProperty("options").GetArrayLength() : a.Options[0]).ToString()),
                _ => new JsonArray((flip ? a.Options.Skip(1) : a.Options).Select(i => (JsonNode)JsonValue.Create(i.ToString())!).ToArray()),
            };
        }
        var result = await Json(await api.PostAsJsonAsync($"/api/v1/attempts/{attempt.GetProperty("id").GetString()}/submit", new JsonObject { ["answers"] = answers }), HttpStatusCode.OK);
        return result.GetProperty("score").GetDecimal();
    }
}
