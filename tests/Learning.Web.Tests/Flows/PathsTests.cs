using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Learning.Certification.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Paths;
using Learning.Paths.Engine;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// The path engine over the API on the demo data and content/paths/sertifikasi-pelayanan-publik.yml: approval first, nothing
/// learnable before it, only the learner's own supervisor decides, steps advance on events, one certificate, then reassessment.
/// </summary>
public sealed class PathsTests
{
    private const string Agus = "199005172015031001";
    private const string Dewi = "199208082019022003";
    private const string Rina = "199501012020121004";
    private const string Bambang = "197811202003121002";
    private const string Coordinator = "198203152006042001";
    private const string PathKey = "sertifikasi-pelayanan-publik";
    private const string Course = "standar-dan-maklumat-pelayanan";

    private static string ContentFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "content", "paths"))) return Path.Combine(dir.FullName, "content");
            throw new InvalidOperationException("No content/ folder above the test binaries.");
        }
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonObject> RightAnswers(LearningApp app, JsonElement attempt)
    {
        var key = await app.WithScope(async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(Course))!);
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

    private static async Task<(string Enrolment, string Instance)> EnrolOnPath(HttpClient learner)
    {
        var created = await Json(await learner.PostAsJsonAsync("/api/v1/enrolments", new { path = PathKey }), HttpStatusCode.Created);
        var instance = created.GetProperty("pathInstanceId").GetString()!;
        Assert.True(Guid.TryParse(instance, out _));
        return (created.GetProperty("id").GetString()!, instance);
    }

    private static async Task<JsonElement> Instance(HttpClient client, string id) =>
        await Json(await client.GetAsync($"/api/v1/path-instances/{id}"), HttpStatusCode.OK);

    private static async Task<IReadOnlyList<string>> LessonKeys(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{Course}")).GetProperty("modules").EnumerateArray()
            .SelectMany(m => m.GetProperty("lessons").EnumerateArray()).Select(l => l.GetProperty("key").GetString()!).ToList();

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_hold_learning_until_the_supervisor_approves_then_advance_on_events_to_one_certificate(Db db)
    {
        await using var app = new LearningApp(db, settings: CertificationDriver.Settings());
        var agus = await app.ApiAs(Agus);
        var (enrolment, instanceId) = await EnrolOnPath(agus);

        var waiting = await Instance(agus, instanceId);
        Assert.Equal((PathKey, "waiting", "persetujuan-atasan"),
            (waiting.GetProperty("path").GetString(), waiting.GetProperty("status").GetString(), waiting.GetProperty("currentStep").GetString()));

        // Nothing can be learned before approval: lessons, progress and the assessment all answer 409 with the reason.
        var lesson = (await LessonKeys(agus))[0];
        var held = await Json(await agus.GetAsync($"/api/v1/enrolments/{enrolment}/lessons/{lesson}"), HttpStatusCode.Conflict);
        Assert.Contains("menunggu persetujuan atasan", held.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        await Json(await agus.PostAsync($"/api/v1/enrolments/{enrolment}/lessons/{lesson}/complete", null), HttpStatusCode.Conflict);
        await Json(await agus.PostAsync($"/api/v1/enrolments/{enrolment}/attempts", null), HttpStatusCode.Conflict);

        // Only Agus's own supervisor sees and decides it; for anyone else it does not exist.
        var bambang = await app.ApiAs(Bambang);
        var inbox = await Json(await bambang.GetAsync("/api/v1/approvals"), HttpStatusCode.OK);
        var approval = Assert.Single(inbox.EnumerateArray());
        Assert.Equal(Agus, approval.GetProperty("learner").GetProperty("nip").GetString());
        var approvalId = approval.GetProperty("id").GetString();
        foreach (var other in new[] { Dewi, Rina, Agus, Coordinator })
        {
            var client = await app.ApiAs(other);
            Assert.Empty((await Json(await client.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray());
            await Json(await client.PostAsJsonAsync($"/api/v1/approvals/{approvalId}", new { decision = "approve" }), HttpStatusCode.NotFound);
        }
        await Json(await bambang.PostAsJsonAsync($"/api/v1/approvals/{approvalId}", new { decision = "reject" }), HttpStatusCode.BadRequest);
        var decided = await Json(await bambang.PostAsJsonAsync($"/api/v1/approvals/{approvalId}", new { decision = "approve", reason = "Sesuai rencana pengembangan" }), HttpStatusCode.OK);
        Assert.Equal(("approved", "ikuti-kursus"), (decided.GetProperty("status").GetString(), decided.GetProperty("currentStep").GetString()));
        // A second decision changes nothing.
        await Json(await bambang.PostAsJsonAsync($"/api/v1/approvals/{approvalId}", new { decision = "reject", reason = "berubah pikiran" }), HttpStatusCode.Conflict);
        Assert.Empty((await Json(await bambang.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray());

        // The steps advance on the learner's events.
        foreach (var key in await LessonKeys(agus))
            await Json(await agus.PostAsync($"/api/v1/enrolments/{enrolment}/lessons/{key}/complete", null), HttpStatusCode.OK);
        Assert.Equal("lulus-asesmen", (await Instance(agus, instanceId)).GetProperty("currentStep").GetString());

        // Four simultaneous submits: one grade, one certificate.
        var attempt = await Json(await agus.PostAsync($"/api/v1/enrolments/{enrolment}/attempts", null), HttpStatusCode.Created);
        var body = await RightAnswers(app, attempt);
        var submits = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            agus.PostAsJsonAsync($"/api/v1/attempts/{attempt.GetProperty("id").GetString()}/submit", body)));
        Assert.Single(submits, s => s.StatusCode == HttpStatusCode.OK);
        var certificates = await Json(await agus.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK);
        Assert.Single(certificates.EnumerateArray());

        // The instance now waits on reassessment, and its history names every actor.
        var done = await Instance(bambang, instanceId);
        Assert.Equal(("waiting", "asesmen-ulang"), (done.GetProperty("status").GetString(), done.GetProperty("currentStep").GetString()));
        var history = done.GetProperty("history").EnumerateArray().Select(h =>
            (Kind: h.GetProperty("kind").GetString()!, Actor: h.GetProperty("actor").GetString()!, Detail: h.GetProperty("detail").GetString()!)).ToList();
        Assert.Contains(history, h => h.Kind == "started" && h.Actor.Contains("Agus Prasetyo"));
        Assert.Contains(history, h => h.Kind == "approval-requested" && h.Detail.Contains("Bambang Setiawan"));
        Assert.Contains(history, h => h.Kind == "approval-decided" && h.Actor.Contains("Bambang Setiawan") && h.Detail.Contains("Sesuai rencana"));
        Assert.Contains(history, h => h.Kind == "lesson-completed" && h.Actor.Contains("Agus Prasetyo"));
        Assert.Contains(history, h => h.Kind == "assessment-passed" && h.Actor.Contains("Agus Prasetyo"));
        Assert.Single(history, h => h.Kind == "certificate-issued" && h.Actor == "sistem");
        Assert.Contains(history, h => h.Kind == "notified" && h.Detail.Contains("Bambang Setiawan"));
        Assert.Equal(["persetujuan-atasan", "ikuti-kursus", "lulus-asesmen", "terbitkan-sertifikat", "kabari-atasan", "asesmen-ulang"],
            done.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("kind").GetString() == "step-started")
                .Select(h => h.GetProperty("step").GetString()!).ToArray());
    }

    [Fact]
    public async Task Should_show_an_instance_only_to_the_learner_their_supervisor_and_coordinators()
    {
        await using var app = new LearningApp();
        var (_, instanceId) = await EnrolOnPath(await app.ApiAs(Agus));
        foreach (var reader in new[] { Agus, Bambang, Coordinator, "admin" })
            await Json(await (await app.ApiAs(reader)).GetAsync($"/api/v1/path-instances/{instanceId}"), HttpStatusCode.OK);
        foreach (var stranger in new[] { Dewi, Rina })
            await Json(await (await app.ApiAs(stranger)).GetAsync($"/api/v1/path-instances/{instanceId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Should_escalate_an_approval_nobody_decided_in_three_days_once()
    {
        await using var app = new LearningApp();
        var (_, instanceId) = await EnrolOnPath(await app.ApiAs(Agus));
        var coordinator = await app.ApiAs(Coordinator);
        Assert.Empty((await Json(await coordinator.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray());

        var asOf = app.Clock.GetUtcNow().AddDays(3).AddMinutes(1);
        var handled = await app.WithScope(sp => sp.GetRequiredService<PathTimersJob>().Run(asOf, CancellationToken.None));
        Assert.Equal(1, handled);
        // Bambang has no supervisor of his own: the request goes to the coordinators.
        var escalated = Assert.Single((await Json(await coordinator.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Empty((await Json(await (await app.ApiAs(Bambang)).GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(0, await app.WithScope(sp => sp.GetRequiredService<PathTimersJob>().Run(asOf.AddDays(10), CancellationToken.None)));
        // The coordinator hears of it in their inbox, once.
        var inbox = (await Json(await coordinator.GetAsync("/api/v1/notifications"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray();
        Assert.Single(inbox, n => n.GetProperty("title").GetString()!.StartsWith("Permintaan persetujuan", StringComparison.Ordinal));

        var kinds = (await Instance(coordinator, instanceId)).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()).ToList();
        Assert.Single(kinds, k => k == "approval-timed-out");
        Assert.Single(kinds, k => k == "approval-escalated");
        await Json(await coordinator.PostAsJsonAsync($"/api/v1/approvals/{escalated.GetProperty("id").GetString()}",
            new { decision = "reject", reason = "Kuota tahun ini penuh" }), HttpStatusCode.OK);
        var ended = await Instance(coordinator, instanceId);
        Assert.Equal(("cancelled", "rejected"), (ended.GetProperty("status").GetString(), ended.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Should_open_a_reassessment_with_fresh_attempts_when_the_window_opens_and_end_it_when_the_certificate_expires()
    {
        await using var app = new LearningApp(settings: CertificationDriver.Settings());
        var agus = await app.ApiAs(Agus);
        // The default path of a plain course enrolment: lessons → assessment → certificate → reassessment.
        var created = await Json(await agus.PostAsJsonAsync("/api/v1/enrolments", new { course = Course }), HttpStatusCode.Created);
        var (enrolment, instanceId) = (created.GetProperty("id").GetString()!, created.GetProperty("pathInstanceId").GetString()!);
        foreach (var key in await LessonKeys(agus))
            await Json(await agus.PostAsync($"/api/v1/enrolments/{enrolment}/lessons/{key}/complete", null), HttpStatusCode.OK);
        var first = await Json(await agus.PostAsync($"/api/v1/enrolments/{enrolment}/attempts", null), HttpStatusCode.Created);
        await Json(await agus.PostAsJsonAsync($"/api/v1/attempts/{first.GetProperty("id").GetString()}/submit", await RightAnswers(app, first)), HttpStatusCode.OK);
        var waiting = await Instance(agus, instanceId);
        Assert.Equal(("default:" + Course, "waiting", "asesmen-ulang"),
            (waiting.GetProperty("path").GetString(), waiting.GetProperty("status").GetString(), waiting.GetProperty("currentStep").GetString()));
        await Json(await agus.PostAsync($"/api/v1/enrolments/{enrolment}/attempts", null), HttpStatusCode.Conflict); // passed: nothing to sit

        var certificate = (await Json(await agus.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray().Single();
        var employee = await app.WithScope(sp => sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(Agus));
        var due = new CertificateReassessmentDue(Guid.CreateVersion7(), certificate.GetProperty("number").GetString()!, employee!.Id, Course, [],
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30));
        await Raise(app, due);
        await Raise(app, due); // delivered twice: one round
        var opened = await Instance(agus, instanceId);
        Assert.Equal((1, true), (opened.GetProperty("reassessmentRound").GetInt32(), opened.GetProperty("reassessmentOpen").GetBoolean()));

        // A round of fresh attempts, graded again; the pass goes to the certificate's renewal and the instance waits for the next cycle.
        var again = await Json(await agus.PostAsync($"/api/v1/enrolments/{enrolment}/attempts", null), HttpStatusCode.Created);
        await Json(await agus.PostAsJsonAsync($"/api/v1/attempts/{again.GetProperty("id").GetString()}/submit", await RightAnswers(app, again)), HttpStatusCode.OK);
        var renewed = await Instance(agus, instanceId);
        Assert.Equal(("waiting", false), (renewed.GetProperty("status").GetString(), renewed.GetProperty("reassessmentOpen").GetBoolean()));
        Assert.Contains(renewed.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "certificate-renewed");

        await Raise(app, new CertificateExpired(Guid.CreateVersion7(), certificate.GetProperty("number").GetString()!, employee.Id, Course, [],
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(31)));
        var lapsed = await Instance(agus, instanceId);
        Assert.Equal(("completed", "lapsed"), (lapsed.GetProperty("status").GetString(), lapsed.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Should_show_the_hold_the_inbox_the_diagram_and_the_timeline_on_pages()
    {
        await using var app = new LearningApp();
        var (_, instanceId) = await EnrolOnPath(await app.ApiAs(Agus));

        var learner = await app.PagesAs(Agus);
        Assert.Contains("Menunggu persetujuan atasan", await learner.GetStringAsync($"/courses/{Course}"));
        Assert.Contains("Persetujuan atasan", await learner.GetStringAsync("/"));

        var coordinator = await app.PagesAs(Coordinator);
        var diagram = await coordinator.GetStringAsync($"/authoring/paths/{PathKey}");
        Assert.Contains("<svg", diagram);
        Assert.Matches("data-step=\"persetujuan-atasan\".*?data-count=\"1\"", diagram);

        var bambang = await app.PagesAs(Bambang);
        var inbox = await bambang.GetStringAsync("/approvals");
        Assert.Contains("Agus Prasetyo", inbox);
        var id = System.Text.RegularExpressions.Regex.Match(inbox, "name=\"id\" value=\"([^\"]+)\"").Groups[1].Value;
        var rejectWithout = await bambang.PostAsync("/approvals", await LearningApp.FormWithToken(bambang, "/approvals",
            new() { ["id"] = id, ["decision"] = "reject", ["reason"] = "" }));
        Assert.Contains("wajib disertai alasan", await rejectWithout.Content.ReadAsStringAsync());
        var tooLong = new string('x', 1001);
        var refused = await bambang.PostAsync("/approvals", await LearningApp.FormWithToken(bambang, "/approvals",
            new() { ["id"] = id, ["decision"] = "approve", ["reason"] = tooLong }));
        // A refused form is the page again, with the error and what was typed (nothing decided).
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"value=\"{tooLong}\"", await refused.Content.ReadAsStringAsync());
        var approved = await bambang.PostAsync("/approvals", await LearningApp.FormWithToken(bambang, "/approvals",
            new() { ["id"] = id, ["decision"] = "approve", ["reason"] = "" }));
        // Post/redirect/get: a refresh reloads the inbox instead of posting the decision again; the confirmation shows once.
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal("/approvals", approved.Headers.Location?.OriginalString);
        Assert.Contains("Disetujui", await bambang.GetStringAsync("/approvals"));
        Assert.DoesNotContain("Disetujui", await bambang.GetStringAsync("/approvals"));

        var timeline = await bambang.GetStringAsync($"/paths/instances/{instanceId}");
        Assert.Contains("Persetujuan diputuskan", timeline);
        Assert.Contains("Bambang Setiawan", timeline);
        Assert.DoesNotContain("Menunggu persetujuan atasan", await learner.GetStringAsync($"/courses/{Course}"));
    }

    [Fact]
    public async Task Should_check_an_edited_path_like_an_import_and_publish_it_as_a_new_version_keeping_instances_pinned()
    {
        await using var app = new LearningApp();
        var (_, instanceId) = await EnrolOnPath(await app.ApiAs(Agus));
        var coordinator = await app.PagesAs(Coordinator);
        var page = $"/authoring/paths/{PathKey}";

        var bad = await coordinator.PostAsync($"{page}?handler=Save", await LearningApp.FormWithToken(coordinator, page, new()
        {
            ["Yaml"] = "key: sertifikasi-pelayanan-publik\ntitle: T\nversion: 1\nsteps:\n  - id: a\n    kind: request-approval\n  - id: b\n    kind: complete-course\n    course: tidak-ada\n",
        }));
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("paths/sertifikasi-pelayanan-publik.yml:5", html);
        Assert.Contains("belum menyebut pemberi persetujuan", html);
        Assert.Contains("paths/sertifikasi-pelayanan-publik.yml:9", html);

        var yaml = (await File.ReadAllTextAsync(Path.Combine(ContentFolder, "paths", PathKey + ".yml"))).Replace("min_score: 70", "min_score: 80");
        var published = await coordinator.PostAsync($"{page}?handler=Publish", await LearningApp.FormWithToken(coordinator, page, new() { ["Yaml"] = yaml }));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var api = await app.ApiAs(Coordinator);
        Assert.Equal(2, (await Json(await api.GetAsync($"/api/v1/paths/{PathKey}"), HttpStatusCode.OK)).GetProperty("version").GetInt32());
        // The running instance stays on version 1; a new enrolment starts on version 2.
        Assert.Equal(1, (await Instance(api, instanceId)).GetProperty("version").GetInt32());
        var (_, second) = await EnrolOnPath(await app.ApiAs(Dewi));
        Assert.Equal(2, (await Instance(api, second)).GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("City", "Sri Wahyuningsih")]
    [InlineData("OwnUnit", null)] // Agus works at DISDUKCAPIL; the only coordinator is at BKPSDM, not above it
    public async Task Should_notify_the_coordinators_who_look_after_the_learner_once_each(string scope, string? notified)
    {
        await using var app = new LearningApp(settings: new Dictionary<string, string?> { ["Team:CoordinatorScope"] = scope });
        var coordinator = await app.PagesAs(Coordinator);
        var page = $"/authoring/paths/{PathKey}";
        var yaml = (await File.ReadAllTextAsync(Path.Combine(ContentFolder, "paths", PathKey + ".yml"))).Replace("steps:\n",
            "steps:\n  - id: kabari-koordinator\n    kind: notify\n    to: coordinator\n    message: Pendaftaran sertifikasi baru.\n");
        var published = await coordinator.PostAsync($"{page}?handler=Publish", await LearningApp.FormWithToken(coordinator, page, new() { ["Yaml"] = yaml }));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var (_, instanceId) = await EnrolOnPath(await app.ApiAs(Agus));
        var api = await app.ApiAs(Coordinator);
        var notified_ = (await Json(await api.GetAsync("/api/v1/notifications"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Count(n => n.GetProperty("link").GetString() == $"/paths/instances/{instanceId}");
        Assert.Equal(notified is null ? 0 : 1, notified_);
        var detail = (await Instance(api, instanceId)).GetProperty("history").EnumerateArray()
            .Single(h => h.GetProperty("kind").GetString() == "notified").GetProperty("detail").GetString();
        Assert.Equal(notified is null ? "coordinator: -" : $"coordinator: {notified} ({Coordinator})", detail);

        // Run again (a retried step): the key names instance, step and recipient, so nobody hears it twice.
        var again = await app.WithScope(async sp =>
        {
            var engine = sp.GetRequiredService<PathEngine>();
            var notifier = sp.GetRequiredService<Learning.Notifications.Contracts.INotifier>();
            var db = sp.GetRequiredService<LearningDbContext>();
            var sent = 0;
            foreach (var c in await engine.CoordinatorsOf((await db.Set<PathInstance>().SingleAsync(i => i.Id == Guid.Parse(instanceId))).EmployeeId, default))
                if (await notifier.NotifyEmployee(c.Id, new Learning.Notifications.Contracts.Notice(
                        $"path-notify:{instanceId}:kabari-koordinator:{c.Id}", "Paths.Notices.Message", ["", ""], null))) sent++;
            return sent;
        });
        Assert.Equal(0, again);
    }

    [Fact]
    public async Task Should_let_a_learner_whose_request_was_rejected_see_why_and_ask_again()
    {
        await using var app = new LearningApp();
        var agus = await app.ApiAs(Agus);
        var (enrolment, instanceId) = await EnrolOnPath(agus);
        var bambang = await app.ApiAs(Bambang);
        var approval = Assert.Single((await Json(await bambang.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray());
        await Json(await bambang.PostAsJsonAsync($"/api/v1/approvals/{approval.GetProperty("id").GetString()}",
            new { decision = "reject", reason = "Kuota tahun ini penuh" }), HttpStatusCode.OK);

        // The rejected request is over: not in progress, and the course page says why and offers to ask again.
        var rejected = await Json(await agus.GetAsync($"/api/v1/enrolments/{enrolment}"), HttpStatusCode.OK);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        var learner = await app.PagesAs(Agus);
        var course = await learner.GetStringAsync($"/courses/{Course}");
        Assert.Contains("Kuota tahun ini penuh", course);
        Assert.Contains("Ajukan lagi", course);
        Assert.DoesNotContain(enrolment, await learner.GetStringAsync("/"));

        // Over the API a new request is created (201), on the same path, waiting for the supervisor again.
        var created = await Json(await agus.PostAsJsonAsync("/api/v1/enrolments", new { course = Course }), HttpStatusCode.Created);
        Assert.NotEqual(enrolment, created.GetProperty("id").GetString());
        Assert.Equal("in-progress", created.GetProperty("status").GetString());
        var fresh = await Instance(agus, created.GetProperty("pathInstanceId").GetString()!);
        Assert.Equal((PathKey, "waiting", "persetujuan-atasan"),
            (fresh.GetProperty("path").GetString(), fresh.GetProperty("status").GetString(), fresh.GetProperty("currentStep").GetString()));
        Assert.Single((await Json(await bambang.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray());
        // The old request keeps its history.
        Assert.Equal("rejected", (await Instance(agus, instanceId)).GetProperty("outcome").GetString());
        // Asking again while the new request is open gives that one back.
        Assert.Equal(created.GetProperty("id").GetString(),
            (await Json(await agus.PostAsJsonAsync("/api/v1/enrolments", new { course = Course }), HttpStatusCode.OK)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Should_ask_again_from_the_course_page_after_a_rejection()
    {
        await using var app = new LearningApp();
        var (enrolment, _) = await EnrolOnPath(await app.ApiAs(Agus));
        var bambang = await app.ApiAs(Bambang);
        var approval = Assert.Single((await Json(await bambang.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray());
        await Json(await bambang.PostAsJsonAsync($"/api/v1/approvals/{approval.GetProperty("id").GetString()}",
            new { decision = "reject", reason = "Belum waktunya" }), HttpStatusCode.OK);

        var learner = await app.PagesAs(Agus);
        var asked = await learner.PostAsync($"/courses/{Course}", await LearningApp.FormWithToken(learner, $"/courses/{Course}", new()));
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.DoesNotContain(enrolment, asked.Headers.Location!.OriginalString);
        Assert.Contains("Menunggu persetujuan atasan", await learner.GetStringAsync($"/courses/{Course}"));
        Assert.Single((await Json(await bambang.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray());
    }

    /// <summary>Raises an event as the Certification sweep does: its handlers run inside a transaction that then commits.</summary>
    private static Task Raise<T>(LearningApp app, T domainEvent) where T : IDomainEvent => app.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var handler in sp.GetServices<IDomainEventHandler<T>>()) await handler.Handle(domainEvent, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    });
}
