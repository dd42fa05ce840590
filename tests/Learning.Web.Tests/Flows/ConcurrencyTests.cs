using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Learning.Courses.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Requests that race each other over the real pipeline: whichever commits last must see what the others did. A race is lost
/// now and then only, so each test runs it on many fresh enrolments (every learner × course of the demo).
/// </summary>
public sealed class ConcurrencyTests
{
    private static readonly string[] Learners = ["199005172015031001", "199208082019022003", "199501012020121004"];
    private static readonly string[] Courses =
        ["spbe-dasar", "adminduk-daring", "literasi-keamanan-digital", "pengaduan-sp4n-lapor", "standar-dan-maklumat-pelayanan"];

    private static IEnumerable<(string Learner, string Course)> Pairs(int count) =>
        Learners.SelectMany(l => Courses.Select(c => (l, c))).Take(count);

    private sealed record Started(HttpClient Api, string Course, string Title, string Id, List<string> Lessons);

    private static async Task<Started> Enrol(LearningApp app, Dictionary<string, HttpClient> clients, string learner, string course, string? path = null)
    {
        if (!clients.TryGetValue(learner, out var api)) clients[learner] = api = await app.ApiAs(learner);
        var created = await Json(path is null ? await api.PostAsJsonAsync("/api/v1/enrolments", new { course })
            : await api.PostAsJsonAsync("/api/v1/enrolments", new { path }), HttpStatusCode.Created);
        var outline = await Json(await api.GetAsync($"/api/v1/courses/{course}"), HttpStatusCode.OK);
        var lessons = outline.GetProperty("modules").EnumerateArray().SelectMany(m => m.GetProperty("lessons").EnumerateArray())
            .Select(l => l.GetProperty("key").GetString()!).ToList();
        return new Started(api, course, outline.GetProperty("title").GetString()!, created.GetProperty("id").GetString()!, lessons);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> Complete(Started s, string lesson) =>
        s.Api.PostAsJsonAsync($"/api/v1/enrolments/{s.Id}/lessons/{lesson}/complete", new { seconds = 60 });

    private static async Task<string> StartAttempt(Started s) =>
        (await Json(await s.Api.PostAsync($"/api/v1/enrolments/{s.Id}/attempts", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private static async Task<HttpResponseMessage> SubmitPassing(LearningApp app, Started s, string attemptId)
    {
        var key = await app.WithScope(async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(s.Course))!);
        var answers = new JsonObject();
        foreach (var a in key.Answers)
            answers[a.QuestionId] = a.Type switch
            {
                QuestionType.TrueFalse => JsonValue.Create(a.TrueFalse!.Value),
                QuestionType.Single => JsonValue.Create(a.Options[0].ToString()),
                _ => new JsonArray(a.Options.Select(i => (JsonNode)JsonValue.Create(i.ToString())!).ToArray()),
            };
        return await s.Api.PostAsJsonAsync($"/api/v1/attempts/{attemptId}/submit", new JsonObject { ["answers"] = answers });
    }

    /// <summary>What the learner checks: completed, a certificate for the course, a career-record line, the path past its certificate step.</summary>
    private static async Task AssertFinished(Started s, string learner)
    {
        var enrolment = await Json(await s.Api.GetAsync($"/api/v1/enrolments/{s.Id}"), HttpStatusCode.OK);
        Assert.True(enrolment.GetProperty("status").GetString() == "completed",
            $"{learner} on {s.Course}: {enrolment.GetProperty("status").GetString()} at {enrolment.GetProperty("progress").GetInt32()} %, "
            + $"assessment passed {enrolment.GetProperty("assessmentPassed").GetBoolean()}");
        var certificates = await Json(await s.Api.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK);
        Assert.Contains(certificates.EnumerateArray(), c => c.GetProperty("course").GetString() == s.Title);
        var path = await Json(await s.Api.GetAsync($"/api/v1/path-instances/{enrolment.GetProperty("pathInstanceId").GetString()}"), HttpStatusCode.OK);
        // Past its certificate step: on to the next, or ended there when it is the last.
        Assert.True(path.GetProperty("status").GetString() == "completed" || path.GetProperty("currentStep").GetString() != "terbitkan-sertifikat",
            $"{learner} on {s.Course}: path {path.GetProperty("status").GetString()} at {path.GetProperty("currentStep").GetString()}");
        var record = await Json(await s.Api.GetAsync("/api/v1/me/career-record"), HttpStatusCode.OK);
        var numbers = certificates.EnumerateArray().Where(c => c.GetProperty("course").GetString() == s.Title)
            .Select(c => c.GetProperty("number").GetString()).ToList();
        Assert.True(record.GetProperty("trainings").EnumerateArray().Any(t => numbers.Contains(t.GetProperty("certificateNumber").GetString())),
            $"{learner} on {s.Course}: certificates {string.Join(", ", numbers)}, career record {record}");
    }

    /// <summary>
    /// The default path asks for the lessons before the assessment; these races need the assessment passed (or open) before
    /// the last lesson, so each course gets a path that puts the assessment first (as a coordinator may write one).
    /// </summary>
    private static async Task AssessmentFirstPaths(LearningApp app)
    {
        var folder = Directory.CreateDirectory(Path.Combine(app.DataRoot, "ujian-dulu", "paths")).Parent!.FullName;
        foreach (var course in Courses)
            File.WriteAllText(Path.Combine(folder, "paths", $"ujian-dulu-{course}.yml"), $"key: ujian-dulu-{course}\ntitle: Ujian dulu\nversion: 1\nsteps:\n" +
                $"  - id: ujian\n    kind: pass-assessment\n    course: {course}\n  - id: materi\n    kind: complete-course\n    course: {course}\n" +
                $"  - id: terbitkan-sertifikat\n    kind: issue-certificate\n    course: {course}\n");
        var imported = await app.WithScope(sp => sp.GetRequiredService<IContentImporter>().Import(folder, CancellationToken.None));
        Assert.True(imported.Succeeded, string.Join("\n", imported.Problems));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_complete_when_the_pass_and_the_last_lesson_arrive_at_once(Db db)
    {
        await using var app = new LearningApp(db);
        await AssessmentFirstPaths(app);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (learner, course) in Pairs(12))
        {
            var s = await Enrol(app, clients, learner, course, $"ujian-dulu-{course}");
            foreach (var lesson in s.Lessons.SkipLast(1)) await Json(await Complete(s, lesson), HttpStatusCode.OK);
            var attempt = await StartAttempt(s);

            var answers = await Task.WhenAll(SubmitPassing(app, s, attempt), Complete(s, s.Lessons[^1]));

            var graded = await Json(answers[0], HttpStatusCode.OK);
            Assert.True(graded.GetProperty("passed").GetBoolean());
            await Json(answers[1], HttpStatusCode.OK);
            await AssertFinished(s, learner);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_complete_when_the_last_two_lessons_arrive_at_once_after_the_pass(Db db)
    {
        await using var app = new LearningApp(db);
        await AssessmentFirstPaths(app);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (learner, course) in Pairs(12))
        {
            var s = await Enrol(app, clients, learner, course, $"ujian-dulu-{course}");
            foreach (var lesson in s.Lessons.SkipLast(2)) await Json(await Complete(s, lesson), HttpStatusCode.OK);
            await Json(await SubmitPassing(app, s, await StartAttempt(s)), HttpStatusCode.OK);

            var answers = await Task.WhenAll(Complete(s, s.Lessons[^2]), Complete(s, s.Lessons[^1]));

            foreach (var answer in answers) await Json(answer, HttpStatusCode.OK);
            await AssertFinished(s, learner);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_answer_every_one_of_four_simultaneous_completions_of_a_lesson_like_the_first(Db db)
    {
        await using var app = new LearningApp(db);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (learner, course) in Pairs(6))
        {
            var s = await Enrol(app, clients, learner, course);

            var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Complete(s, s.Lessons[0])));

            foreach (var answer in answers)
            {
                var body = await Json(answer, HttpStatusCode.OK);
                Assert.Equal([s.Lessons[0]], body.GetProperty("completedLessons").EnumerateArray().Select(k => k.GetString()));
            }
            var enrolment = await Json(await s.Api.GetAsync($"/api/v1/enrolments/{s.Id}"), HttpStatusCode.OK);
            Assert.Equal([s.Lessons[0]], enrolment.GetProperty("completedLessons").EnumerateArray().Select(k => k.GetString()));
            // Each request's minute counts once: none is lost, none counted twice.
            Assert.Equal(240, enrolment.GetProperty("secondsSpent").GetInt32());
        }
    }
}
