using System.Net;
using System.Text.Json;
using Learning.Kernel;
using Learning.Paths;
using Learning.Paths.Definitions;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Learning.Certification.Contracts;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Organisation.Contracts;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// generate-data as people see it: a supervisor's team shows the assignments given to their staff, the learner finds their
/// assigned course, each enrolment runs on its course's default path as the engine would have left it, and the career record
/// lists the competencies the certificates prove.
/// </summary>
public sealed class SyntheticCityTests(SyntheticCityTests.Town town) : IClassFixture<SyntheticCityTests.Town>
{
    private SyntheticCity City => town.City;
    private SyntheticEmployee Learner => City.All<SyntheticEmployee>().Single(e => e.Nip == City.Samples["learner"]);

    [Fact]
    public async Task Should_show_the_supervisor_the_assignments_of_their_staff()
    {
        var supervisor = City.All<SyntheticEmployee>().Single(e => e.Nip == City.Samples["supervisor"]);
        var staff = City.All<SyntheticEmployee>().Where(e => e.SupervisorId == supervisor.Id).Select(e => e.Id).ToHashSet();
        var yearStart = new DateTime(City.Today.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        // What the team page lists: every open item, and those completed this year.
        var expected = City.All<SyntheticEnrolment>().Where(e => e.DueOn is not null && staff.Contains(e.EmployeeId) && (e.CompletedAt is null || e.CompletedAt >= yearStart)).ToList();

        var members = await Json(town.Supervisor, "/api/v1/team/compliance");
        var shown = members.EnumerateArray().SelectMany(m => m.GetProperty("assignments").EnumerateArray()).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, shown.Count);
        foreach (var item in shown)
        {
            var status = item.GetProperty("status").GetString();
            var due = DateOnly.Parse(item.GetProperty("dueDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            if (status != "completed") Assert.Equal(due < City.Today, status == "overdue");
        }
        Assert.Contains(shown, i => i.GetProperty("status").GetString() is "in-progress" or "overdue" or "assigned");
        var team = await town.Supervisor.GetAsync("/team");
        Assert.Equal(HttpStatusCode.OK, team.StatusCode);
    }

    [Fact]
    public async Task Should_show_the_learner_their_assigned_course()
    {
        var assigned = City.All<SyntheticEnrolment>().Where(e => e.EmployeeId == Learner.Id && e.DueOn is not null).ToList();
        var open = assigned.First(e => e.CompletedAt is null);

        var mine = (await Json(town.Learner, "/api/v1/me/assignments")).EnumerateArray().ToList();

        Assert.Equal(assigned.Count, mine.Count);
        var item = mine.Single(i => i.GetProperty("enrolmentId").GetGuid() == open.Id);
        Assert.Equal(open.DueOn!.Value.ToString("yyyy-MM-dd"), item.GetProperty("dueDate").GetString());
        Assert.Contains(item.GetProperty("status").GetString(), new[] { "in-progress", "overdue" });
        var page = await town.Learner.GetStringAsync("/assignments/mine");
        Assert.Contains(City.All<SyntheticCourse>().Single(c => c.Slug == open.CourseSlug).Title, page);
    }

    [Fact]
    public async Task Should_run_each_enrolment_on_its_default_path()
    {
        // The learner's enrolment in progress: waiting on the lessons step, its lessons open.
        var enrolment = City.All<SyntheticEnrolment>().Single(e => e.Id == Guid.Parse(City.Samples["enrolment"]));
        var instance = await Json(town.Learner, $"/api/v1/path-instances/{enrolment.PathInstanceId}");
        Assert.Equal(enrolment.Id, instance.GetProperty("enrolmentId").GetGuid());
        Assert.Equal($"{StoredPath.DefaultPrefix}{enrolment.CourseSlug}", instance.GetProperty("path").GetString());
        Assert.Equal("waiting", instance.GetProperty("status").GetString());
        Assert.Equal("ikuti-kursus", instance.GetProperty("currentStep").GetString());
        Assert.Contains(instance.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "started");
        Assert.Equal(HttpStatusCode.OK, (await town.Learner.GetAsync($"/learn/{enrolment.Id}/{City.Samples["lesson"]}")).StatusCode);
        Assert.Contains(City.All<SyntheticCourse>().Single(c => c.Slug == enrolment.CourseSlug).Title,
            await town.Learner.GetStringAsync($"/paths/instances/{enrolment.PathInstanceId}"));

        // A finished one whose certificate is still valid waits on reassessment; one whose certificate expired ended "lapsed".
        var certificates = City.All<SyntheticCertificate>().Where(c => c.EmployeeId == Learner.Id).ToList();
        var valid = certificates.First(c => c.ExpiredOn is null && c.ValidUntil is not null);
        var finished = await Json(town.Learner, $"/api/v1/path-instances/{City.All<SyntheticEnrolment>().Single(e => e.Id == valid.EnrolmentId).PathInstanceId}");
        Assert.Equal("waiting", finished.GetProperty("status").GetString());
        Assert.Equal("asesmen-ulang", finished.GetProperty("currentStep").GetString());
        Assert.Contains(finished.GetProperty("history").EnumerateArray(), h => h.GetProperty("detail").GetString() == valid.Number);
        var expired = City.All<SyntheticCertificate>().First(c => c.ExpiredOn is not null);
        var lapsed = await town.App.WithScope(async sp =>
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                sp.GetRequiredService<LearningDbContext>().Set<PathInstance>(), i => i.EnrolmentId == expired.EnrolmentId));
        Assert.Equal(("completed", "lapsed"), (lapsed.Status, lapsed.Outcome));

        // The engine finds the stored default path of every course and writes no new version for the next enrolment.
        await town.App.WithScope(async sp =>
        {
            var library = sp.GetRequiredService<PathLibrary>();
            foreach (var course in City.All<SyntheticCourse>())
                Assert.Equal(1, (await library.DefaultFor(course.Slug, CancellationToken.None)).Version);
        });
    }

    [Fact]
    public async Task Should_list_the_competencies_the_certificates_prove()
    {
        var courses = City.All<SyntheticCourse>().ToDictionary(c => c.Slug);
        var certificates = City.All<SyntheticCertificate>().Where(c => c.EmployeeId == Learner.Id).ToList();
        HashSet<string> Codes(IEnumerable<SyntheticCertificate> of) =>
            of.SelectMany(c => courses[c.CourseSlug].Competencies.Select(a => a.Code)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var proven = Codes(certificates.Where(c => c.ExpiredOn is null));

        var record = await Json(town.Learner, "/api/v1/me/career-record");
        var listed = record.GetProperty("competencies").EnumerateArray()
            .Where(c => c.GetProperty("source").GetString() == "certificate")
            .ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("status").GetString(), StringComparer.OrdinalIgnoreCase);

        // Each competency a valid certificate proves counts; one only an expired certificate proved is listed as lapsed.
        Assert.NotEmpty(proven);
        Assert.Superset(Codes(certificates), listed.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase));
        foreach (var code in proven) Assert.NotEqual("lapsed", listed[code]);
        foreach (var code in listed.Keys.Where(c => !proven.Contains(c))) Assert.Equal("lapsed", listed[code]);
    }

    private static async Task<JsonElement> Json(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>A small city, generated once for the class.</summary>
    public sealed class Town : IAsyncLifetime
    {
        public LearningApp App { get; } = new(demo: false);
        public SyntheticCity City { get; private set; } = null!;
        public HttpClient Learner { get; private set; } = null!;
        public HttpClient Supervisor { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _ = App.Server;
            City = new SyntheticCity(employees: 120, courses: 8, seed: 7, App.Clock.GetUtcNow().UtcDateTime);
            await GenerateDataVerb.Generate(App.Services, City, null, CancellationToken.None);
            Learner = await App.PagesAs(City.Samples["learner"], SyntheticCity.Password);
            Supervisor = await App.PagesAs(City.Samples["supervisor"], SyntheticCity.Password);
        }

        public async Task DisposeAsync()
        {
            Learner.Dispose();
            Supervisor.Dispose();
            await App.DisposeAsync();
        }
    }
}
