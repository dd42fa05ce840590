using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Courses.Domain;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Learning.Paths;
using Learning.Paths.Engine;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Learning.Web.Tests.Flows.Classes.RegistrationDriver;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>
/// Registrations people can trust: written whole with their path or not at all, approved only by who may approve, time-outs
/// that leave the places right, and a coordinator's edit form that registrations do not make stale.
/// </summary>
public sealed partial class ClassRegistrationTrustTests
{
    private const string Course = "spbe-dasar";

    [Fact]
    public async Task Should_leave_no_registration_and_the_place_free_when_the_class_path_cannot_start()
    {
        await using var app = new LearningApp();
        var classId = await AddClass(app, capacity: 1, course: Course);
        var agusId = await EmployeeId(app, Agus);
        // The course is withdrawn after the class was scheduled.
        await SetPublished(app, Course, false);

        var agus = await app.ApiAs(Agus);
        await Problem(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Conflict,
            "kursusnya sedang tidak diterbitkan");
        // His supervisor naming him gets the same answer (not an empty batch).
        await Problem(await (await app.ApiAs(Supervisor)).PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { employees = new[] { Agus } }),
            HttpStatusCode.Conflict, "kursusnya sedang tidak diterbitkan");
        Assert.Empty(await Registrations(app, classId));
        Assert.Equal(0, (await Read(app, classId)).PlacesTaken);
        var (enrolments, instances) = await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            return (await db.Set<Enrolment>().CountAsync(e => e.EmployeeId == agusId && e.CourseSlug == Course),
                await db.Set<PathInstance>().CountAsync(i => i.PathKey == StoredPath.ClassPrefix + classId));
        });
        Assert.Equal((0, 0), (enrolments, instances));
        // The page says the same, in words, and writes nothing either.
        var pages = await app.PagesAs(Agus);
        var page = $"/classes/{classId}";
        var refused = await pages.PostAsync($"{page}?handler=Register", await LearningApp.FormWithToken(pages, page, new()));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("kursusnya sedang tidak diterbitkan", await refused.Content.ReadAsStringAsync());
        Assert.Empty(await Registrations(app, classId));

        // Published again: the one place is still there for the first who asks, with the enrolment and path it runs on.
        await SetPublished(app, Course, true);
        var mine = await Json(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        Assert.Equal("registered", mine.GetProperty("status").GetString());
        var registration = (await Registrations(app, classId)).Single();
        Assert.NotNull(registration.EnrolmentId);
        Assert.NotNull(registration.PathInstanceId);
        Assert.Equal(1, (await Read(app, classId)).PlacesTaken);
    }

    [Fact]
    public async Task Should_take_the_supervisors_registration_as_the_approval_but_ask_the_supervisor_when_a_coordinator_registers()
    {
        await using var app = new LearningApp();
        var classId = await AddClass(app, capacity: 5, approval: ClassApprovals.Supervisor, course: Course);
        var boss = await app.ApiAs(Supervisor);
        var agusId = await EmployeeId(app, Agus);
        var coordinatorId = await EmployeeId(app, Coordinator);

        // The coordinator registers Agus: the registration waits for his supervisor, and holds no place meanwhile.
        var byCoordinator = await Register(app, classId, agusId, coordinatorId);
        Assert.True(byCoordinator.Succeeded, byCoordinator.Problem);
        Assert.Equal(RegistrationStatuses.PendingApproval, byCoordinator.Status);
        Assert.Equal(0, (await Read(app, classId)).PlacesTaken);
        var waiting = (await Json(await boss.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray().ToList();
        var forAgus = Assert.Single(waiting, a => a.GetProperty("learner").GetProperty("nip").GetString() == Agus);
        // Nor can the coordinator decide it: it is the supervisor's.
        var coordinator = await app.ApiAs(Coordinator);
        Assert.DoesNotContain((await Json(await coordinator.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray(),
            a => a.GetProperty("id").GetString() == forAgus.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound,
            (await coordinator.PostAsJsonAsync($"/api/v1/approvals/{forAgus.GetProperty("id").GetString()}", new { decision = "approve" })).StatusCode);

        // The supervisor registers Dewi, his own: that is his approval, she has her place at once and nobody is asked.
        var named = await Json(await boss.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { employees = new[] { Dewi } }), HttpStatusCode.Created);
        Assert.Equal("registered", named.GetProperty("registrations")[0].GetProperty("status").GetString());
        Assert.DoesNotContain((await Json(await boss.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray(),
            a => a.GetProperty("learner").GetProperty("nip").GetString() == Dewi);
        var dewiId = await EmployeeId(app, Dewi);
        var dewi = (await Registrations(app, classId)).Single(r => r.EmployeeId == dewiId);
        var path = await Json(await (await app.ApiAs(Dewi)).GetAsync($"/api/v1/path-instances/{dewi.PathInstanceId}"), HttpStatusCode.OK);
        Assert.Equal("ikuti-kelas", path.GetProperty("currentStep").GetString());

        // The supervisor then approves Agus: his place follows.
        await Json(await boss.PostAsJsonAsync($"/api/v1/approvals/{forAgus.GetProperty("id").GetString()}", new { decision = "approve" }), HttpStatusCode.OK);
        Assert.Equal(RegistrationStatuses.Registered, (await Registrations(app, classId)).Single(r => r.EmployeeId == agusId).Status);
        Assert.Equal(2, (await Read(app, classId)).PlacesTaken);
    }

    [Fact]
    public async Task Should_keep_a_timed_out_approval_with_the_coordinators_holding_no_place_and_queue_it_fairly_when_decided_late()
    {
        await using var app = new LearningApp();
        var classId = await AddClass(app, capacity: 1, approval: ClassApprovals.Supervisor, course: Course, closesIn: TimeSpan.FromDays(20));
        var agus = await app.ApiAs(Agus);
        var boss = await app.ApiAs(Supervisor);
        var coordinator = await app.ApiAs(Coordinator);

        var asked = await Json(await agus.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        Assert.Equal("pending-approval", asked.GetProperty("status").GetString());
        var registrationId = Guid.Parse(asked.GetProperty("id").GetString()!);
        // Dewi, registered by her supervisor, takes the one place while Agus waits.
        await Json(await boss.PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { employees = new[] { Dewi } }), HttpStatusCode.Created);
        var dewiRegistration = (await Registrations(app, classId)).Single(r => r.Id != registrationId);

        // Three days without a decision: the approval times out; Bambang has no supervisor, so it goes to the coordinators.
        app.Clock.Advance(TimeSpan.FromDays(3).Add(TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await RunTimers(app));
        (agus, boss, coordinator) = (await app.ApiAs(Agus), await app.ApiAs(Supervisor), await app.ApiAs(Coordinator)); // tokens of days ago expired
        Assert.Empty((await Json(await boss.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray());
        var escalated = Assert.Single((await Json(await coordinator.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray(),
            a => a.GetProperty("learner").GetProperty("nip").GetString() == Agus);
        // The coordinators are the last level: nothing times out again, however long it waits.
        app.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(0, await RunTimers(app));
        (agus, boss, coordinator) = (await app.ApiAs(Agus), await app.ApiAs(Supervisor), await app.ApiAs(Coordinator));

        // All along the registration waits, holding no place: Dewi keeps hers and the count is right.
        var rows = (await Registrations(app, classId)).ToDictionary(r => r.Id);
        Assert.Equal(RegistrationStatuses.PendingApproval, rows[registrationId].Status);
        Assert.Equal(RegistrationStatuses.Registered, rows[dewiRegistration.Id].Status);
        Assert.Equal(1, (await Read(app, classId)).PlacesTaken);
        var path = await Json(await agus.GetAsync($"/api/v1/path-instances/{rows[registrationId].PathInstanceId}"), HttpStatusCode.OK);
        Assert.Equal("persetujuan-atasan", path.GetProperty("currentStep").GetString());
        var kinds = path.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()).ToList();
        Assert.Contains("approval-timed-out", kinds);
        Assert.Contains("approval-escalated", kinds);

        // A coordinator approves late: the class is full, so Agus joins the queue; when Dewi cancels he moves up and is told.
        await Json(await coordinator.PostAsJsonAsync($"/api/v1/approvals/{escalated.GetProperty("id").GetString()}", new { decision = "approve" }), HttpStatusCode.OK);
        Assert.Equal(RegistrationStatuses.Waitlisted, (await Registrations(app, classId)).Single(r => r.Id == registrationId).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await boss.DeleteAsync($"/api/v1/classes/{classId}/registrations/{dewiRegistration.Id}")).StatusCode);
        rows = (await Registrations(app, classId)).ToDictionary(r => r.Id);
        Assert.Equal(RegistrationStatuses.Registered, rows[registrationId].Status);
        Assert.Equal(RegistrationStatuses.Cancelled, rows[dewiRegistration.Id].Status);
        Assert.Equal(1, (await Read(app, classId)).PlacesTaken);
        var inbox = await agus.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(),
            n => n.GetProperty("title").GetString()!.StartsWith("Anda mendapat tempat di kelas Pelatihan Standar Pelayanan Publik"));
        // Dewi's path ended with her registration, in the same stroke.
        var dewiPath = await Json(await (await app.ApiAs(Dewi)).GetAsync($"/api/v1/path-instances/{dewiRegistration.PathInstanceId}"), HttpStatusCode.OK);
        Assert.Equal("cancelled", dewiPath.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Should_save_the_coordinators_edit_after_someone_registered_and_refuse_it_after_another_coordinators_edit()
    {
        await using var app = new LearningApp();
        var classId = await AddClass(app, capacity: 5);
        var sri = await app.PagesAs(Coordinator);
        var page = $"/authoring/classes/{classId}";
        var opened = FormRevision(await sri.GetStringAsync(page));

        // Someone registers while the form is open: the places change, the class as the coordinator edits it does not.
        await Json(await (await app.ApiAs(Agus)).PostAsJsonAsync($"/api/v1/classes/{classId}/registrations", new { }), HttpStatusCode.Created);
        var stored = await Read(app, classId);
        Assert.Equal((opened, 1), (stored.Revision, stored.PlacesTaken));
        var saved = await PostForm(sri, page, "AddTrainer", new() { ["Revision"] = Text(opened), ["Nip"] = Supervisor });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(1, await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<ClassTrainer>().CountAsync(t => t.ClassId == classId)));

        // Two forms open on the same revision: the one saved second is refused and changes nothing.
        var first = FormRevision(await sri.GetStringAsync(page));
        var second = FormRevision(await sri.GetStringAsync(page));
        Assert.Equal(HttpStatusCode.Redirect, (await PostForm(sri, page, "RemoveTrainer", new() { ["Revision"] = Text(first), ["Nip"] = Supervisor })).StatusCode);
        var stale = await PostForm(sri, page, "AddTrainer", new() { ["Revision"] = Text(second), ["Nip"] = Dewi });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Kelas ini baru saja diubah orang lain", await stale.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<ClassTrainer>().CountAsync(t => t.ClassId == classId)));
    }

    private static Task<int> RunTimers(LearningApp app) =>
        app.WithScope(sp => sp.GetRequiredService<PathTimersJob>().Run(app.Clock.GetUtcNow(), CancellationToken.None));

    private static Task SetPublished(LearningApp app, string slug, bool published) => app.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var course = await db.Set<Course>().SingleAsync(c => c.Slug == slug);
        if (published) course.Publish(app.Clock.GetUtcNow().UtcDateTime);
        else course.Unpublish();
        await db.SaveChangesAsync();
        return 0;
    });

    private static async Task<HttpResponseMessage> PostForm(HttpClient client, string page, string handler, Dictionary<string, string> fields) =>
        await client.PostAsync($"{page}?handler={handler}", await LearningApp.FormWithToken(client, page, fields));

    private static int FormRevision(string html) => int.Parse(RevisionField().Match(html).Groups[1].Value, CultureInfo.InvariantCulture);

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"Revision\" value=\"(\\d+)\"")] private static partial Regex RevisionField();
}
