using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Learning.Assessments.Contracts;
using Learning.Certification.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Paths;
using Learning.Paths.Engine;
using Learning.Scheduling;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// The reassessment heartbeat as an operator drives it (<c>jobs run reassessment-sweep --as-of …</c>) and as a learner sees it:
/// a certificate near its expiry asks for reassessment, a pass renews it, no pass expires it, a second sweep changes nothing,
/// and a sweep missed while the app was down runs once on start.
/// </summary>
public sealed class ReassessmentSweepTests
{
    private const string Learner = "199005172015031001";
    private const string Course = "literasi-keamanan-digital"; // 12 months, window 30 days, renews on 1 January

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_ask_for_reassessment_ten_days_before_expiry_and_renew_on_a_pass(Db db)
    {
        await using var app = new LearningApp(db);
        var validUntil = await PassCourse(app, Learner);

        var tenDaysBefore = At(validUntil.AddDays(-10));
        app.Clock.Set(tenDaysBefore);
        Assert.Equal(0, await Sweep(app, tenDaysBefore));
        var api = await app.ApiAs(Learner);
        var certificate = Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());
        Assert.Equal("reassessment-due", certificate.GetProperty("status").GetString());
        Assert.Single(await Notices(api, "Asesmen ulang dibuka"));

        // Nothing more to do: the second sweep handles nothing and notifies nobody again.
        Assert.Equal(0, await SweepItems(app, tenDaysBefore));
        Assert.Single(await Notices(api, "Asesmen ulang dibuka"));

        // A passed reassessment renews it by the course's rule (from the next 1 January, twelve months on).
        var passedOn = validUntil.AddDays(-5);
        Assert.True(await Renew(app, Learner, passedOn));
        Assert.False(await Renew(app, Learner, passedOn)); // the same pass, delivered twice
        certificate = Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());
        Assert.Equal("valid", certificate.GetProperty("status").GetString());
        var renewedUntil = DateOnly.Parse(certificate.GetProperty("validUntil").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(new DateOnly(validUntil.Year + 1, 1, 1), renewedUntil);
        Assert.Single(await Notices(api, "Sertifikat diperpanjang"));

        // The old expiry passes without consequence; the public page says valid.
        app.Clock.Set(At(validUntil.AddDays(1)));
        Assert.Equal(0, await SweepItems(app, At(validUntil.AddDays(1))));
        var verified = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify/{certificate.GetProperty("code").GetString()}");
        Assert.True(verified.GetProperty("valid").GetBoolean());
        Assert.Equal("valid", verified.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_renew_the_certificate_when_the_learner_passes_the_reassessment_on_their_path(Db db)
    {
        await using var app = new LearningApp(db);
        var validUntil = await PassCourse(app, Learner);
        var tenDaysBefore = At(validUntil.AddDays(-10));
        app.Clock.Set(tenDaysBefore);
        Assert.Equal(1, await SweepItems(app, tenDaysBefore));

        var api = await app.ApiAs(Learner);
        var record = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record");
        Assert.Contains(record.GetProperty("competencies").EnumerateArray(), c => c.GetProperty("status").GetString() == "reassessment-due");

        // The path opened a round of fresh attempts on the same enrolment: the learner sits the assessment again and passes.
        var enrolment = Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/v1/me/enrolments")).EnumerateArray());
        Assert.True(await PassAssessment(app, api, enrolment.GetProperty("id").GetString()!));

        var certificate = Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());
        Assert.Equal("valid", certificate.GetProperty("status").GetString());
        Assert.Equal(new DateOnly(validUntil.Year + 1, 1, 1), DateOnly.Parse(certificate.GetProperty("validUntil").GetString()!, CultureInfo.InvariantCulture));
        record = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record");
        Assert.All(record.GetProperty("competencies").EnumerateArray(), c => Assert.Equal("active", c.GetProperty("status").GetString()));
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/enrolments/{enrolment.GetProperty("id").GetString()}");
        var instance = await api.GetFromJsonAsync<JsonElement>($"/api/v1/path-instances/{detail.GetProperty("pathInstanceId").GetString()}");
        Assert.Equal("waiting", instance.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Should_show_the_expiry_on_the_home_page_and_link_a_due_reassessment_to_the_assessment_to_sit()
    {
        await using var app = new LearningApp();
        var validUntil = await PassCourse(app, Learner);
        var until = validUntil.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("id-ID"));

        var home = await (await app.PagesAs(Learner)).GetStringAsync("/");
        var section = home[home.IndexOf("id=\"my-certificates-heading\"", StringComparison.Ordinal)..];
        Assert.Contains($"Berlaku sampai {until}", section);
        Assert.DoesNotContain("Perlu penilaian ulang", section);

        var tenDaysBefore = At(validUntil.AddDays(-10));
        app.Clock.Set(tenDaysBefore);
        Assert.Equal(1, await SweepItems(app, tenDaysBefore));
        var pages = await app.PagesAs(Learner);
        home = await pages.GetStringAsync("/");
        section = home[home.IndexOf("id=\"my-certificates-heading\"", StringComparison.Ordinal)..];
        Assert.Contains($"Berlaku sampai {until}", section);
        var enrolment = Assert.Single((await (await app.ApiAs(Learner)).GetFromJsonAsync<JsonElement>("/api/v1/me/enrolments")).EnumerateArray());
        var link = $"/assessment/{enrolment.GetProperty("id").GetString()}";
        Assert.Contains($"<a class=\"badge warn\" href=\"{link}\">Perlu penilaian ulang</a>", section);

        // The link leads to the assessment with the fresh round open: the learner can start it.
        var assessment = await pages.GetStringAsync(link);
        Assert.Contains("Mulai ujian", assessment);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_expire_a_certificate_whose_window_closed_without_a_pass_and_tell_the_learner_and_the_supervisor(Db db)
    {
        await using var app = new LearningApp(db);
        var validUntil = await PassCourse(app, Learner);
        Assert.Equal(1, await SweepItems(app, At(validUntil.AddDays(-10))));

        var dayAfter = At(validUntil.AddDays(1));
        app.Clock.Set(dayAfter);
        Assert.Equal(1, await SweepItems(app, dayAfter));
        Assert.Equal(0, await SweepItems(app, dayAfter));

        var api = await app.ApiAs(Learner);
        var certificate = Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());
        Assert.Equal("expired", certificate.GetProperty("status").GetString());
        Assert.False(await Renew(app, Learner, DateOnly.FromDateTime(dayAfter.UtcDateTime)));
        Assert.Single(await Notices(api, "Sertifikat berakhir"));
        Assert.Single(await Notices(await app.ApiAs("197811202003121002"), "Sertifikat anggota tim berakhir"));

        var verified = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify/{certificate.GetProperty("code").GetString()}");
        Assert.False(verified.GetProperty("valid").GetBoolean());
        Assert.Equal("expired", verified.GetProperty("status").GetString());
    }

    /// <summary>
    /// One learner's own request moves their path at the very moment the sweep opens the window (once, after the path engine
    /// read the paths of the batch): the batch's save fails on that path's revision and the sweep runs the batch again.
    /// PostgreSQL only, as there a second connection may write while the sweep's transaction is open.
    /// </summary>
    private sealed class LearnerMovesThePathMeanwhile(IServiceScopeFactory scopes, Interference interference)
        : IDomainEventHandler<CertificateReassessmentDue>
    {
        public async Task Handle(CertificateReassessmentDue due, CancellationToken ct)
        {
            interference.Calls++;
            if (interference.Done) return;
            interference.Done = true;
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<LearningDbContext>().Set<PathInstance>()
                .Where(i => i.EmployeeId == due.EmployeeId)
                .ExecuteUpdateAsync(set => set.SetProperty(i => i.Revision, i => i.Revision + 1), ct);
        }
    }

    private sealed class Interference
    {
        public int Calls { get; set; }
        public bool Done { get; set; }
    }

    [Fact]
    public async Task Should_open_every_window_of_a_batch_once_when_a_learner_moved_a_path_during_the_sweep()
    {
        var interference = new Interference();
        await using var app = new LearningApp(Db.Postgres, configureServices: services =>
        {
            services.AddSingleton(interference);
            services.AddScoped<IDomainEventHandler<CertificateReassessmentDue>, LearnerMovesThePathMeanwhile>();
        });
        string[] learners = [Learner, "199208082019022003"];
        var validUntil = await PassCourse(app, learners[0]);
        Assert.Equal(validUntil, await PassCourse(app, learners[1]));

        var tenDaysBefore = At(validUntil.AddDays(-10));
        app.Clock.Set(tenDaysBefore);
        Assert.Equal(2, await SweepItems(app, tenDaysBefore));
        Assert.Equal(4, interference.Calls); // both certificates' events, twice: the batch ran again

        foreach (var nip in learners)
        {
            var api = await app.ApiAs(nip);
            var certificate = Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());
            Assert.Equal("reassessment-due", certificate.GetProperty("status").GetString());
            Assert.Single(await Notices(api, "Asesmen ulang dibuka"));
            var record = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record");
            Assert.All(record.GetProperty("competencies").EnumerateArray(), c => Assert.Equal("reassessment-due", c.GetProperty("status").GetString()));
            var enrolment = Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/v1/me/enrolments")).EnumerateArray());
            var enrolmentId = Guid.Parse(enrolment.GetProperty("id").GetString()!);
            Assert.Equal(1, await app.WithScope(sp => sp.GetRequiredService<IReassessmentRounds>().OpenRound(enrolmentId)));
        }
        // Each path opened its round once: nothing of the failed attempt was kept.
        Assert.Equal(2, await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<HistoryEntry>()
            .CountAsync(h => h.Kind == HistoryKinds.ReassessmentOpened)));
    }

    [Fact]
    public async Task Should_expire_at_once_a_certificate_whose_whole_window_passed_while_nobody_swept()
    {
        await using var app = new LearningApp();
        var validUntil = await PassCourse(app, Learner);
        var monthAfter = At(validUntil.AddMonths(1));
        app.Clock.Set(monthAfter);

        Assert.Equal(1, await SweepItems(app, monthAfter));
        var api = await app.ApiAs(Learner);
        Assert.Equal("expired", Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray()).GetProperty("status").GetString());
        Assert.Empty(await Notices(api, "Asesmen ulang dibuka"));
        Assert.Single(await Notices(api, "Sertifikat berakhir"));
    }

    [Fact]
    public async Task Should_run_a_sweep_missed_during_downtime_once_on_start_without_duplicate_notices()
    {
        var dataRoot = Directory.CreateTempSubdirectory("learning-restart-").FullName;
        var settings = new Dictionary<string, string?> { ["DataRoot"] = dataRoot };
        try
        {
            DateOnly validUntil;
            await using (var before = new LearningApp(settings: settings))
            {
                validUntil = await PassCourse(before, Learner);
                // The app goes down; three days later its nightly sweep is long overdue.
                await before.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Database.ExecuteSqlRawAsync(
                    "UPDATE Scheduling_QRTZ_TRIGGERS SET NEXT_FIRE_TIME = NEXT_FIRE_TIME - 3 * 864000000000 WHERE TRIGGER_NAME = 'reassessment-sweep'"));
            }

            await using var after = new LearningApp(settings: settings);
            after.Clock.Set(At(validUntil.AddDays(-10)));
            after.CreateClient(); // starts the host and its scheduler

            JobRun? run = null;
            for (var waited = 0; run is null && waited < 60; waited++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                run = await after.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<JobRun>().AsNoTracking()
                    .SingleOrDefaultAsync(r => r.Job == "reassessment-sweep"));
            }
            Assert.NotNull(run);
            Assert.Null(run.Error);
            Assert.Equal(1, run.Items);

            // A manual run afterwards finds nothing left, and the learner was told once.
            Assert.Equal(0, await SweepItems(after, At(validUntil.AddDays(-10))));
            var api = await after.ApiAs(Learner);
            Assert.Single(await Notices(api, "Asesmen ulang dibuka"));
            Assert.Equal(1, await after.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<JobRun>().CountAsync(r => r.Job == "reassessment-sweep" && r.Items > 0)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataRoot, recursive: true); } catch (IOException) { }
        }
    }

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);

    /// <summary>Runs the sweep through the operator's verb; the exit code, which is 0 on success.</summary>
    private static Task<int> Sweep(LearningApp app, DateTimeOffset asOf) =>
        Verbs.Run(app.Services, "jobs", ["run", "reassessment-sweep", "--as-of", asOf.ToString("O", CultureInfo.InvariantCulture)]);

    /// <summary>Runs the sweep through the verb and reads how many certificates that run handled.</summary>
    private static async Task<int> SweepItems(LearningApp app, DateTimeOffset asOf)
    {
        Assert.Equal(0, await Sweep(app, asOf));
        return await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<JobRun>().AsNoTracking()
            .Where(r => r.Job == "reassessment-sweep").OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Select(r => r.Items).FirstAsync());
    }

    private static Task<bool> Renew(LearningApp app, string nip, DateOnly passedOn) => app.WithScope(async sp =>
    {
        var employee = (await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(nip))!;
        var db = sp.GetRequiredService<LearningDbContext>();
        var renewed = await sp.GetRequiredService<ICertificateRenewals>().Renew(employee.Id, Course, passedOn);
        await db.SaveChangesAsync();
        return renewed;
    });

    private static async Task<IReadOnlyList<string>> Notices(HttpClient api, string title)
    {
        var inbox = await api.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        return inbox.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("title").GetString()!).Where(t => t.StartsWith(title, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Starts an attempt on the enrolment and submits the right answers; whether it passed.</summary>
    private static async Task<bool> PassAssessment(LearningApp app, HttpClient api, string enrolmentId)
    {
        var started = await api.PostAsync($"/api/v1/enrolments/{enrolmentId}/attempts", null);
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var attempt = await started.Content.ReadFromJsonAsync<JsonElement>();
        var key = await app.WithScope(async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(Course))!);
        var answers = new JsonObject();
        foreach (var a in key.Answers)
            answers[a.QuestionId] = a.Type switch
            {
                QuestionType.TrueFalse => JsonValue.Create(a.TrueFalse!.Value),
                QuestionType.Single => JsonValue.Create(a.Options[0].ToString(CultureInfo.InvariantCulture)),
                _ => new JsonArray(a.Options.Select(i => (JsonNode)JsonValue.Create(i.ToString(CultureInfo.InvariantCulture))!).ToArray()),
            };
        var result = await (await api.PostAsJsonAsync($"/api/v1/attempts/{attempt.GetProperty("id").GetString()}/submit", new { answers }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return result.GetProperty("passed").GetBoolean();
    }

    /// <summary>The learner takes the whole course over the API and passes; the certificate's expiry.</summary>
    internal static async Task<DateOnly> PassCourse(LearningApp app, string nip)
    {
        var api = await app.ApiAs(nip);
        var outline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{Course}");
        var enrolment = await (await api.PostAsJsonAsync("/api/v1/enrolments", new { course = Course })).Content.ReadFromJsonAsync<JsonElement>();
        var id = enrolment.GetProperty("id").GetString();
        foreach (var module in outline.GetProperty("modules").EnumerateArray())
        foreach (var lesson in module.GetProperty("lessons").EnumerateArray())
            Assert.True((await api.PostAsync($"/api/v1/enrolments/{id}/lessons/{lesson.GetProperty("key").GetString()}/complete", null)).IsSuccessStatusCode);

        Assert.True(await PassAssessment(app, api, id!));

        var certificate = Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());
        Assert.Equal("valid", certificate.GetProperty("status").GetString());
        return DateOnly.Parse(certificate.GetProperty("validUntil").GetString()!, CultureInfo.InvariantCulture);
    }
}
