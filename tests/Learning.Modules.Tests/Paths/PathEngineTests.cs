using Learning.Assessments.Contracts;
using Learning.Certification;
using Learning.Certification.Contracts;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Modules.Tests.Infrastructure;
using Learning.Organisation.Contracts;
using Learning.Paths;
using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Modules.Tests.Paths;

/// <summary>
/// The engine in the real composition on SQLite, driven by the domain events the other modules raise (dispatched as the
/// DbContext does: handlers inside a transaction, then save and commit). The shipped content and demo organisation are loaded.
/// </summary>
public sealed class PathEngineTests : IAsyncLifetime
{
    private const string PathKey = "sertifikasi-pelayanan-publik";
    private const string Course = "standar-dan-maklumat-pelayanan";
    private readonly ModulesHost _host = new();
    private Guid _agus, _bambang;

    public async Task InitializeAsync()
    {
        Assert.Empty((await _host.Import(Repository.Content)).Problems);
        string Csv(string name) => File.ReadAllText(Path.Combine(Repository.Root, "src", "Learning.Web", "Demo", name));
        var onboarded = await _host.With(sp => sp.GetRequiredService<IOrganisationOnboarding>().Import(new OnboardingFiles(
            new CsvFile("units.csv", Csv("units.csv")), new CsvFile("positions.csv", Csv("positions.csv")), new CsvFile("employees.csv", Csv("employees.csv")))));
        Assert.True(onboarded.Succeeded);
        _agus = (await _host.With(sp => sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip("199005172015031001")))!.Id;
        _bambang = (await _host.With(sp => sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip("197811202003121002")))!.Id;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task Raise<T>(T domainEvent) where T : IDomainEvent => _host.With<object?>(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var handler in sp.GetServices<IDomainEventHandler<T>>()) await handler.Handle(domainEvent, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return null;
    });

    private async Task<(Guid Instance, Guid Enrolment)> Start(Guid employee, string? path, string course = Course)
    {
        var (instance, enrolment) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await Raise(new EnrolmentStarted(enrolment, employee, course, EnrolmentSource.Self, null, instance, path));
        return (instance, enrolment);
    }

    private Task<PathInstance> Instance(Guid id) =>
        _host.With(sp => sp.GetRequiredService<LearningDbContext>().Set<PathInstance>().AsNoTracking().SingleAsync(i => i.Id == id));

    private Task<List<HistoryEntry>> History(Guid id) => _host.With(async sp =>
        (await sp.GetRequiredService<LearningDbContext>().Set<HistoryEntry>().AsNoTracking().Where(h => h.InstanceId == id).ToListAsync())
            .OrderBy(h => h.At).ThenBy(h => h.Id).ToList());

    private Task<IReadOnlyList<string>> Lessons(string course = Course) => _host.With<IReadOnlyList<string>>(async sp =>
        (await sp.GetRequiredService<ICourseCatalog>().Find(course))!.Modules.SelectMany(m => m.Lessons).Select(l => l.Key).ToList());

    private Task<DecideOutcome> Decide(Guid approver, Guid instance, bool approve, string? reason = null) => _host.With(async sp =>
    {
        var approval = await sp.GetRequiredService<LearningDbContext>().Set<Approval>().AsNoTracking().SingleAsync(a => a.InstanceId == instance);
        return await sp.GetRequiredService<Approvals>().Decide(approval.Id, new Caller(approver, null, false), approve, reason, CancellationToken.None);
    });

    private async Task CompleteCourse(Guid employee, Guid enrolment, string course = Course)
    {
        foreach (var key in await Lessons(course))
            await Raise(new LessonCompleted(enrolment, employee, course, key, DateTime.UtcNow));
    }

    private EnrolmentCompleted Completed(Guid employee, Guid enrolment, string course = Course) =>
        new(enrolment, employee, course, 1, 3, 135, 90m, DateTime.UtcNow.AddDays(-2), DateTime.UtcNow);

    [Fact]
    public async Task Should_run_every_step_kind_in_order_as_the_events_arrive()
    {
        var (id, enrolment) = await Start(_agus, PathKey);
        Assert.Equal((InstanceStatuses.Waiting, "persetujuan-atasan"), ((await Instance(id)).Status, (await Instance(id)).CurrentStep));

        Assert.Equal(DecideOutcome.NotFound, await Decide(Guid.NewGuid(), id, true)); // not the approver
        Assert.Equal(DecideOutcome.Decided, await Decide(_bambang, id, true));
        Assert.Equal(DecideOutcome.AlreadyDecided, await Decide(_bambang, id, false, "terlambat"));
        Assert.Equal("ikuti-kursus", (await Instance(id)).CurrentStep);

        await CompleteCourse(_agus, enrolment);
        Assert.Equal("lulus-asesmen", (await Instance(id)).CurrentStep);
        await Raise(new AssessmentFailed(Guid.NewGuid(), enrolment, _agus, Course, 1, 50, 2, DateTime.UtcNow));
        Assert.Equal("lulus-asesmen", (await Instance(id)).CurrentStep);
        await Raise(new AssessmentPassed(Guid.NewGuid(), enrolment, _agus, Course, 2, 90, DateTime.UtcNow));
        // The certificate waits for the enrolment's completion, which brings the dates and JP it records.
        Assert.Equal("terbitkan-sertifikat", (await Instance(id)).CurrentStep);
        await Raise(Completed(_agus, enrolment));

        var done = await Instance(id);
        Assert.Equal((InstanceStatuses.Waiting, "asesmen-ulang"), (done.Status, done.CurrentStep));
        var certificate = await _host.With(sp => sp.GetRequiredService<LearningDbContext>().Set<Certificate>().AsNoTracking().SingleAsync());
        Assert.Equal((enrolment, _agus, Course), (certificate.EnrolmentId, certificate.EmployeeId, certificate.CourseSlug));
        var history = await History(id);
        Assert.Equal(["persetujuan-atasan", "ikuti-kursus", "lulus-asesmen", "terbitkan-sertifikat", "kabari-atasan", "asesmen-ulang"],
            history.Where(h => h.Kind == HistoryKinds.StepStarted).Select(h => h.Step!));
        Assert.Contains(history, h => h.Kind == HistoryKinds.Notified && h.Detail.Contains("Bambang Setiawan"));
        Assert.Contains(history, h => h.Kind == HistoryKinds.ApprovalDecided && h.ActorId == _bambang);
        Assert.Single(history, h => h.Kind == HistoryKinds.CertificateIssued && h.Detail == certificate.Number);
    }

    [Fact]
    public async Task Should_handle_a_replayed_event_once()
    {
        var (id, enrolment) = await Start(_agus, null);
        var lesson = new LessonCompleted(enrolment, _agus, Course, (await Lessons())[0], DateTime.UtcNow);
        await Raise(lesson);
        await Raise(lesson);
        await Raise(lesson with { }); // a copy keeps its event id
        Assert.Single(await History(id), h => h.Kind == HistoryKinds.LessonCompleted);
        var completed = Completed(_agus, enrolment);
        await Raise(completed);
        await Raise(completed);
        Assert.Single(await _host.With(sp => sp.GetRequiredService<LearningDbContext>().Set<Certificate>().AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task Should_apply_concurrent_events_each_once_without_double_advancing()
    {
        var (id, enrolment) = await Start(_agus, null);
        var lessons = await Lessons();
        var events = lessons.Select(k => new LessonCompleted(enrolment, _agus, Course, k, DateTime.UtcNow)).ToList();
        // Every lesson at once, each delivered twice at the same time.
        await Task.WhenAll(events.Concat(events).Select(e => Task.Run(() => Raise(e))));

        var history = await History(id);
        Assert.Equal(lessons.Count, history.Count(h => h.Kind == HistoryKinds.LessonCompleted));
        Assert.Single(history, h => h.Kind == HistoryKinds.StepCompleted && h.Step == "ikuti-kursus");
        Assert.Equal("lulus-asesmen", (await Instance(id)).CurrentStep);
        Assert.Equal(lessons.Count, (await Instance(id)).Revision); // one claim per event handled, none for the repeats
    }

    [Fact]
    public async Task Should_refuse_a_stale_write_of_an_instance()
    {
        var (id, _) = await Start(_agus, null);
        await using var one = _host.Services.CreateAsyncScope();
        await using var two = _host.Services.CreateAsyncScope();
        var a = await one.ServiceProvider.GetRequiredService<LearningDbContext>().Set<PathInstance>().SingleAsync(i => i.Id == id);
        var b = await two.ServiceProvider.GetRequiredService<LearningDbContext>().Set<PathInstance>().SingleAsync(i => i.Id == id);
        a.Touch(DateTime.UtcNow);
        b.Touch(DateTime.UtcNow);
        await one.ServiceProvider.GetRequiredService<LearningDbContext>().SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => two.ServiceProvider.GetRequiredService<LearningDbContext>().SaveChangesAsync());
    }

    [Fact]
    public async Task Should_keep_an_instance_on_its_version_when_a_new_one_is_published()
    {
        var (first, _) = await Start(_agus, PathKey);
        var yaml = await File.ReadAllTextAsync(Path.Combine(Repository.Content, "paths", PathKey + ".yml"));
        // Version 2 drops the approval.
        var withoutApproval = yaml.Replace("  - id: persetujuan-atasan\n    kind: request-approval\n    approver: supervisor\n    timeout: P3D\n    on-timeout: escalate\n", "");
        Assert.NotEqual(yaml, withoutApproval);
        await _host.With(async sp =>
        {
            var library = sp.GetRequiredService<PathLibrary>();
            Assert.True((await library.SaveDraft(PathKey, withoutApproval, null, CancellationToken.None)).Succeeded);
            return await library.Publish(PathKey, CancellationToken.None);
        });
        var (second, _) = await Start(_bambang, PathKey);

        Assert.Equal((1, "persetujuan-atasan"), ((await Instance(first)).Version, (await Instance(first)).CurrentStep));
        Assert.Equal((2, "ikuti-kursus"), ((await Instance(second)).Version, (await Instance(second)).CurrentStep));
        var versions = await _host.With(sp => sp.GetRequiredService<LearningDbContext>().Set<StoredPath>().AsNoTracking()
            .Where(p => p.Key == PathKey).OrderBy(p => p.Version).Select(p => new { p.Version, p.Status, p.Yaml }).ToListAsync());
        Assert.Equal([(1, DefinitionStatuses.Superseded), (2, DefinitionStatuses.Published)], versions.Select(v => (v.Version, v.Status)));
        Assert.Equal(StoredPath.WithVersion(yaml.Replace("\r\n", "\n"), 1), versions[0].Yaml); // never edited in place
    }

    [Fact]
    public async Task Should_leave_an_instance_faulted_when_a_step_throws_and_let_an_administrator_retry()
    {
        var stranger = Guid.NewGuid(); // not in the directory: the certificate cannot name its holder
        var (id, enrolment) = await Start(stranger, null);
        await Raise(Completed(stranger, enrolment));
        var faulted = await Instance(id);
        Assert.Equal((InstanceStatuses.Faulted, "terbitkan-sertifikat"), (faulted.Status, faulted.CurrentStep));
        Assert.Contains(stranger.ToString(), faulted.FaultReason);

        await _host.With(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await sp.GetRequiredService<PathEngine>().Retry(id, new Actor("admin", null), CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return 0;
        });
        var history = await History(id);
        Assert.Contains(history, h => h.Kind == HistoryKinds.Retried && h.Actor == "admin");
        Assert.Equal(2, history.Count(h => h.Kind == HistoryKinds.Faulted)); // still no such employee: faulted again, visibly
    }

    [Fact]
    public async Task Should_approve_or_reject_on_time_out_as_the_step_says()
    {
        foreach (var (rule, status, step) in new[] { ("approve", InstanceStatuses.Waiting, "ikuti-kursus"), ("reject", InstanceStatuses.Cancelled, "setuju") })
        {
            var key = $"uji-{rule}";
            var yaml = $"key: {key}\ntitle: Uji {rule}\nversion: 1\nsteps:\n  - id: setuju\n    kind: request-approval\n    approver: coordinator\n" +
                       $"    timeout: PT1H\n    on-timeout: {rule}\n  - id: ikuti-kursus\n    kind: complete-course\n    course: spbe-dasar\n";
            await _host.With(async sp =>
            {
                var library = sp.GetRequiredService<PathLibrary>();
                Assert.True((await library.SaveDraft(null, yaml, null, CancellationToken.None)).Succeeded);
                return await library.Publish(key, CancellationToken.None);
            });
            var (id, _) = await Start(_agus, key, "spbe-dasar");
            var job = () => _host.With(sp => sp.GetRequiredService<PathTimersJob>().Run(DateTimeOffset.UtcNow.AddHours(2), CancellationToken.None));
            Assert.Equal(1, await job());
            Assert.Equal(0, await job()); // fired once
            var instance = await Instance(id);
            Assert.Equal((status, step), (instance.Status, instance.CurrentStep));
            Assert.Contains(await History(id), h => h.Kind == HistoryKinds.ApprovalDecided && h.Actor == Actor.System.Name && h.Detail == rule + "d"
                || h.Kind == HistoryKinds.ApprovalDecided && h.Detail == (rule == "approve" ? "approved" : "rejected"));
        }
    }

    [Fact]
    public async Task Should_open_a_reassessment_round_when_due_renew_on_a_pass_and_lapse_when_expired()
    {
        var (id, enrolment) = await Start(_agus, null);
        await Raise(Completed(_agus, enrolment));
        Assert.Equal("asesmen-ulang", (await Instance(id)).CurrentStep);
        var rounds = () => _host.With(sp => sp.GetRequiredService<IReassessmentRounds>().OpenRound(enrolment));
        Assert.Null(await rounds());

        var due = new CertificateReassessmentDue(Guid.NewGuid(), "X/1", _agus, Course, [], new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 1));
        await Raise(due);
        await Raise(due);
        Assert.Equal(1, await rounds());
        // A pass of round 0 (the course itself) does not count as the reassessment.
        await Raise(new AssessmentPassed(Guid.NewGuid(), enrolment, _agus, Course, 2, 90, DateTime.UtcNow, Round: 0));
        Assert.Equal(1, await rounds());
        await Raise(new AssessmentPassed(Guid.NewGuid(), enrolment, _agus, Course, 3, 95, DateTime.UtcNow, Round: 1));
        Assert.Null(await rounds());
        Assert.Equal((InstanceStatuses.Waiting, "asesmen-ulang"), ((await Instance(id)).Status, (await Instance(id)).CurrentStep));

        await Raise(due with { EventId = Guid.NewGuid() }); // the next cycle
        Assert.Equal(2, await rounds());
        await Raise(new CertificateExpired(Guid.NewGuid(), "X/1", _agus, Course, [], new DateOnly(2027, 1, 2)));
        var lapsed = await Instance(id);
        Assert.Equal((InstanceStatuses.Completed, Outcomes.Lapsed, false), (lapsed.Status, lapsed.Outcome, lapsed.ReassessmentOpen));
        Assert.Single(await History(id), h => h.Kind == HistoryKinds.CertificateExpired);
    }

    [Fact]
    public async Task Should_cancel_when_the_assessment_is_failed_more_often_than_the_path_allows()
    {
        var (id, enrolment) = await Start(_agus, PathKey);
        Assert.Equal(DecideOutcome.Decided, await Decide(_bambang, id, true));
        await CompleteCourse(_agus, enrolment);
        for (var n = 1; n <= 3; n++) await Raise(new AssessmentFailed(Guid.NewGuid(), enrolment, _agus, Course, n, 40, 3 - n, DateTime.UtcNow));
        var ended = await Instance(id);
        Assert.Equal((InstanceStatuses.Cancelled, Outcomes.AttemptsUsedUp), (ended.Status, ended.Outcome));
    }
}
