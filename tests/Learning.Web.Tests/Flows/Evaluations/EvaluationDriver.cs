using System.Net;
using System.Net.Http.Json;
using Learning.Organisation.Contracts;
using Learning.Web.Tests.Flows.Classes;
using Learning.Web.Tests.Infrastructure;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows.Evaluations;

/// <summary>Classes scheduled and joined as people do it (the classes and registrations API), and attempts with a known score.</summary>
internal static class EvaluationDriver
{
    public static Task<Guid> EmployeeId(LearningApp app, string nip) => app.WithScope(async sp =>
        (await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(nip))!.Id);

    /// <summary>
    /// A class of <paramref name="course"/> with one seven-hour session starting at <paramref name="startsAt"/>, its trainers and
    /// registered participants: the coordinator schedules it and each participant registers, over the API. Registering closes the
    /// day before the session; a class that has already begun was scheduled and joined two days before it, so the clock goes back
    /// there for that and returns to now after.
    /// </summary>
    public static async Task<Guid> Class(LearningApp app, string? course, string title, DateTimeOffset startsAt, string[] trainers, string[] participants)
    {
        var now = app.Clock.GetUtcNow();
        var scheduled = startsAt.AddDays(-2);
        var rewind = scheduled < now;
        if (rewind) app.Clock.Set(scheduled);
        try
        {
            var body = ClassDriver.Body(app, title, b =>
            {
                b["course"] = course;
                b["jp"] = 6;
                b["capacity"] = 30;
                b["registrationCloses"] = ClassDriver.Iso(startsAt.AddDays(-1));
                b["sessions"] = new List<Dictionary<string, object?>>
                {
                    new() { ["start"] = ClassDriver.Iso(startsAt), ["end"] = ClassDriver.Iso(startsAt.AddHours(7)), ["venue"] = "Aula BKPSDM", ["onlineUrl"] = null },
                };
                b["trainers"] = trainers.ToList();
            });
            var id = await ClassDriver.Create(await app.ApiAs(Coordinator), body);
            foreach (var nip in participants)
            {
                var registered = await Json(await (await app.ApiAs(nip)).PostAsJsonAsync($"/api/v1/classes/{id}/registrations", new { }), HttpStatusCode.Created);
                Assert.Equal("registered", registered.GetProperty("status").GetString());
            }
            return Guid.Parse(id);
        }
        finally
        {
            if (rewind) app.Clock.Set(now);
        }
    }

    /// <summary>Every lesson done (once, when <paramref name="lessons"/>) and an attempt handed in with exactly <paramref name="wrong"/> of the 12 answers wrong.</summary>
    public static async Task<decimal> Attempt(LearningApp app, HttpClient api, string enrolmentId, int wrong, bool lessons)
    {
        if (lessons)
        {
            var outline = await Json(await api.GetAsync($"/api/v1/courses/{Course}"), HttpStatusCode.OK);
            foreach (var lesson in outline.GetProperty("modules").EnumerateArray().SelectMany(m => m.GetProperty("lessons").EnumerateArray()))
                await Json(await api.PostAsJsonAsync($"/api/v1/enrolments/{enrolmentId}/lessons/{lesson.GetProperty("key").GetString()}/complete", new { seconds = 600 }), HttpStatusCode.OK);
        }
        return (await AssessmentKey.Submit(app, api, enrolmentId, Course, wrong)).GetProperty("score").GetDecimal();
    }
}
