using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Learning.Web.Tests.Infrastructure;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// The busiest pages are served from a cache (home, catalogue, lesson, team). Whatever a person or an author
/// changes shows on the next visit, on this web node at once and on another within a second or two.
/// </summary>
public sealed class PageCacheTests
{
    /// <summary>
    /// GETs the page until the cache holds it (a first lesson visit writes where to resume, which retires that copy at
    /// once); the last answer must come from the cache (it carries an Age).
    /// </summary>
    private static async Task<string> Cached(HttpClient client, string url)
    {
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        using var again = await client.GetAsync(url);
        again.EnsureSuccessStatusCode();
        Assert.True(again.Headers.Age is not null, $"{url} was rendered again instead of served from the cache");
        return await again.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Should_show_my_new_enrolment_on_my_cached_home_page_at_once()
    {
        await using var app = new LearningApp();
        var agus = await app.PagesAs(Agus);
        var before = await Cached(agus, "/");

        var enrol = await agus.PostAsync("/courses/spbe-dasar", await LearningApp.FormWithToken(agus, "/courses/spbe-dasar", []));
        var enrolmentId = enrol.Headers.Location!.OriginalString.Split('/')[2];

        Assert.DoesNotContain($"/learn/{enrolmentId}", before);
        Assert.Contains($"href=\"/learn/{enrolmentId}\"", await agus.GetStringAsync("/"));
    }

    [Fact]
    public async Task Should_keep_each_persons_cached_pages_their_own()
    {
        await using var app = new LearningApp();
        var agus = await app.PagesAs(Agus);
        var dewi = await app.PagesAs(Dewi);
        var enrol = await agus.PostAsync("/courses/spbe-dasar", await LearningApp.FormWithToken(agus, "/courses/spbe-dasar", []));
        var enrolmentId = enrol.Headers.Location!.OriginalString.Split('/')[2];

        Assert.Contains($"/learn/{enrolmentId}", await Cached(agus, "/"));
        Assert.DoesNotContain($"/learn/{enrolmentId}", await Cached(dewi, "/"));
        // Someone else's lesson is not found, cached or not.
        Assert.Equal(HttpStatusCode.NotFound, (await dewi.GetAsync($"/learn/{enrolmentId}/01-apa-itu-spbe")).StatusCode);
    }

    [Fact]
    public async Task Should_take_an_unpublished_course_off_the_cached_catalogue_at_once()
    {
        await using var app = new LearningApp();
        var agus = await app.PagesAs(Agus);
        Assert.Contains("href=\"/courses/spbe-dasar\"", await Cached(agus, "/courses"));

        var coordinator = await app.PagesAs(Coordinator);
        var unpublished = await coordinator.PostAsync("/authoring/spbe-dasar?handler=unpublish",
            await LearningApp.FormWithToken(coordinator, "/authoring/spbe-dasar", []));
        Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);

        Assert.DoesNotContain("href=\"/courses/spbe-dasar\"", await agus.GetStringAsync("/courses"));
    }

    [Fact]
    public async Task Should_show_a_members_request_on_the_supervisors_cached_team_page_at_once()
    {
        await using var app = new LearningApp();
        var supervisorApi = await app.ApiAs(Supervisor);
        await Json(await supervisorApi.PostAsJsonAsync("/api/v1/assignments",
            new { course = Course, employees = new[] { Dewi }, dueDate = Iso(Today(app).AddDays(10)) }), HttpStatusCode.Created);
        var supervisor = await app.PagesAs(Supervisor);
        Assert.DoesNotContain("Sedang tugas luar kota", await Cached(supervisor, "/team"));

        var dewi = await app.ApiAs(Dewi);
        var itemId = (await Mine(dewi)).GetProperty("id").GetString();
        await Json(await dewi.PostAsJsonAsync($"/api/v1/me/assignments/{itemId}/extension",
            new { reason = "Sedang tugas luar kota", dueDate = Iso(Today(app).AddDays(30)) }), HttpStatusCode.Created);

        Assert.Contains("Sedang tugas luar kota", await supervisor.GetStringAsync("/team"));
    }

    [Fact]
    public async Task Should_show_a_new_request_on_a_coordinators_cached_team_page_at_once()
    {
        await using var app = new LearningApp();
        await Json(await (await app.ApiAs(Supervisor)).PostAsJsonAsync("/api/v1/assignments",
            new { course = Course, employees = new[] { Dewi }, dueDate = Iso(Today(app).AddDays(10)) }), HttpStatusCode.Created);
        // The coordinator's page before a unit is picked: the requests of the whole city, nobody's learning.
        var coordinator = await app.PagesAs(Coordinator);
        Assert.DoesNotContain("Menunggu hasil uji kompetensi", await Cached(coordinator, "/team"));

        var dewi = await app.ApiAs(Dewi);
        var itemId = (await Mine(dewi)).GetProperty("id").GetString();
        await Json(await dewi.PostAsJsonAsync($"/api/v1/me/assignments/{itemId}/extension",
            new { reason = "Menunggu hasil uji kompetensi", dueDate = Iso(Today(app).AddDays(30)) }), HttpStatusCode.Created);

        Assert.Contains("Menunggu hasil uji kompetensi", await coordinator.GetStringAsync("/team"));
    }

    [Fact]
    public async Task Should_show_a_change_made_on_another_web_node_within_two_seconds()
    {
        await using var nodeA = new LearningApp(Db.Postgres);
        _ = nodeA.Server; // migrates and seeds the shared database
        await using var nodeB = new LearningApp(Db.Postgres, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Learning"] = nodeA.ConnectionString,
        });
        var onB = await nodeB.PagesAs(Agus);
        await Cached(onB, "/");

        var onA = await nodeA.PagesAs(Agus);
        var enrol = await onA.PostAsync("/courses/spbe-dasar", await LearningApp.FormWithToken(onA, "/courses/spbe-dasar", []));
        var enrolmentId = enrol.Headers.Location!.OriginalString.Split('/')[2];

        var seen = false;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!seen && watch.Elapsed < TimeSpan.FromSeconds(2))
        {
            seen = (await onB.GetStringAsync("/")).Contains($"/learn/{enrolmentId}");
            if (!seen) await Task.Delay(100);
        }
        Assert.True(seen, "node B still served its old copy of the home page two seconds after the change on node A");
    }

    [Fact]
    public async Task Should_give_a_lesson_a_fresh_opened_time_every_minute()
    {
        await using var app = new LearningApp();
        var agus = await app.PagesAs(Agus);
        var enrol = await agus.PostAsync("/courses/spbe-dasar", await LearningApp.FormWithToken(agus, "/courses/spbe-dasar", []));
        var lessonUrl = enrol.Headers.Location!.OriginalString;
        static string Opened(string page) => Regex.Match(page, "name=\"opened\" value=\"([^\"]+)\"").Groups[1].Value;

        var first = Opened(await Cached(agus, lessonUrl));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var later = Opened(await agus.GetStringAsync(lessonUrl));

        Assert.NotEqual(first, later);
    }
}
