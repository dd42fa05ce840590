using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Learning.Assessments.Domain;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>A learner's journey over the API on the demo data: enrol, read, fail, pass, complete — and nothing ever shows an answer.</summary>
public sealed class LearnerJourneyApiTests
{
    private const string Agus = "199005172015031001";
    private const string Sari = "199208082019022003";
    private const string Course = "spbe-dasar";

    /// <summary>Every response body of a test, to check none carries an answer.</summary>
    private sealed class Recorder
    {
        public List<string> Bodies { get; } = [];

        public async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Bodies.Add(body);
            Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
            return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    private static async Task<ServerOnlyAnswerKey> Key(LearningApp app) =>
        await app.WithScope(async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(Course))!);

    /// <summary>Right answers for every question except the <paramref name="wrong"/> first ones of the attempt.</summary>
    private static JsonObject Answers(JsonElement attempt, ServerOnlyAnswerKey key, int wrong)
    {
        var answers = new JsonObject();
        var byId = key.Answers.ToDictionary(a => a.QuestionId);
        var n = 0;
        foreach (var q in attempt.GetProperty("questions").EnumerateArray())
        {
            var a = byId[q.GetProperty("id").GetString()!];
            var flip = n++ < wrong;
            answers[a.QuestionId] = a.Type switch
            {
                QuestionType.TrueFalse => JsonValue.Create(flip ? !a.TrueFalse!.Value : a.TrueFalse!.Value),
                QuestionType.Single => JsonValue.Create((flip ? (a.Options[0] + 1) % q.GetProperty("options").GetArrayLength() : a.Options[0]).ToString()),
                // Partly right is wrong: leave one right option out.
                _ => new JsonArray((flip ? a.Options.Skip(1) : a.Options).Select(i => (JsonNode)JsonValue.Create(i.ToString())!).ToArray()),
            };
        }
        return answers;
    }

    private static readonly string[] Lessons = ["01-apa-itu-spbe", "02-arsitektur-dan-domain-spbe", "03-data-dan-aplikasi-terpadu", "04-peran-asn-dan-evaluasi-spbe"];

    /// <summary>Every lesson done: the default path opens the assessment after them.</summary>
    private static async Task ReadAll(HttpClient api, string? enrolmentId)
    {
        foreach (var lesson in Lessons)
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/enrolments/{enrolmentId}/lessons/{lesson}/complete", null)).StatusCode);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_enrol_read_every_lesson_fail_then_pass_and_complete(Db db)
    {
        await using var app = new LearningApp(db);
        var api = await app.ApiAs(Agus);
        var r = new Recorder();
        var key = await Key(app);

        var created = await r.Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { course = Course }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        Assert.Equal("in-progress", created.GetProperty("status").GetString());
        // Every enrolment runs on a path: a plain course enrolment on the course's built-in default path.
        Assert.True(Guid.TryParse(created.GetProperty("pathInstanceId").GetString(), out _));
        // Enrolling again gives the same enrolment back.
        var again = await r.Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { course = Course }), HttpStatusCode.OK);
        Assert.Equal(id, again.GetProperty("id").GetString());

        var outline = await r.Json(await api.GetAsync($"/api/v1/courses/{Course}"), HttpStatusCode.OK);
        var lessons = outline.GetProperty("modules").EnumerateArray().SelectMany(m => m.GetProperty("lessons").EnumerateArray())
            .Select(l => l.GetProperty("key").GetString()!).ToList();
        Assert.Equal(4, lessons.Count);

        var progress = new List<int>();
        foreach (var lesson in lessons)
        {
            var body = await r.Json(await api.GetAsync($"/api/v1/enrolments/{id}/lessons/{lesson}"), HttpStatusCode.OK);
            Assert.Equal(lesson, body.GetProperty("key").GetString());
            Assert.Contains("<", body.GetProperty("html").GetString());
            var done = await r.Json(await api.PostAsJsonAsync($"/api/v1/enrolments/{id}/lessons/{lesson}/complete", new { seconds = 300 }), HttpStatusCode.OK);
            progress.Add(done.GetProperty("progress").GetInt32());
        }
        Assert.Equal([25, 50, 75, 100], progress);

        // A lesson's picture is lazy, sized by the page, and readable by the learner.
        var architecture = await r.Json(await api.GetAsync($"/api/v1/enrolments/{id}/lessons/02-arsitektur-dan-domain-spbe"), HttpStatusCode.OK);
        var image = System.Text.RegularExpressions.Regex.Match(architecture.GetProperty("html").GetString()!, "<img [^>]*src=\"(/media/[^\"]+)\"[^>]*>");
        Assert.True(image.Success);
        Assert.Contains("loading=\"lazy\"", image.Value);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(image.Groups[1].Value)).StatusCode);

        var enrolment = await r.Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK);
        Assert.Equal(lessons, enrolment.GetProperty("completedLessons").EnumerateArray().Select(k => k.GetString()!));
        Assert.Equal("in-progress", enrolment.GetProperty("status").GetString()); // the assessment is still to pass
        Assert.Equal(1200, enrolment.GetProperty("secondsSpent").GetInt32());

        // Fail: 4 of 12 wrong is 66.7 % against a pass mark of 70.
        var first = await r.Json(await api.PostAsync($"/api/v1/enrolments/{id}/attempts", null), HttpStatusCode.Created);
        Assert.Equal(12, first.GetProperty("questions").GetArrayLength());
        var failed = await r.Json(await api.PostAsJsonAsync($"/api/v1/attempts/{first.GetProperty("id").GetString()}/submit",
            new JsonObject { ["answers"] = Answers(first, key, wrong: 4) }), HttpStatusCode.OK);
        Assert.False(failed.GetProperty("passed").GetBoolean());
        Assert.Equal(66.7m, failed.GetProperty("score").GetDecimal());
        Assert.Equal(4, failed.GetProperty("wrongQuestions").GetArrayLength());
        Assert.Equal(2, failed.GetProperty("attemptsLeft").GetInt32());

        // Pass with one wrong.
        var second = await r.Json(await api.PostAsync($"/api/v1/enrolments/{id}/attempts", null), HttpStatusCode.Created);
        var passed = await r.Json(await api.PostAsJsonAsync($"/api/v1/attempts/{second.GetProperty("id").GetString()}/submit",
            new JsonObject { ["answers"] = Answers(second, key, wrong: 1) }), HttpStatusCode.OK);
        Assert.True(passed.GetProperty("passed").GetBoolean());
        Assert.Equal(91.7m, passed.GetProperty("score").GetDecimal());

        var completed = await r.Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK);
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        var mine = await r.Json(await api.GetAsync("/api/v1/me/enrolments"), HttpStatusCode.OK);
        var item = Assert.Single(mine.EnumerateArray());
        Assert.Equal((id, Course, "completed", "self"), (item.GetProperty("id").GetString(), item.GetProperty("course").GetString(),
            item.GetProperty("status").GetString(), item.GetProperty("source").GetString()));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("path").ValueKind);

        // A passed assessment is not taken again.
        await r.Json(await api.PostAsync($"/api/v1/enrolments/{id}/attempts", null), HttpStatusCode.Conflict);

        AssertNoAnswerIn(r.Bodies, key);
    }

    [Fact]
    public async Task Should_complete_when_the_last_lesson_is_done_after_the_pass()
    {
        await using var app = new LearningApp();
        // The default path asks for the lessons first; a path may put the assessment before them.
        var folder = Directory.CreateDirectory(Path.Combine(app.DataRoot, "ujian-dulu", "paths")).Parent!.FullName;
        File.WriteAllText(Path.Combine(folder, "paths", "ujian-dulu.yml"), $"key: ujian-dulu\ntitle: Ujian dulu\nversion: 1\nsteps:\n" +
            $"  - id: ujian\n    kind: pass-assessment\n    course: {Course}\n  - id: materi\n    kind: complete-course\n    course: {Course}\n" +
            $"  - id: sertifikat\n    kind: issue-certificate\n    course: {Course}\n");
        var imported = await app.WithScope(sp => sp.GetRequiredService<IContentImporter>().Import(folder, CancellationToken.None));
        Assert.True(imported.Succeeded, string.Join("\n", imported.Problems));
        var api = await app.ApiAs(Agus);
        var r = new Recorder();
        var key = await Key(app);
        var id = (await r.Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { path = "ujian-dulu" }), HttpStatusCode.Created)).GetProperty("id").GetString();

        var attempt = await r.Json(await api.PostAsync($"/api/v1/enrolments/{id}/attempts", null), HttpStatusCode.Created);
        await r.Json(await api.PostAsJsonAsync($"/api/v1/attempts/{attempt.GetProperty("id").GetString()}/submit",
            new JsonObject { ["answers"] = Answers(attempt, key, wrong: 0) }), HttpStatusCode.OK);
        Assert.Equal("in-progress", (await r.Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK)).GetProperty("status").GetString());

        foreach (var lesson in Lessons)
            await r.Json(await api.PostAsync($"/api/v1/enrolments/{id}/lessons/{lesson}/complete", null), HttpStatusCode.OK);

        var done = await r.Json(await api.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(100m, done.GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task Should_refuse_an_attempt_beyond_max_attempts_also_when_started_in_parallel()
    {
        await using var app = new LearningApp();
        var api = await app.ApiAs(Agus);
        var r = new Recorder();
        var key = await Key(app);
        var id = (await r.Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { course = Course }), HttpStatusCode.Created)).GetProperty("id").GetString();
        await ReadAll(api, id);

        for (var i = 0; i < 3; i++)
        {
            // Several taps on "start" give one attempt.
            var started = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => api.PostAsync($"/api/v1/enrolments/{id}/attempts", null)));
            var ids = new HashSet<string>();
            foreach (var s in started)
            {
                Assert.True(s.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, s.StatusCode.ToString());
                ids.Add((await r.Json(s, s.StatusCode)).GetProperty("id").GetString()!);
            }
            var attempt = Assert.Single(ids);
            var result = await r.Json(await api.PostAsJsonAsync($"/api/v1/attempts/{attempt}/submit",
                new JsonObject { ["answers"] = new JsonObject() }), HttpStatusCode.OK);
            Assert.Equal(2 - i, result.GetProperty("attemptsLeft").GetInt32());
            Assert.Equal(12, result.GetProperty("wrongQuestions").GetArrayLength());
        }

        var refused = await api.PostAsync($"/api/v1/enrolments/{id}/attempts", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Kesempatan mengerjakan ujian sudah habis", await refused.Content.ReadAsStringAsync());
        Assert.Equal(3, await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<Attempt>().CountAsync()));
        AssertNoAnswerIn(r.Bodies, key);
    }

    [Fact]
    public async Task Should_grade_four_simultaneous_submits_of_one_attempt_once()
    {
        await using var app = new LearningApp();
        var api = await app.ApiAs(Agus);
        var r = new Recorder();
        var key = await Key(app);
        var id = (await r.Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { course = Course }), HttpStatusCode.Created)).GetProperty("id").GetString();
        await ReadAll(api, id);
        var attempt = await r.Json(await api.PostAsync($"/api/v1/enrolments/{id}/attempts", null), HttpStatusCode.Created);
        var body = new JsonObject { ["answers"] = Answers(attempt, key, wrong: 2) };

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            api.PostAsJsonAsync($"/api/v1/attempts/{attempt.GetProperty("id").GetString()}/submit", body)));

        Assert.Single(responses, x => x.StatusCode == HttpStatusCode.OK);
        Assert.Equal(3, responses.Count(x => x.StatusCode == HttpStatusCode.Conflict));
        var graded = await r.Json(responses.Single(x => x.StatusCode == HttpStatusCode.OK), HttpStatusCode.OK);
        Assert.Equal(83.3m, graded.GetProperty("score").GetDecimal());
        var attempts = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<Attempt>().AsNoTracking().ToListAsync());
        var row = Assert.Single(attempts);
        Assert.Equal((AttemptStatuses.Submitted, 83.3m), (row.Status, row.Score));
        Assert.Equal(2, row.AttemptsLeftAfterThis);
    }

    [Fact]
    public async Task Should_refuse_answers_after_the_time_limit_and_count_the_attempt_as_failed()
    {
        await using var app = new LearningApp();
        var api = await app.ApiAs(Agus);
        var r = new Recorder();
        var key = await Key(app);
        var id = (await r.Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { course = Course }), HttpStatusCode.Created)).GetProperty("id").GetString();
        await ReadAll(api, id);

        var attempt = await r.Json(await api.PostAsync($"/api/v1/enrolments/{id}/attempts", null), HttpStatusCode.Created);
        var deadline = attempt.GetProperty("deadline").GetDateTime();
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(20), deadline, TimeSpan.FromSeconds(1));

        // Within the 30 s grace a late answer still counts...
        var inTime = await r.Json(await api.PostAsync($"/api/v1/enrolments/{id}/attempts", null), HttpStatusCode.OK);
        Assert.Equal(attempt.GetProperty("id").GetString(), inTime.GetProperty("id").GetString());
        app.Clock.Advance(TimeSpan.FromMinutes(20) + TimeSpan.FromSeconds(31));

        // ...after it, not: the attempt is failed and used up.
        var late = await api.PostAsJsonAsync($"/api/v1/attempts/{attempt.GetProperty("id").GetString()}/submit",
            new JsonObject { ["answers"] = Answers(attempt, key, wrong: 0) });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("Waktu habis", await late.Content.ReadAsStringAsync());

        var next = await r.Json(await api.PostAsync($"/api/v1/enrolments/{id}/attempts", null), HttpStatusCode.Created);
        Assert.Equal(1, next.GetProperty("attemptsLeft").GetInt32());
        Assert.Equal(2, next.GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task Should_answer_404_for_someone_elses_enrolment_and_attempt()
    {
        await using var app = new LearningApp();
        var agus = await app.ApiAs(Agus);
        var sari = await app.ApiAs(Sari);
        var r = new Recorder();
        var id = (await r.Json(await agus.PostAsJsonAsync("/api/v1/enrolments", new { course = Course }), HttpStatusCode.Created)).GetProperty("id").GetString();
        await ReadAll(agus, id);
        var attempt = (await r.Json(await agus.PostAsync($"/api/v1/enrolments/{id}/attempts", null), HttpStatusCode.Created)).GetProperty("id").GetString();

        foreach (var response in new[]
        {
            await sari.GetAsync($"/api/v1/enrolments/{id}"),
            await sari.GetAsync($"/api/v1/enrolments/{id}/lessons/01-apa-itu-spbe"),
            await sari.PostAsync($"/api/v1/enrolments/{id}/lessons/01-apa-itu-spbe/complete", null),
            await sari.PostAsync($"/api/v1/enrolments/{id}/attempts", null),
            await sari.GetAsync($"/api/v1/attempts/{attempt}"),
            await sari.PostAsJsonAsync($"/api/v1/attempts/{attempt}/submit", new { answers = new { } }),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(Course, await response.Content.ReadAsStringAsync());
        }
        Assert.Empty((await sari.GetFromJsonAsync<JsonElement>("/api/v1/me/enrolments")).EnumerateArray());
    }

    [Fact]
    public async Task Should_answer_problems_in_Indonesian_for_unknown_courses_and_bad_bodies()
    {
        await using var app = new LearningApp();
        var api = await app.ApiAs(Agus);

        var unknown = await api.PostAsJsonAsync("/api/v1/enrolments", new { course = "tidak-ada" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Kursus 'tidak-ada' tidak ditemukan", await unknown.Content.ReadAsStringAsync());

        var broken = await api.PostAsync("/api/v1/enrolments", new StringContent("{course:", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Kirim JSON", await broken.Content.ReadAsStringAsync());

        var id = (await (await api.PostAsJsonAsync("/api/v1/enrolments", new { course = Course })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await ReadAll(api, id);
        var attempt = (await (await api.PostAsync($"/api/v1/enrolments/{id}/attempts", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var badAnswer = await api.PostAsJsonAsync($"/api/v1/attempts/{attempt}/submit", new { answers = new { q01 = "9", q99 = "1" } });
        Assert.Equal(HttpStatusCode.BadRequest, badAnswer.StatusCode);
        var text = await badAnswer.Content.ReadAsStringAsync();
        Assert.Contains("Soal 'q99' tidak ada", text);
        Assert.Contains("Jawaban soal 'q01'", text);

        var anonymous = await app.CreateClient().PostAsJsonAsync("/api/v1/enrolments", new { course = Course });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Should_describe_the_learner_routes_in_the_OpenAPI_document()
    {
        await using var app = new LearningApp();
        var document = await (await app.ApiAs(Agus)).GetStringAsync("/openapi/v1.json");

        foreach (var route in new[] { "/api/v1/enrolments", "/api/v1/enrolments/{id}", "/api/v1/enrolments/{id}/lessons/{key}",
                     "/api/v1/enrolments/{id}/lessons/{key}/complete", "/api/v1/enrolments/{id}/attempts", "/api/v1/attempts/{id}/submit", "/api/v1/me/enrolments" })
            Assert.Contains($"\"{route}\"", document);
        Assert.Contains("wrongQuestions", document);
    }

    /// <summary>No body names an answer, and no question marks its right options in any way.</summary>
    private static void AssertNoAnswerIn(IEnumerable<string> bodies, ServerOnlyAnswerKey key)
    {
        foreach (var body in bodies)
        {
            Assert.DoesNotContain("answer", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("correct", body, StringComparison.OrdinalIgnoreCase);
            if (body.Length == 0 || body[0] != '{') continue;
            var root = JsonDocument.Parse(body).RootElement;
            if (!root.TryGetProperty("questions", out var questions)) continue;
            foreach (var q in questions.EnumerateArray())
            {
                // Options carry exactly an id and a text: nothing that could mark the right one.
                foreach (var o in q.GetProperty("options").EnumerateArray())
                    Assert.Equal(["id", "text"], o.EnumerateObject().Select(p => p.Name));
                Assert.Equal(["id", "type", "text", "options"], q.EnumerateObject().Select(p => p.Name));
            }
        }
        Assert.NotEmpty(key.Answers);
    }
}
