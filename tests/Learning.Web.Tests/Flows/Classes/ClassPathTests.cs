using System.Net;
using System.Net.Http.Json;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Learning.Web.Tests.Flows.Classes.RegistrationDriver;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>
/// A registration on the path engine: the supervisor's approval, then the class's completion rules, then the certificate. Every
/// step as people take it: the coordinator schedules over the API, learners register, check in with the trainer's code of the
/// minute, fill in the evaluation and take the post-test.
/// </summary>
public sealed class ClassPathTests
{
    private const string Course = "spbe-dasar";

    [Fact]
    public async Task Should_register_when_the_supervisor_approves_and_reject_when_they_refuse()
    {
        await using var app = new LearningApp();
        var classId = await Schedule(app, b => { b["capacity"] = 5; b["approval"] = ClassApprovals.Supervisor; b["course"] = Course; });
        var agus = await app.ApiAs(Agus);
        var dewi = await app.ApiAs(Dewi);
        var boss = await app.ApiAs(Supervisor);

        var asked = await Json(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        Assert.Equal("pending-approval", asked.GetProperty("status").GetString());
        var refused = await Json(await dewi.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        Assert.Equal("pending-approval", refused.GetProperty("status").GetString());
        Assert.Equal(0, (await Read(app, classId)).PlacesTaken);

        var approvals = (await Json(await boss.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray().ToList();
        var forAgus = approvals.Single(a => a.GetProperty("learner").GetProperty("nip").GetString() == Agus);
        var forDewi = approvals.Single(a => a.GetProperty("learner").GetProperty("nip").GetString() == Dewi);
        Assert.Equal("Pelatihan Standar Pelayanan Publik", forAgus.GetProperty("pathTitle").GetString());
        await Json(await boss.PostAsJsonAsync($"/api/v1/approvals/{forAgus.GetProperty("id").GetString()}", new { decision = "approve" }), HttpStatusCode.OK);
        await Json(await boss.PostAsJsonAsync($"/api/v1/approvals/{forDewi.GetProperty("id").GetString()}", new { decision = "reject", reason = "Beban kerja" }), HttpStatusCode.OK);

        var rows = (await Registrations(app, classId)).ToDictionary(r => r.Id.ToString());
        Assert.Equal(RegistrationStatuses.Registered, rows[asked.GetProperty("id").GetString()!].Status);
        Assert.Equal(RegistrationStatuses.Rejected, rows[refused.GetProperty("id").GetString()!].Status);
        Assert.Equal(1, (await Read(app, classId)).PlacesTaken);
        var path = await Json(await agus.GetAsync($"/api/v1/path-instances/{rows[asked.GetProperty("id").GetString()!].PathInstanceId}"), HttpStatusCode.OK);
        Assert.Equal("ikuti-kelas", path.GetProperty("currentStep").GetString());
        Assert.Contains(path.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "class-place" && h.GetProperty("detail").GetString() == "registered");
    }

    [Fact]
    public async Task Should_complete_on_attendance_evaluation_and_post_test_with_a_certificate_dated_by_the_class_and_jp_on_the_record()
    {
        await using var app = new LearningApp();
        var classId = await Schedule(app, b =>
        {
            b["capacity"] = 5; b["course"] = Course; b["jp"] = 16;
            b["completion"] = new Dictionary<string, object?> { ["attendance"] = 1, ["postTest"] = true, ["evaluation"] = true };
        });
        var agus = await app.ApiAs(Agus);
        var mine = await Json(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        Assert.Equal("registered", mine.GetProperty("status").GetString());
        var registration = (await Registrations(app, classId)).Single();
        Assert.NotNull(registration.EnrolmentId);

        // Checked in at the first session and the evaluation filled in: not yet, the second session is still to come.
        await CheckIn(app, classId, Agus, 1);
        agus = await app.ApiAs(Agus);
        Assert.Equal(HttpStatusCode.NoContent, (await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/evaluation", new
        {
            answers = new Dictionary<string, object> { ["materi"] = 5, ["pengajar"] = 5, ["tempat"] = 4, ["manfaat"] = 5 },
        })).StatusCode);
        Assert.Equal(RegistrationStatuses.Registered, (await Registrations(app, classId)).Single().Status);
        await CheckIn(app, classId, Agus, 2);
        Assert.Equal(RegistrationStatuses.Completed, (await Registrations(app, classId)).Single().Status);
        agus = await app.ApiAs(Agus);
        var path = await Json(await agus.GetAsync($"/api/v1/path-instances/{registration.PathInstanceId}"), HttpStatusCode.OK);
        Assert.Equal("lulus-post-test", path.GetProperty("currentStep").GetString());
        Assert.Empty((await Json(await agus.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray());

        // The post-test on the class's enrolment.
        var graded = await AssessmentKey.Submit(app, agus, registration.EnrolmentId.ToString()!, Course);
        Assert.True(graded.GetProperty("passed").GetBoolean());

        var certificates = (await Json(await agus.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray().ToList();
        var certificate = Assert.Single(certificates);
        var sessions = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<ClassSession>().AsNoTracking()
            .Where(s => s.ClassId == classId).OrderBy(s => s.Number).ToListAsync());
        // Met during the last session (the post-test taken there), it is dated the day it was met, never later.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, app.Clock.LocalTimeZone));
        Assert.Equal(today.ToString("yyyy-MM-dd"), certificate.GetProperty("issuedOn").GetString());
        var record = await Json(await agus.GetAsync("/api/v1/me/career-record"), HttpStatusCode.OK);
        var training = record.GetProperty("trainings").EnumerateArray().Single(t => t.GetProperty("certificateNumber").GetString() == certificate.GetProperty("number").GetString());
        Assert.Equal(16m, training.GetProperty("jp").GetDecimal());
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(sessions[0].StartsAt, app.Clock.LocalTimeZone));
        Assert.Equal(firstDay.ToString("yyyy-MM-dd"), training.GetProperty("startOn").GetString());
        path = await Json(await agus.GetAsync($"/api/v1/path-instances/{registration.PathInstanceId}"), HttpStatusCode.OK);
        // The course's certificate has a validity: the class's path waits on its reassessment, as the course's own path does.
        Assert.Equal(("waiting", "asesmen-ulang"), (path.GetProperty("status").GetString(), path.GetProperty("currentStep").GetString()));
    }

    /// <summary>The coordinator schedules the class over the API: <see cref="ClassDriver.Body"/> (two sessions 20 and 21 days ahead) as changed.</summary>
    private static async Task<Guid> Schedule(LearningApp app, Action<Dictionary<string, object?>> change) =>
        Guid.Parse(await ClassDriver.Create(await app.ApiAs(Coordinator), ClassDriver.Body(app, change: change)));

    /// <summary>Ten minutes into session <paramref name="number"/> the trainer (the coordinator) reads the code of the minute and the learner checks in with it.</summary>
    private static async Task CheckIn(LearningApp app, Guid classId, string nip, int number)
    {
        var session = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<ClassSession>().AsNoTracking()
            .SingleAsync(s => s.ClassId == classId && s.Number == number));
        app.Clock.Set(new DateTimeOffset(DateTime.SpecifyKind(session.StartsAt, DateTimeKind.Utc)).AddMinutes(10));
        var code = (await Json(await (await app.ApiAs(Coordinator)).GetAsync($"/api/v1/classes/{classId}/sessions/{number}/check-in"), HttpStatusCode.OK))
            .GetProperty("code").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await (await app.ApiAs(nip)).PostAsJsonAsync($"/api/v1/classes/{classId}/attendance", new { code })).StatusCode);
    }
}
