using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Paths;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Blended training on the path engine: a path whose complete-course steps name more than one course (a pre-course, then a
/// post-course) enrols the learner on each course when its step begins, as part of the same path, and gives one certificate.
/// </summary>
public sealed class BlendedPathsTests
{
    private const string Agus = "199005172015031001";
    private const string Coordinator = "198203152006042001";
    private const string Pre = "spbe-dasar";
    private const string Post = "pelindungan-data-pribadi";
    private const string PostTitle = "Pelindungan Data Pribadi dalam Layanan Publik";
    private const string Key = "pelatihan-terpadu-data";
    private const string Title = "Pelatihan Terpadu SPBE dan Data Pribadi";

    // Pre-course, its assessment, the post-course, then the certificate with the path's own JP.
    private const string PreThenPost = $"""
        key: {Key}
        title: {Title}
        version: 1
        steps:
          - id: pra-kursus
            kind: complete-course
            course: {Pre}
          - id: asesmen-pra
            kind: pass-assessment
            course: {Pre}
            min_score: 70
          - id: pasca-kursus
            kind: complete-course
            course: {Post}
          - id: sertifikat
            kind: issue-certificate
            jp: 6
        """;

    // Both courses in one step: both enrolments at once.
    private const string BothAtOnce = $"""
        key: {Key}
        title: {Title}
        version: 1
        steps:
          - id: dua-kursus
            kind: complete-course
            courses: [{Pre}, {Post}]
          - id: sertifikat
            kind: issue-certificate
            course: {Pre}
            jp: 5
        """;

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The coordinator writes the path in the authoring page and publishes it, as in the product.</summary>
    private static async Task Publish(LearningApp app, string yaml)
    {
        var coordinator = await app.PagesAs(Coordinator);
        var saved = await coordinator.PostAsync("/authoring/paths/new?handler=Save",
            await LearningApp.FormWithToken(coordinator, "/authoring/paths/new", new() { ["Yaml"] = yaml }));
        Assert.True(HttpStatusCode.Redirect == saved.StatusCode, await saved.Content.ReadAsStringAsync());
        var page = $"/authoring/paths/{Key}";
        var published = await coordinator.PostAsync($"{page}?handler=Publish",
            await LearningApp.FormWithToken(coordinator, page, new() { ["Yaml"] = yaml }));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal($"{page}?published=1", published.Headers.Location?.OriginalString);
    }

    private static async Task<(string Enrolment, string Instance)> EnrolOnPath(HttpClient learner)
    {
        var created = await Json(await learner.PostAsJsonAsync("/api/v1/enrolments", new { path = Key }), HttpStatusCode.Created);
        return (created.GetProperty("id").GetString()!, created.GetProperty("pathInstanceId").GetString()!);
    }

    private static async Task<JsonElement> Instance(HttpClient client, string id) =>
        await Json(await client.GetAsync($"/api/v1/path-instances/{id}"), HttpStatusCode.OK);

    private static async Task<List<JsonElement>> MyEnrolments(HttpClient learner) =>
        (await Json(await learner.GetAsync("/api/v1/me/enrolments"), HttpStatusCode.OK)).EnumerateArray().ToList();

    private static async Task<IReadOnlyList<string>> LessonKeys(HttpClient client, string course) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{course}")).GetProperty("modules").EnumerateArray()
            .SelectMany(m => m.GetProperty("lessons").EnumerateArray()).Select(l => l.GetProperty("key").GetString()!).ToList();

    private static async Task CompleteLessons(HttpClient learner, string enrolment, string course)
    {
        foreach (var key in await LessonKeys(learner, course))
            await Json(await learner.PostAsync($"/api/v1/enrolments/{enrolment}/lessons/{key}/complete", null), HttpStatusCode.OK);
    }

    private static async Task<JsonObject> RightAnswers(LearningApp app, string course, JsonElement attempt)
    {
        var key = await app.WithScope(async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(course))!);
        var byId = key.Answers.ToDictionary(a => a.QuestionId);
        var answers = new JsonObject();
        foreach (var q in attempt.GetProperty("questions").EnumerateArray())
        {
            var a = byId[q.GetProperty("id").GetString()!];
            answers[a.QuestionId] = a.Type switch
            {
                QuestionType.TrueFalse => JsonValue.Create(a.TrueFalse!.Value),
                QuestionType.Single => JsonValue.Create(a.Options[0].ToString()),
                _ => new JsonArray(a.Options.Select(i => (JsonNode)JsonValue.Create(i.ToString())!).ToArray()),
            };
        }
        return new JsonObject { ["answers"] = answers };
    }

    private static async Task PassAssessment(LearningApp app, HttpClient learner, string enrolment, string course)
    {
        var attempt = await Json(await learner.PostAsync($"/api/v1/enrolments/{enrolment}/attempts", null), HttpStatusCode.Created);
        var graded = await Json(await learner.PostAsJsonAsync($"/api/v1/attempts/{attempt.GetProperty("id").GetString()}/submit",
            await RightAnswers(app, course, attempt)), HttpStatusCode.OK);
        Assert.True(graded.GetProperty("passed").GetBoolean());
    }

    private static JsonElement? On(List<JsonElement> enrolments, string course) =>
        enrolments.Where(e => e.GetProperty("course").GetString() == course).Select(e => (JsonElement?)e).SingleOrDefault();

    private static async Task<(int Enrolments, int Links, int Enrolled)> Counts(LearningApp app, string course, string instanceId) =>
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var employee = await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(Agus);
            var id = Guid.Parse(instanceId);
            return (await db.Set<Learning.Enrolments.Domain.Enrolment>().CountAsync(e => e.EmployeeId == employee!.Id && e.CourseSlug == course),
                await db.Set<PathEnrolment>().CountAsync(l => l.InstanceId == id),
                await db.Set<HistoryEntry>().CountAsync(h => h.InstanceId == id && h.Kind == "course-enrolled"));
        });

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_enrol_on_the_post_course_when_the_pre_course_steps_are_done_and_issue_one_certificate_at_the_end(Db db)
    {
        await using var app = new LearningApp(db, settings: CertificationDriver.Settings());
        await Publish(app, PreThenPost);
        var agus = await app.ApiAs(Agus);
        var (pre, instanceId) = await EnrolOnPath(agus);

        // Only the pre-course at first: the post-course is not the learner's until the path reaches it.
        var mine = await MyEnrolments(agus);
        Assert.Equal(Key, On(mine, Pre)!.Value.GetProperty("path").GetString());
        Assert.Null(On(mine, Post));
        await CompleteLessons(agus, pre, Pre);
        Assert.Equal("asesmen-pra", (await Instance(agus, instanceId)).GetProperty("currentStep").GetString());
        Assert.Null(On(await MyEnrolments(agus), Post));

        // The pre-course's assessment passed: the post-course step begins, and with it the post-course enrolment of this path.
        await PassAssessment(app, agus, pre, Pre);
        var atPost = await Instance(agus, instanceId);
        Assert.Equal(("waiting", "pasca-kursus"), (atPost.GetProperty("status").GetString(), atPost.GetProperty("currentStep").GetString()));
        var post = On(await MyEnrolments(agus), Post)!.Value;
        Assert.Equal((Key, "in-progress"), (post.GetProperty("path").GetString(), post.GetProperty("status").GetString()));
        var postId = post.GetProperty("id").GetString()!;
        Assert.Equal(instanceId, (await Json(await agus.GetAsync($"/api/v1/enrolments/{postId}"), HttpStatusCode.OK)).GetProperty("pathInstanceId").GetString());
        Assert.Contains(atPost.GetProperty("enrolments").EnumerateArray(),
            e => e.GetProperty("course").GetString() == Post && e.GetProperty("enrolmentId").GetString() == postId && e.GetProperty("step").GetString() == "pasca-kursus");

        // On the learner's home with the path's name, and its lessons open in the player.
        var pages = await app.PagesAs(Agus);
        var home = await pages.GetStringAsync("/");
        Assert.Matches($"href=\"/learn/{postId}\">{Regex.Escape(PostTitle)}</a>\\s*<span class=\"muted\">Jalur: {Regex.Escape(Title)}</span>", home);
        var firstLesson = (await LessonKeys(agus, Post))[0];
        var player = await pages.GetAsync($"/learn/{postId}/{firstLesson}");
        Assert.Equal(HttpStatusCode.OK, player.StatusCode);
        Assert.Contains("<main", await player.Content.ReadAsStringAsync());

        // The post-course's lessons move the path to the certificate, which counts the path's JP; the training is listed once.
        await CompleteLessons(agus, postId, Post);
        var done = await Instance(agus, instanceId);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Single(done.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "certificate-issued");
        Assert.Single(done.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "course-enrolled");
        var certificate = Assert.Single((await Json(await agus.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray());
        var record = await Json(await agus.GetAsync("/api/v1/me/career-record"), HttpStatusCode.OK);
        var training = Assert.Single(record.GetProperty("trainings").EnumerateArray());
        Assert.Equal((6m, certificate.GetProperty("number").GetString()),
            (training.GetProperty("jp").GetDecimal(), training.GetProperty("certificateNumber").GetString()));

        // Finishing the post-course's own assessment later completes that enrolment, and still nothing more is issued.
        await PassAssessment(app, agus, postId, Post);
        Assert.Equal("completed", On(await MyEnrolments(agus), Post)!.Value.GetProperty("status").GetString());
        Assert.Single((await Json(await agus.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Single((await Json(await agus.GetAsync("/api/v1/me/career-record"), HttpStatusCode.OK)).GetProperty("trainings").EnumerateArray());
        Assert.Equal((1, 1, 1), await Counts(app, Post, instanceId));
    }

    [Fact]
    public async Task Should_enrol_on_both_courses_at_once_when_one_step_names_both()
    {
        await using var app = new LearningApp(settings: CertificationDriver.Settings());
        await Publish(app, BothAtOnce);
        var agus = await app.ApiAs(Agus);
        var (pre, instanceId) = await EnrolOnPath(agus);

        var mine = await MyEnrolments(agus);
        Assert.Equal(Key, On(mine, Pre)!.Value.GetProperty("path").GetString());
        var post = On(mine, Post)!.Value;
        Assert.Equal((Key, "in-progress"), (post.GetProperty("path").GetString(), post.GetProperty("status").GetString()));
        var postId = post.GetProperty("id").GetString()!;
        var lesson = (await LessonKeys(agus, Post))[0];
        await Json(await agus.GetAsync($"/api/v1/enrolments/{postId}/lessons/{lesson}"), HttpStatusCode.OK);

        // One course done is not the step done; both are.
        await CompleteLessons(agus, postId, Post);
        Assert.Equal("dua-kursus", (await Instance(agus, instanceId)).GetProperty("currentStep").GetString());
        await CompleteLessons(agus, pre, Pre);
        Assert.Equal("sertifikat", (await Instance(agus, instanceId)).GetProperty("currentStep").GetString());
        await PassAssessment(app, agus, pre, Pre);
        Assert.Equal("completed", (await Instance(agus, instanceId)).GetProperty("status").GetString());
        var training = Assert.Single((await Json(await agus.GetAsync("/api/v1/me/career-record"), HttpStatusCode.OK)).GetProperty("trainings").EnumerateArray());
        Assert.Equal(5m, training.GetProperty("jp").GetDecimal());
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_enrol_on_the_post_course_once_when_events_are_delivered_again_or_at_once(Db db)
    {
        await using var app = new LearningApp(db, settings: CertificationDriver.Settings());
        await Publish(app, PreThenPost);
        var agus = await app.ApiAs(Agus);
        var (pre, instanceId) = await EnrolOnPath(agus);
        await CompleteLessons(agus, pre, Pre);

        // Four submits of the pre-course's assessment at once: one passes it, the path enrols on the post-course once, no 500.
        var attempt = await Json(await agus.PostAsync($"/api/v1/enrolments/{pre}/attempts", null), HttpStatusCode.Created);
        var body = await RightAnswers(app, Pre, attempt);
        var submits = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            agus.PostAsJsonAsync($"/api/v1/attempts/{attempt.GetProperty("id").GetString()}/submit", body)));
        Assert.DoesNotContain(submits, s => (int)s.StatusCode >= 500);
        Assert.Single(submits, s => s.StatusCode == HttpStatusCode.OK);
        Assert.Equal("pasca-kursus", (await Instance(agus, instanceId)).GetProperty("currentStep").GetString());
        Assert.Equal((1, 1, 1), await Counts(app, Post, instanceId));

        // The pre-course's completion delivered again (the same event), and as fresh events, several at once: still one enrolment.
        var employee = await app.WithScope(sp => sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(Agus));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var completed = new EnrolmentCompleted(Guid.Parse(pre), employee!.Id, Pre, 1, 2, 90, 100, now.AddHours(-1), now);
        await Deliver(app, completed);
        await Deliver(app, completed);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Deliver(app, completed with { EventId = Guid.CreateVersion7() })));
        Assert.Equal((1, 1, 1), await Counts(app, Post, instanceId));
        Assert.Equal(("waiting", "pasca-kursus"),
            ((await Instance(agus, instanceId)).GetProperty("status").GetString(), (await Instance(agus, instanceId)).GetProperty("currentStep").GetString()));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_hold_the_post_course_until_the_path_reaches_its_step_then_take_it_into_the_path(Db db)
    {
        await using var app = new LearningApp(db, settings: CertificationDriver.Settings());
        await Publish(app, PreThenPost);
        var agus = await app.ApiAs(Agus);
        var (pre, instanceId) = await EnrolOnPath(agus);

        // The learner enrols on the post-course by themselves: it is theirs, but its lessons wait for the path, which says why.
        var own = await Json(await agus.PostAsJsonAsync("/api/v1/enrolments", new { course = Post }), HttpStatusCode.Created);
        var ownId = own.GetProperty("id").GetString()!;
        var lesson = (await LessonKeys(agus, Post))[0];
        var held = await Json(await agus.GetAsync($"/api/v1/enrolments/{ownId}/lessons/{lesson}"), HttpStatusCode.Conflict);
        var why = held.GetProperty("title").GetString()!;
        Assert.Contains($"bagian dari jalur “{Title}”", why);
        Assert.Contains($"langkah “Selesaikan kursus {PostTitle}”", why);
        Assert.Contains("Sekarang jalur Anda ada di langkah “Selesaikan kursus Dasar-Dasar SPBE untuk ASN Kota”", why);
        await Json(await agus.PostAsync($"/api/v1/enrolments/{ownId}/lessons/{lesson}/complete", null), HttpStatusCode.Conflict);
        await Json(await agus.PostAsync($"/api/v1/enrolments/{ownId}/attempts", null), HttpStatusCode.Conflict);
        var pages = await app.PagesAs(Agus);
        var player = await pages.GetAsync($"/learn/{ownId}/{lesson}");
        Assert.Equal(HttpStatusCode.Redirect, player.StatusCode);
        Assert.Contains("baru dibuka saat jalur itu sampai pada langkah", await pages.GetStringAsync($"/courses/{Post}"));

        // At the pre-course's assessment it still waits; once the path reaches the post-course step the same enrolment opens, on the path.
        await CompleteLessons(agus, pre, Pre);
        await Json(await agus.GetAsync($"/api/v1/enrolments/{ownId}/lessons/{lesson}"), HttpStatusCode.Conflict);
        await PassAssessment(app, agus, pre, Pre);
        await Json(await agus.GetAsync($"/api/v1/enrolments/{ownId}/lessons/{lesson}"), HttpStatusCode.OK);
        var joined = On(await MyEnrolments(agus), Post)!.Value;
        Assert.Equal((ownId, Key), (joined.GetProperty("id").GetString(), joined.GetProperty("path").GetString()));
        Assert.Equal(instanceId, (await Json(await agus.GetAsync($"/api/v1/enrolments/{ownId}"), HttpStatusCode.OK)).GetProperty("pathInstanceId").GetString());
        // The default path it had started on ends, so it gives no certificate of its own.
        var left = await Instance(agus, own.GetProperty("pathInstanceId").GetString()!);
        Assert.Equal(("cancelled", "joined-path"), (left.GetProperty("status").GetString(), left.GetProperty("outcome").GetString()));

        await CompleteLessons(agus, ownId, Post);
        await PassAssessment(app, agus, ownId, Post);
        Assert.Equal("completed", (await Instance(agus, instanceId)).GetProperty("status").GetString());
        Assert.Single((await Json(await agus.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Single((await Json(await agus.GetAsync("/api/v1/me/career-record"), HttpStatusCode.OK)).GetProperty("trainings").EnumerateArray());
        Assert.Equal((1, 1, 1), await Counts(app, Post, instanceId));
    }

    /// <summary>
    /// Delivers an event as a save does: its handlers inside a transaction that commits. A lost race is run again on fresh
    /// data, as the request that raised it would be (<see cref="Conflicts.Retrying{T}"/>); anything else fails the test.
    /// </summary>
    private static async Task Deliver<T>(LearningApp app, T domainEvent) where T : IDomainEvent
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await app.WithScope(async sp =>
                {
                    var db = sp.GetRequiredService<LearningDbContext>();
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    foreach (var handler in sp.GetServices<IDomainEventHandler<T>>()) await handler.Handle(domainEvent, CancellationToken.None);
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                });
                return;
            }
            catch (Exception e) when (e.IsConflict() && attempt < Conflicts.Tries)
            {
                await Task.Delay(Random.Shared.Next(5, 40));
            }
        }
    }
}
