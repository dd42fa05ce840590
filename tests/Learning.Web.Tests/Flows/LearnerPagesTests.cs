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
        await ReadAll(app, enrolmentId);

        var start = await agus.PostAsync($"/assessment/{enrolmentId}", await LearningApp.FormWithToken(agus, $"/assessment/{enrolmentId}", []));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var html = await agus.GetStringAsync(start.Headers.Location!.OriginalString);

        Assert.Equal(12, Regex.Matches(html, "<fieldset").Count);
        Assert.Equal(12, Regex.Matches(html, "<legend>").Count);
        Assert.Contains("Sisa waktu sekitar 20 menit", html);
        Assert.DoesNotContain("answer", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("checked", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data-", MainOf(html)); // the questions carry no data attributes (the layout's offline script tag has its own)
    }

    [Fact]
    public async Task Should_ask_before_grading_unanswered_or_unreadable_questions_and_keep_what_was_chosen()
    {
        await using var app = new LearningApp();
        var (agus, url, questions) = await OpenAttempt(app);
        Assert.Equal(12, questions.Count);

        // Questions 2, 5 and 9 skipped; every other one answered with its first option.
        var fields = new List<KeyValuePair<string, string>>();
        for (var n = 1; n <= questions.Count; n++)
            if (n is not (2 or 5 or 9)) fields.Add(new(questions[n - 1].Field, questions[n - 1].Values[0]));
        var asked = await agus.PostAsync(url, await Form(agus, url, fields));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var html = await asked.Content.ReadAsStringAsync();
        Assert.Contains("3 pertanyaan belum dijawab: nomor 2, 5, 9. Jawab dulu, atau kirim apa adanya.", html);
        Assert.Equal(9, Regex.Matches(html, " checked").Count);
        foreach (var (field, value) in fields) Assert.Matches($"name=\"{Regex.Escape(field)}\" value=\"{Regex.Escape(value)}\" checked", html);
        Assert.Equal(["question-2", "question-5", "question-9"], Regex.Matches(html, "class=\"card question missing\" id=\"(question-\\d+)\"").Select(m => m.Groups[1].Value));
        Assert.Equal(3, Regex.Matches(html, "aria-describedby=\"question-\\d+-note\"").Count);
        Assert.Contains("name=\"confirm\" value=\"1\"", html);
        Assert.DoesNotContain("answer", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data-", MainOf(html)); // the questions carry no data attributes (the layout's offline script tag has its own)
        Assert.Equal("open", await Status(app));

        // A forged option and two choices on a one-answer question are not answers either.
        var single = questions.Select((q, i) => (q, Number: i + 1)).First(x => x.q.Kind == "radio" && x.q.Values[0] != "true");
        var forged = fields.Where(f => f.Key != single.q.Field).ToList();
        forged.Add(new(single.q.Field, single.q.Values[0]));
        forged.Add(new(single.q.Field, single.q.Values[1]));
        var other = questions.First(q => q.Field != single.q.Field && fields.Any(f => f.Key == q.Field));
        forged.RemoveAll(f => f.Key == other.Field);
        forged.Add(new(other.Field, "99"));
        html = await (await agus.PostAsync(url, await Form(agus, url, forged))).Content.ReadAsStringAsync();
        Assert.Contains("pertanyaan belum dijawab: nomor", html);
        Assert.Equal(2, Regex.Matches(html, "Jawaban tidak terbaca").Count);
        Assert.Equal("open", await Status(app));

        // "Send as it is": graded now, the skipped ones wrong.
        fields.Add(new("confirm", "1"));
        var sent = await agus.PostAsync(url, await Form(agus, url, fields));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.EndsWith("/result", sent.Headers.Location!.OriginalString);
        Assert.Equal("submitted", await Status(app));
    }

    [Fact]
    public async Task Should_grade_a_late_answer_without_asking_and_a_complete_one_at_once()
    {
        await using var app = new LearningApp();
        var (agus, url, questions) = await OpenAttempt(app);

        // The 20 minutes ran out (the answers arrive within the grace for a slow link): what there is is graded, no question asked.
        var form = await Form(agus, url, [new(questions[0].Field, questions[0].Values[0])]);
        app.Clock.Advance(TimeSpan.FromMinutes(20) + TimeSpan.FromSeconds(10));
        var late = await agus.PostAsync(url, form);
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.EndsWith("/result", late.Headers.Location!.OriginalString);
        Assert.Equal("submitted", await Status(app));

        // Every question answered: straight to the result, as before.
        var (_, next, shown) = await OpenAttempt(app, agus);
        var sent = await agus.PostAsync(next, await Form(agus, next, shown.Select(q => new KeyValuePair<string, string>(q.Field, q.Values[0]))));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.EndsWith("/result", sent.Headers.Location!.OriginalString);
        Assert.Equal(["submitted", "submitted"], await app.WithScope(async sp => await sp.GetRequiredService<LearningDbContext>()
            .Set<Learning.Assessments.Domain.Attempt>().OrderBy(a => a.Number).Select(a => a.Status).ToListAsync()));
    }

    private sealed record FormQuestion(string Field, string Kind, List<string> Values);

    /// <summary>Every lesson of Agus's enrolment done: the default path opens the assessment after them.</summary>
    private static async Task ReadAll(LearningApp app, string enrolmentId)
    {
        var api = await app.ApiAs(Agus);
        foreach (var lesson in new[] { "01-apa-itu-spbe", "02-arsitektur-dan-domain-spbe", "03-data-dan-aplikasi-terpadu", "04-peran-asn-dan-evaluasi-spbe" })
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/enrolments/{enrolmentId}/lessons/{lesson}/complete", null)).StatusCode);
    }

    /// <summary>Enrols Agus on spbe-dasar (unless a client is given) and starts an attempt; the questions as the form shows them.</summary>
    private static async Task<(HttpClient Client, string Url, List<FormQuestion> Questions)> OpenAttempt(LearningApp app, HttpClient? agus = null)
    {
        string enrolmentId;
        if (agus is null)
        {
            agus = await app.PagesAs(Agus);
            var enrol = await agus.PostAsync("/courses/spbe-dasar", await LearningApp.FormWithToken(agus, "/courses/spbe-dasar", []));
            enrolmentId = enrol.Headers.Location!.OriginalString.Split('/')[2];
            await ReadAll(app, enrolmentId);
        }
        else enrolmentId = await app.WithScope(async sp => (await sp.GetRequiredService<LearningDbContext>().Set<Enrolment>().SingleAsync()).Id.ToString());
        var start = await agus.PostAsync($"/assessment/{enrolmentId}", await LearningApp.FormWithToken(agus, $"/assessment/{enrolmentId}", []));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var url = start.Headers.Location!.OriginalString;
        var html = await agus.GetStringAsync(url);
        var questions = new List<FormQuestion>();
        foreach (Match m in Regex.Matches(html, "<input type=\"(radio|checkbox)\" name=\"(q_[^\"]+)\" value=\"([^\"]+)\""))
        {
            if (questions.LastOrDefault() is not { } last || last.Field != m.Groups[2].Value)
                questions.Add(last = new FormQuestion(m.Groups[2].Value, m.Groups[1].Value, []));
            last.Values.Add(m.Groups[3].Value);
        }
        return (agus, url, questions);
    }

    /// <summary>The fields (a name may repeat, as checkboxes do) with the page's antiforgery token.</summary>
    private static async Task<FormUrlEncodedContent> Form(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = Regex.Match(await client.GetStringAsync(url), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
    }

    private static Task<string> Status(LearningApp app) => app.WithScope(async sp =>
        (await sp.GetRequiredService<LearningDbContext>().Set<Learning.Assessments.Domain.Attempt>().OrderByDescending(a => a.Number).FirstAsync()).Status);

    [GeneratedRegex("<h2><a href=\"/courses/[a-z0-9-]+\">")]
    private static partial Regex CourseLinks();

    private static string MainOf(string html) => Regex.Match(html, "<main.*?</main>", RegexOptions.Singleline).Value is { Length: > 0 } main
        ? main : throw new Xunit.Sdk.XunitException("the page has no <main>");
}
