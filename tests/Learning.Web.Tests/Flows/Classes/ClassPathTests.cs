using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Courses.Contracts;
using Learning.Evaluations.Contracts;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Learning.Web.Tests.Flows.Classes.RegistrationDriver;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>A registration on the path engine: the supervisor's approval, then the class's completion rules, then the certificate.</summary>
public sealed class ClassPathTests
{
    private const string Course = "spbe-dasar";

    [Fact]
    public async Task Should_register_when_the_supervisor_approves_and_reject_when_they_refuse()
    {
        await using var app = new LearningApp();
        var classId = await AddClass(app, capacity: 5, approval: ClassApprovals.Supervisor, course: Course);
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
        var classId = await AddClass(app, capacity: 5, course: Course, sessions: 2, attendance: 1m, postTest: true, evaluation: true, jp: 16m);
        var agus = await app.ApiAs(Agus);
        var agusId = await EmployeeId(app, Agus);
        var mine = await Json(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        Assert.Equal("registered", mine.GetProperty("status").GetString());
        var registration = (await Registrations(app, classId)).Single();
        Assert.NotNull(registration.EnrolmentId);

        // Attendance at the first session only: not yet. (The check-in branch writes these rows and raises the event.)
        await Attend(app, classId, agusId, 1);
        await Evaluate(app, classId, agusId);
        Assert.Equal(RegistrationStatuses.Registered, (await Registrations(app, classId)).Single().Status);
        await Attend(app, classId, agusId, 2);
        Assert.Equal(RegistrationStatuses.Completed, (await Registrations(app, classId)).Single().Status);
        var path = await Json(await agus.GetAsync($"/api/v1/path-instances/{registration.PathInstanceId}"), HttpStatusCode.OK);
        Assert.Equal("lulus-post-test", path.GetProperty("currentStep").GetString());
        Assert.Empty((await Json(await agus.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray());

        // The post-test on the class's enrolment.
        var attempt = (await Json(await agus.PostAsync($"/api/v1/enrolments/{registration.EnrolmentId}/attempts", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var graded = await Json(await SubmitPassing(app, agus, attempt), HttpStatusCode.OK);
        Assert.True(graded.GetProperty("passed").GetBoolean());

        var certificates = (await Json(await agus.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray().ToList();
        var certificate = Assert.Single(certificates);
        var sessions = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<ClassSession>().AsNoTracking()
            .Where(s => s.ClassId == classId).OrderBy(s => s.Number).ToListAsync());
        // Met before the last session ended (here: attendance entered ahead of time), it is dated the day it was met, never later.
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

    private static Task Attend(LearningApp app, Guid classId, Guid employeeId, int number) => app.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var session = await db.Set<ClassSession>().FirstAsync(s => s.ClassId == classId && s.Number == number);
        db.Add(new Attendance(classId, session.Id, employeeId, session.StartsAt.AddMinutes(5), AttendanceMethods.Code, null));
        var recorded = new AttendanceRecorded(classId, session.Id, employeeId, session.StartsAt.AddMinutes(5), AttendanceMethods.Code);
        foreach (var handler in sp.GetServices<IDomainEventHandler<AttendanceRecorded>>()) await handler.Handle(recorded, CancellationToken.None);
        await db.SaveChangesAsync();
    });

    private static Task Evaluate(LearningApp app, Guid classId, Guid employeeId) => app.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var submitted = new EvaluationSubmitted(EvaluationSubjects.Class, classId.ToString(), employeeId, app.Clock.GetUtcNow().UtcDateTime);
        foreach (var handler in sp.GetServices<IDomainEventHandler<EvaluationSubmitted>>()) await handler.Handle(submitted, CancellationToken.None);
        await db.SaveChangesAsync();
    });

    private static async Task<HttpResponseMessage> SubmitPassing(LearningApp app, HttpClient api, string attemptId)
    {
        var key = await app.WithScope(async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(Course))!);
        var answers = new JsonObject();
        foreach (var a in key.Answers)
            answers[a.QuestionId] = a.Type switch
            {
                QuestionType.TrueFalse => JsonValue.Create(a.TrueFalse!.Value),
                QuestionType.Single => JsonValue.Create(a.Options[0].ToString()),
                _ => new JsonArray(a.Options.Select(i => (JsonNode)JsonValue.Create(i.ToString())!).ToArray()),
            };
        return await api.PostAsJsonAsync($"/api/v1/attempts/{attemptId}/submit", new JsonObject { ["answers"] = answers });
    }
}
