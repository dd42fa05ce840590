using System.Net;
using System.Net.Http.Json;
using Learning.Assignments;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Learning.Web.Tests.Flows.Classes.RegistrationDriver;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>Assignments can assign a class: each person is registered by the author, whose assigning is the approval.</summary>
public sealed class ClassAssignmentTests
{
    private const string Course = "spbe-dasar";

    private static Task<List<AssignmentItem>> Items(LearningApp app) =>
        app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<AssignmentItem>().AsNoTracking().ToListAsync());

    [Fact]
    public async Task Should_register_the_supervisors_people_without_an_approval_step_and_not_twice_when_assigned_again()
    {
        await using var app = new LearningApp();
        var classId = await AddClass(app, capacity: 1, approval: ClassApprovals.Supervisor, course: Course);
        var boss = await app.ApiAs(Supervisor);
        var before = (await Items(app)).Count;

        var body = new { @class = classId.ToString(), employees = new[] { Agus, Dewi } };
        var done = await Json(await boss.PostAsJsonAsync("/api/v1/assignments", body), HttpStatusCode.Created);
        Assert.Equal(classId.ToString(), done.GetProperty("class").GetString());
        var places = done.GetProperty("assignees").EnumerateArray()
            .ToDictionary(a => a.GetProperty("nip").GetString()!, a => a.GetProperty("registration"));
        // One place: the first is registered, the second waits in the queue; neither waits for an approval.
        Assert.Equal(new[] { "registered", "waitlisted" }, new[] { places[Agus].GetProperty("status").GetString(), places[Dewi].GetProperty("status").GetString() });
        Assert.All(places.Values, p => Assert.False(p.GetProperty("alreadyRegistered").GetBoolean()));
        Assert.Empty((await Json(await boss.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray());

        var registrations = await Registrations(app, classId);
        Assert.Equal(2, registrations.Count);
        var agusId = await EmployeeId(app, Agus);
        var agus = registrations.Single(r => r.EmployeeId == agusId);
        var path = await Json(await (await app.ApiAs(Agus)).GetAsync($"/api/v1/path-instances/{agus.PathInstanceId}"), HttpStatusCode.OK);
        Assert.Equal("ikuti-kelas", path.GetProperty("currentStep").GetString());
        // The item carries the class's course and the registration's enrolment, so the team page follows it.
        var items = (await Items(app)).Where(i => i.CourseSlug == Course).ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains(items, i => i.EnrolmentId == agus.EnrolmentId && i.EnrolmentId is not null);

        // Assigned again: reported as already registered (and assigned), nothing added.
        var again = await Json(await boss.PostAsJsonAsync("/api/v1/assignments", body), HttpStatusCode.Created);
        Assert.All(again.GetProperty("assignees").EnumerateArray(), a =>
        {
            Assert.True(a.GetProperty("registration").GetProperty("alreadyRegistered").GetBoolean());
            Assert.True(a.GetProperty("alreadyAssigned").GetBoolean());
        });
        Assert.Equal(2, (await Registrations(app, classId)).Count);
        Assert.Equal(before + 2, (await Items(app)).Count);
    }

    [Fact]
    public async Task Should_count_a_coordinators_assignment_as_the_approval()
    {
        await using var app = new LearningApp();
        var classId = await AddClass(app, capacity: 5, approval: ClassApprovals.Supervisor, course: Course);
        var coordinator = await app.ApiAs(Coordinator);

        var done = await Json(await coordinator.PostAsJsonAsync("/api/v1/assignments", new { @class = classId.ToString(), employees = new[] { Agus } }), HttpStatusCode.Created);
        Assert.Equal("registered", done.GetProperty("assignees")[0].GetProperty("registration").GetProperty("status").GetString());
        // The supervisor is not asked afterwards: the path went on to the class.
        Assert.Empty((await Json(await (await app.ApiAs(Supervisor)).GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray());
        var registration = (await Registrations(app, classId)).Single();
        var path = await Json(await (await app.ApiAs(Agus)).GetAsync($"/api/v1/path-instances/{registration.PathInstanceId}"), HttpStatusCode.OK);
        Assert.Equal("ikuti-kelas", path.GetProperty("currentStep").GetString());
    }

    [Fact]
    public async Task Should_refuse_someone_outside_the_authors_scope_and_write_nothing()
    {
        await using var app = new LearningApp();
        var classId = await AddClass(app, capacity: 5, course: Course);
        var boss = await app.ApiAs(Supervisor);
        var before = (await Items(app)).Count;

        var response = await boss.PostAsJsonAsync("/api/v1/assignments", new { @class = classId.ToString(), employees = new[] { Agus, Rizky } });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Rizky", await response.Content.ReadAsStringAsync());
        Assert.Empty(await Registrations(app, classId));
        Assert.Equal(before, (await Items(app)).Count);

        // A class that does not exist, or a class with a course at once: clear answers, nothing written.
        await Problem(await boss.PostAsJsonAsync("/api/v1/assignments", new { @class = Guid.NewGuid().ToString(), employees = new[] { Agus } }), HttpStatusCode.NotFound, "Kelas tidak ditemukan");
        await Json(await boss.PostAsJsonAsync("/api/v1/assignments", new { @class = classId.ToString(), course = Course, employees = new[] { Agus } }), HttpStatusCode.BadRequest);
        Assert.Empty(await Registrations(app, classId));
    }
}
