using System.Net;
using System.Text.RegularExpressions;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>The learner's pages as a browser without JavaScript uses them: GET forms, POST forms with antiforgery, redirects.</summary>
public sealed partial class LearnerPagesTests
{
    private const string Agus = "199005172015031001";
    private const string Sari = "199208082019022003";

    [Theory]
    [InlineData("/courses?q=spbe", "Dasar-Dasar SPBE untuk ASN Kota", 1)]
    [InlineData("/courses?q=Mengelola+Perubahan", "Dasar-Dasar SPBE untuk ASN Kota", -1)]
    [InlineData("/courses?q=tidak-ada-kursus-seperti-ini", "Tidak ada kursus yang cocok", 0)]
    [InlineData("/courses", "Dasar-Dasar SPBE untuk ASN Kota", 6)]
    public async Task Should_search_the_catalog_with_a_plain_get_form(string url, string expected, int count)
    {
        await using var app = new LearningApp();
        var client = await app.PagesAs(Agus);

        var html = await client.GetStringAsync(url);

        Assert.Contains(expected, html);
        if (count >= 0) Assert.Equal(count, CourseLinks().Matches(html).Count);
        Assert.Single(Regex.Matches(html, "<main"));
    }

    [Fact]
    public async Task Should_filter_by_competency_type_jp_and_duration()
    {
        await using var app = new LearningApp();
        var client = await app.PagesAs(Agus);

        var all = CourseLinks().Matches(await client.GetStringAsync("/courses")).Count;
        var managerial = CourseLinks().Matches(await client.GetStringAsync("/courses?type=managerial")).Count;
        var short1 = CourseLinks().Matches(await client.GetStringAsync("/courses?duration=60")).Count;
        var long1 = CourseLinks().Matches(await client.GetStringAsync("/courses?duration=121")).Count;
        var mid = CourseLinks().Matches(await client.GetStringAsync("/courses?duration=120")).Count;

        Assert.InRange(managerial, 1, all);
        Assert.Equal(all, short1 + mid + long1);
        Assert.Contains("Dasar-Dasar SPBE", await client.GetStringAsync("/courses?jp=1-2&duration=120"));
    }

    [Fact]
    public async Task Should_enrol_read_with_time_recorded_and_keep_others_out()
    {
        await using var app = new LearningApp();
        var agus = await app.PagesAs(Agus);

        var enrol = await agus.PostAsync("/courses/spbe-dasar", await LearningApp.FormWithToken(agus, "/courses/spbe-dasar", []));
        Assert.Equal(HttpStatusCode.Redirect, enrol.StatusCode);
        var lessonUrl = enrol.Headers.Location!.OriginalString;
        Assert.Matches("^/learn/[0-9a-f-]+/01-apa-itu-spbe$", lessonUrl);

        // The page is served, the learner reads for 7 minutes, then marks it done: no script involved.
        var page = await agus.GetStringAsync(lessonUrl);
        Assert.Contains("Tandai selesai", page);
        var stamp = Regex.Match(page, "name=\"opened\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = await LearningApp.FormWithToken(agus, lessonUrl, new() { ["opened"] = stamp });
        app.Clock.Advance(TimeSpan.FromMinutes(7));
        var done = await agus.PostAsync(lessonUrl, form);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.EndsWith("/02-arsitektur-dan-domain-spbe", done.Headers.Location!.OriginalString);

        var enrolment = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<Enrolment>().Include(e => e.Lessons).SingleAsync());
        Assert.InRange(enrolment.SecondsSpent, 7 * 60, 7 * 60 + 60);
        Assert.Equal("01-apa-itu-spbe", Assert.Single(enrolment.Lessons).LessonKey);

        // Resume: /learn/{id} opens where I left off; the course page shows progress and "Lanjutkan".
        var enrolmentId = lessonUrl.Split('/')[2];
        Assert.Contains("Materi 1 dari 4", await agus.GetStringAsync($"/learn/{enrolmentId}"));
        var course = await agus.GetStringAsync("/courses/spbe-dasar");
        Assert.Contains("25% selesai", course);
        Assert.Contains("Lanjutkan", course);
        Assert.Contains("25% selesai", await agus.GetStringAsync("/"));

        var sari = await app.PagesAs(Sari);
        Assert.Equal(HttpStatusCode.NotFound, (await sari.GetAsync(lessonUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sari.GetAsync($"/assessment/{enrolmentId}")).StatusCode);
    }

    [Fact]
    public async Task Should_show_questions_without_any_mark_of_the_right_options()
    {
        await using var app = new LearningApp();
        var agus = await app.PagesAs(Agus);
        var enrol = await agus.PostAsync("/courses/spbe-dasar", await LearningApp.FormWithToken(agus, "/courses/spbe-dasar", []));
        var enrolmentId = enrol.Headers.Location!.OriginalString.Split('/')[2];

        var start = await agus.PostAsync($"/assessment/{enrolmentId}", await LearningApp.FormWithToken(agus, $"/assessment/{enrolmentId}", []));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var html = await agus.GetStringAsync(start.Headers.Location!.OriginalString);

        Assert.Equal(12, Regex.Matches(html, "<fieldset").Count);
        Assert.Equal(12, Regex.Matches(html, "<legend>").Count);
        Assert.Contains("Sisa waktu sekitar 20 menit", html);
        Assert.DoesNotContain("answer", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("checked", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data-", html);
    }

    [GeneratedRegex("<h2><a href=\"/courses/[a-z0-9-]+\">")]
    private static partial Regex CourseLinks();
}
