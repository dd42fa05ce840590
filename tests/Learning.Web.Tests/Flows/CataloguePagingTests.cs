using System.Text.RegularExpressions;
using Learning.Kernel;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using Learning.Courses.Contracts;

namespace Learning.Web.Tests.Flows;

/// <summary>A city's catalogue runs to hundreds of courses: a phone gets twenty a page, with the search kept from page to page.</summary>
public sealed partial class CataloguePagingTests
{
    [GeneratedRegex("<h2><a href=\"/courses/([^\"]+)\">")]
    private static partial Regex CourseLinks();

    private static List<string> Slugs(string html) => CourseLinks().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task Should_show_twenty_courses_a_page_and_reach_every_course_through_the_next_link()
    {
        await using var app = new LearningApp(demo: false);
        _ = app.Server;
        var city = new SyntheticCity(employees: 30, courses: 25, seed: 3, app.Clock.GetUtcNow().UtcDateTime);
        await GenerateDataVerb.Generate(app.Services, city, null, CancellationToken.None);
        var learner = await app.PagesAs(city.Samples["learner"], SyntheticCity.Password);

        var first = await learner.GetStringAsync("/courses");
        Assert.Contains("25 kursus ditemukan · halaman 1 dari 2", first);
        Assert.Equal(20, Slugs(first).Count);
        Assert.DoesNotContain("rel=\"prev\"", first);
        var next = Regex.Match(first, "rel=\"next\" href=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal("/courses?p=2", next);

        var second = await learner.GetStringAsync(next);
        Assert.Contains("halaman 2 dari 2", second);
        Assert.Equal(5, Slugs(second).Count);
        Assert.Contains("rel=\"prev\" href=\"/courses?p=1\"", second);
        Assert.Equal(city.All<SyntheticCourse>().Select(c => c.Slug).Order(), Slugs(first).Concat(Slugs(second)).Order());

        // The search travels with the page links; a page number out of range or not a number shows a real page.
        var searched = await learner.GetStringAsync("/courses?q=a");
        Assert.Contains("25 kursus ditemukan", searched); // every course's summary has an "a"
        Assert.Contains("rel=\"next\" href=\"/courses?q=a&amp;p=2\"", searched);
        Assert.Contains("halaman 2 dari 2", await learner.GetStringAsync("/courses?p=99"));
        Assert.Contains("halaman 1 dari 2", await learner.GetStringAsync("/courses?p=abc"));
    }
}
