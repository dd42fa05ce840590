using Learning.Classes;
using Learning.Kernel;
using Learning.Paths;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Learning.Web.Tests.Flows.Classes.ClassDriver;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>
/// The demo's classroom class as its people meet it: the supervisor's team registered with an enrolment and the class's path each;
/// the trainer sees the sessions' check-in screens and rolls, a learner does not; the learner's evaluation link once the class began.
/// </summary>
public sealed class DemoClassTests
{
    [Fact]
    public async Task Should_give_the_demo_team_a_path_each_and_show_the_trainer_and_the_learner_their_links()
    {
        await using var app = new LearningApp();
        var (classId, firstSession, team) = await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var c = await db.Set<Class>().Include(x => x.Sessions).SingleAsync(x => x.Title == DemoClasses.ClassroomTitle);
            var registrations = await db.Set<ClassRegistration>().Where(r => r.ClassId == c.Id).ToListAsync();
            var instances = await db.Set<PathInstance>().Where(i => i.PathKey == "class:" + c.Id).ToListAsync();
            var held = registrations.Select(r => (r.Status, r.EnrolmentId.HasValue,
                instances.Any(i => i.Id == r.PathInstanceId && i.EnrolmentId == r.EnrolmentId && i.EmployeeId == r.EmployeeId))).ToList();
            return (c.Id, c.Sessions.Min(s => s.StartsAt), held);
        });
        Assert.Equal(2, team.Count); // Agus and Dewi
        Assert.All(team, t => Assert.Equal("registered", t.Status));

        var page = $"/classes/{classId}";
        var trainer = await (await app.PagesAs(Coordinator)).GetStringAsync(page);
        Assert.Contains($"/classes/{classId}/sessions/1/check-in", trainer);
        Assert.Contains($"/classes/{classId}/sessions/2/roll", trainer);
        Assert.Contains($"/reports/evaluations/classes/{classId}", trainer);

        var agus = await app.PagesAs(Agus);
        var before = await agus.GetStringAsync(page);
        Assert.DoesNotContain("/sessions/1/check-in", before);
        Assert.DoesNotContain($"/reports/evaluations/classes/{classId}", before);
        Assert.DoesNotContain($"/classes/{classId}/evaluation", before);
        Assert.Contains(DemoClasses.ClassroomTitle, await agus.GetStringAsync("/classes"));

        app.Clock.Set(new DateTimeOffset(firstSession, TimeSpan.Zero).AddMinutes(5));
        var during = await (await app.PagesAs(Agus)).GetStringAsync(page);
        Assert.Contains($"/classes/{classId}/evaluation", during);
        Assert.Contains("Isi evaluasi kelas", during);
    }
}
