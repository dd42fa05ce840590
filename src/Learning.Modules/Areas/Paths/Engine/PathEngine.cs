using Learning.Certification.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Learning.Organisation.Contracts;
using Learning.Paths.Definitions;
using Learning.Paths.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Learning.Paths.Engine;

/// <summary>Who caused a transition, as the history names them.</summary>
public sealed record Actor(string Name, Guid? Id)
{
    /// <summary>The engine itself (a timer, an issued certificate).</summary>
    public static readonly Actor System = new("sistem", null);
}

/// <summary>The kinds of history entries (API values; pages translate them as "Paths.History.{kind}").</summary>
public static class HistoryKinds
{
    public const string Started = "started";
    public const string StepStarted = "step-started";
    public const string StepCompleted = "step-completed";
    public const string LessonCompleted = "lesson-completed";
    public const string CourseCompleted = "course-completed";
    public const string CourseEnrolled = "course-enrolled";
    public const string AssessmentPassed = "assessment-passed";
    public const string AssessmentFailed = "assessment-failed";
    public const string ApprovalRequested = "approval-requested";
    public const string ApprovalDecided = "approval-decided";
    public const string ApprovalEscalated = "approval-escalated";
    public const string ApprovalTimedOut = "approval-timed-out";
    public const string CertificateIssued = "certificate-issued";
    public const string Notified = "notified";
    public const string ReassessmentOpened = "reassessment-opened";
    public const string CertificateRenewed = "certificate-renewed";
    public const string CertificateExpired = "certificate-expired";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Faulted = "faulted";
    public const string Retried = "retried";
    public const string ClassPlace = "class-place";
    public const string AttendanceRecorded = "attendance-recorded";
    public const string EvaluationSubmitted = "evaluation-submitted";
    public const string ClassCompleted = "class-completed";
    public const string AttendanceWithdrawn = "attendance-withdrawn";
    public const string ReturnedToClass = "returned-to-class";
    /// <summary>An attendance was withdrawn after the certificate was issued: the certificate stands (see ReturnToClassWhenAttendanceWithdrawn).</summary>
    public const string CertificateKept = "certificate-kept";
}

/// <summary>
/// Drives instances through their pinned definition. It moves only when an event is delivered, handles each event once per
/// instance (processed-event rows), claims the instance with its revision first so two events at once never both advance it
/// (the loser reloads and applies its event on top), and writes every transition's history entry in the same transaction.
/// A step that throws leaves the instance faulted with the reason, for an administrator to retry. What a step does is its kind's
/// (<see cref="IPathStep"/>, in Steps/).
/// </summary>
public sealed class PathEngine(
    LearningDbContext db, PathLibrary library, PathSteps steps, IOrganisationDirectory organisation, INotifier notifier,
    IEnumerable<ICertificateRenewals> renewals, ICoordinatorScope coordinatorScope, IPathCourseEnrolments enrolments, TimeProvider clock,
    ILogger<PathEngine> log)
{
    private const int MaxStepsPerEvent = 64;
    private readonly Dictionary<Guid, EmployeeInfo?> _people = [];
    private readonly Dictionary<Guid, DateTime> _lastHistory = [];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<EmployeeInfo?> Person(Guid employeeId, CancellationToken ct)
    {
        if (!_people.TryGetValue(employeeId, out var person))
            _people[employeeId] = person = await organisation.FindEmployee(employeeId, ct);
        return person;
    }

    public async Task<Actor> ActorOf(Guid employeeId, CancellationToken ct) =>
        await Person(employeeId, ct) is { } p ? new Actor($"{p.Name} ({p.Nip})", p.Id) : new Actor(employeeId.ToString(), employeeId);

    // ------------------------------------------------------------------ starting and delivering

    /// <summary>Starts the instance of an enrolment on the path's published version (or the course's default path); once per id.</summary>
    public async Task<PathInstance> Start(Guid instanceId, Guid enrolmentId, Guid employeeId, string courseSlug, string? pathKey,
        Guid eventId, Actor actor, CancellationToken ct, Guid? assignedBy = null)
    {
        var existing = db.Set<PathInstance>().Local.FirstOrDefault(i => i.Id == instanceId)
            ?? await db.Set<PathInstance>().FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        if (existing is not null) return existing;

        var stored = pathKey is null
            ? await library.DefaultFor(courseSlug, ct)
            : await library.Published(pathKey, ct) ?? throw new InvalidOperationException($"Path '{pathKey}' is not published.");
        var definition = await library.Definition(stored.Id, ct);
        var instance = new PathInstance(instanceId, stored, employeeId, enrolmentId, courseSlug, definition.First.Id, Now);
        db.Add(instance);
        db.Add(new ProcessedEvent(instanceId, eventId, Now));
        History(instance, HistoryKinds.Started, null, actor, $"{stored.Key} v{stored.Version}");
        History(instance, HistoryKinds.StepStarted, definition.First.Id, Actor.System, definition.First.Kind);
        var facts = instance.Facts();
        facts.AssignedBy = assignedBy;
        facts.AssignerApproves = assignedBy is not null && stored.Key.StartsWith(StoredPath.ClassPrefix, StringComparison.Ordinal);
        await Advance(instance, definition, facts, ct);
        instance.Keep(facts);
        await db.SaveChangesAsync(ct);
        return instance;
    }

    /// <summary>What an event does to an instance before the engine checks whether its step is done.</summary>
    public delegate Task Apply(PathInstance instance, InstanceFacts facts, PathDefinition definition);

    // Markers are only ever added, so their state is known without looking for changes across the whole tracker.
    private bool ClaimedHere(Guid instanceId, Guid eventId)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try { return db.Set<ProcessedEvent>().Local.Any(p => p.InstanceId == instanceId && p.EventId == eventId); }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = detect; }
    }

    /// <summary>
    /// Delivers an event to an instance: nothing when it was delivered before; otherwise applies it and advances, inside the
    /// caller's transaction (the caller saves). False when the instance does not exist or had already handled the event.
    /// </summary>
    public async Task<bool> Deliver(Guid instanceId, Guid eventId, Apply apply, CancellationToken ct)
    {
        for (var tries = 1; ; tries++)
        {
            var instance = await db.Set<PathInstance>().FirstOrDefaultAsync(i => i.Id == instanceId, ct);
            if (instance is null) return false;
            // Delivered before in this unit of work? (Delivered before and saved: the marker's key refuses it below.)
            if (ClaimedHere(instanceId, eventId)) return false;

            // Claim first: the revision check makes a racing event wait for (PostgreSQL's row lock) or lose to this one.
            var marker = Claim(instance, eventId);
            try
            {
                // Only the claim is saved here (the marker and this instance): the caller's save writes the rest.
                db.Entry(instance).DetectChanges();
                await db.SaveKnownChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (tries < 6)
            {
                db.Entry(marker).State = EntityState.Detached;
                await db.Entry(instance).ReloadAsync(ct);
                continue;
            }
            catch (DbUpdateException e) when (e.Entries.Any(x => x.Entity is ProcessedEvent))
            {
                // Delivered before, or at this moment by another request: that delivery handled it.
                db.Entry(marker).State = EntityState.Detached;
                await db.Entry(instance).ReloadAsync(ct);
                return false;
            }

            await Take(instance, apply, ct);
            return true;
        }
    }

    /// <summary>One event for one instance, among many delivered together (<see cref="DeliverAll"/>).</summary>
    public sealed record Delivery(Guid InstanceId, Guid EventId, Apply Apply);

    /// <summary>
    /// Delivers many events at once, for a batch job (the reassessment sweep): one read of their instances, and the claims
    /// written by the caller's save with everything else rather than a save per event. If another delivery moved one of the
    /// instances meanwhile, that save fails on the instance's revision and nothing of it is kept: the caller runs the batch again.
    /// </summary>
    public async Task DeliverAll(IReadOnlyList<Delivery> deliveries, CancellationToken ct)
    {
        var instances = new Dictionary<Guid, PathInstance>();
        var handled = new HashSet<(Guid, Guid)>();
        foreach (var chunk in deliveries.Chunk(500))
        {
            var ids = chunk.Select(d => d.InstanceId).Distinct().ToList();
            var events = chunk.Select(d => d.EventId).Distinct().ToList();
            foreach (var instance in await db.Set<PathInstance>().Where(i => ids.Contains(i.Id)).ToListAsync(ct))
                instances[instance.Id] = instance;
            // Delivered before (and saved): as with a single delivery, the same event changes nothing the second time.
            handled.UnionWith((await db.Set<ProcessedEvent>().AsNoTracking()
                    .Where(p => ids.Contains(p.InstanceId) && events.Contains(p.EventId))
                    .Select(p => new { p.InstanceId, p.EventId }).ToListAsync(ct))
                .Select(p => (p.InstanceId, p.EventId)));
        }

        foreach (var delivery in deliveries)
        {
            if (instances.GetValueOrDefault(delivery.InstanceId) is not { } instance
                || handled.Contains((instance.Id, delivery.EventId)) || ClaimedHere(instance.Id, delivery.EventId)) continue;
            Claim(instance, delivery.EventId);
            await Take(instance, delivery.Apply, ct);
        }
    }

    // The marker says the instance handled the event; the revision makes a concurrent claim on the instance fail.
    private ProcessedEvent Claim(PathInstance instance, Guid eventId)
    {
        var marker = new ProcessedEvent(instance.Id, eventId, Now);
        db.Add(marker);
        instance.Touch(Now);
        return marker;
    }

    // The claimed event's change, then as far as the steps go.
    private async Task Take(PathInstance instance, Apply apply, CancellationToken ct)
    {
        var definition = await library.Definition(instance.DefinitionId, ct);
        var facts = instance.Facts();
        await apply(instance, facts, definition);
        await Advance(instance, definition, facts, ct);
        instance.Keep(facts);
    }

    /// <summary>The instances an event about a person and a course concerns: the enrolment's own, and any path naming the course.</summary>
    public async Task<IReadOnlyList<Guid>> Concerned(Guid employeeId, Guid? enrolmentId, string courseSlug, CancellationToken ct) =>
        (await Concerned([new Concern(employeeId, enrolmentId, courseSlug)], ct))[0];

    /// <summary>What an event is about, for <see cref="Concerned(IReadOnlyList{Concern}, CancellationToken)"/>.</summary>
    public sealed record Concern(Guid EmployeeId, Guid? EnrolmentId, string CourseSlug);

    /// <summary>The instances each of many events concerns, in their order: one read for them all.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<Guid>>> Concerned(IReadOnlyList<Concern> concerns, CancellationToken ct)
    {
        var active = new List<(Guid Id, Guid EmployeeId, Guid EnrolmentId, Guid DefinitionId)>();
        foreach (var people in concerns.Select(c => c.EmployeeId).Distinct().Chunk(500))
            active.AddRange((await db.Set<PathInstance>().AsNoTracking()
                    .Where(i => people.Contains(i.EmployeeId) && i.Status != InstanceStatuses.Completed && i.Status != InstanceStatuses.Cancelled)
                    .Select(i => new { i.Id, i.EmployeeId, i.EnrolmentId, i.DefinitionId }).ToListAsync(ct))
                .Select(i => (i.Id, i.EmployeeId, i.EnrolmentId, i.DefinitionId)));
        var byPerson = active.ToLookup(i => i.EmployeeId);

        var result = new List<IReadOnlyList<Guid>>(concerns.Count);
        foreach (var concern in concerns)
        {
            var ids = new List<Guid>();
            foreach (var candidate in byPerson[concern.EmployeeId])
                if (candidate.EnrolmentId == concern.EnrolmentId
                    || (await library.Definition(candidate.DefinitionId, ct)).Courses.Contains(concern.CourseSlug))
                    ids.Add(candidate.Id);
            result.Add(ids);
        }
        return result;
    }

    // ------------------------------------------------------------------ further courses (blended training)

    /// <summary>
    /// A step naming a course other than the first enrolment's has begun: the learner is enrolled on it, linked to this instance,
    /// once (the facts, and the link's key should two deliveries race). An enrolment already under way on the course's default
    /// path joins this path and that default path ends, so the whole path gives one certificate and one career-record line.
    /// </summary>
    public async Task EnrolFurther(PathInstance instance, PathStep step, InstanceFacts facts, string slug, CancellationToken ct)
    {
        if (slug == instance.CourseSlug || facts.Enrolments.ContainsKey(slug)) return;
        var enrolled = await enrolments.Enrol(instance.EnrolmentId, slug, instance.Id, ct)
            ?? throw new InvalidOperationException($"Kursus '{slug}' tidak terbit atau pendaftaran pertama jalur ini tidak ada.");
        facts.Enrolments[slug] = enrolled.EnrolmentId;
        if (enrolled.LessonsDone.Count > 0)
        {
            var done = facts.Lessons.TryGetValue(slug, out var list) ? list : facts.Lessons[slug] = [];
            done.AddRange(enrolled.LessonsDone.Where(k => !done.Contains(k)));
        }
        db.Add(new PathEnrolment(instance.Id, slug, enrolled.EnrolmentId, step.Id, Now));
        History(instance, HistoryKinds.CourseEnrolled, step.Id, Actor.System, slug);
        if (enrolled.LeftPathInstanceId is { } left && left != instance.Id)
        {
            var joined = db.Set<PathInstance>().Local.FirstOrDefault(i => i.Id == left)
                ?? await db.Set<PathInstance>().FirstOrDefaultAsync(i => i.Id == left, ct);
            if (joined is { IsActive: true } && joined.PathKey.StartsWith(StoredPath.DefaultPrefix, StringComparison.Ordinal))
            {
                joined.Cancel(Outcomes.Joined, Now);
                joined.Touch(Now);
                History(joined, HistoryKinds.Cancelled, joined.CurrentStep, Actor.System, Outcomes.Joined);
            }
        }
    }

    /// <summary>Whether an enrolment runs on some instance, as its first enrolment or as a further course of a path.</summary>
    public async Task<bool> Runs(Guid enrolmentId, CancellationToken ct) =>
        db.Set<PathInstance>().Local.Any(i => i.EnrolmentId == enrolmentId)
        || db.Set<PathEnrolment>().Local.Any(e => e.EnrolmentId == enrolmentId)
        || await db.Set<PathInstance>().AnyAsync(i => i.EnrolmentId == enrolmentId, ct)
        || await db.Set<PathEnrolment>().AnyAsync(e => e.EnrolmentId == enrolmentId, ct);

    /// <summary>
    /// The person's active instances whose path attends the class (its generated path, or a written one naming it); with
    /// <paramref name="completed"/>, also those that ran to their end (a certificate issued as their last step).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> AttendingClass(Guid employeeId, Guid classId, CancellationToken ct, bool completed = false)
    {
        var active = await db.Set<PathInstance>().AsNoTracking()
            .Where(i => i.EmployeeId == employeeId && (completed || i.Status != InstanceStatuses.Completed) && i.Status != InstanceStatuses.Cancelled)
            .Select(i => new { i.Id, i.DefinitionId }).ToListAsync(ct);
        var ids = new List<Guid>();
        foreach (var candidate in active)
            if ((await library.Definition(candidate.DefinitionId, ct)).Steps.Any(s => s.Kind == StepKinds.AttendClass && s.ClassId == classId))
                ids.Add(candidate.Id);
        return ids;
    }

    // ------------------------------------------------------------------ advancing

    /// <summary>Runs steps while they are done; stops at one that waits, at the end, or at a fault.</summary>
    public async Task Advance(PathInstance instance, PathDefinition definition, InstanceFacts facts, CancellationToken ct)
    {
        for (var count = 0; instance.IsActive; count++)
        {
            var step = definition.Step(instance.CurrentStep);
            if (step is null || count == MaxStepsPerEvent)
            {
                Fault(instance, step is null ? $"Langkah '{instance.CurrentStep}' tidak ada di {definition.Key} v{definition.Version}." : "Langkah berputar tanpa henti.");
                return;
            }
            StepOutcome outcome;
            try
            {
                outcome = steps.Of(step.Kind) is { } kind
                    ? await kind.Run(new StepRun(this, instance, definition, step, facts, Now), ct)
                    // Never in practice: definitions are read with the registered kinds, and an unknown one is refused there.
                    : throw new InvalidOperationException($"Jenis langkah '{step.Kind}' tidak dikenal.");
            }
            catch (Exception e) when (e is not OperationCanceledException and not DbUpdateException)
            {
                log.LogWarning(e, "Path instance {Instance} faulted on step {Step}", instance.Id, step.Id);
                Fault(instance, $"{step.Id}: {e.Message}");
                return;
            }
            switch (outcome)
            {
                case StepOutcome.Wait:
                    instance.Wait();
                    return;
                case StepOutcome.Done(var next):
                    History(instance, HistoryKinds.StepCompleted, step.Id, Actor.System, step.Kind);
                    if (next is null)
                    {
                        instance.Complete(Now);
                        History(instance, HistoryKinds.Completed, null, Actor.System, "");
                        return;
                    }
                    instance.MoveTo(next);
                    History(instance, HistoryKinds.StepStarted, next, Actor.System, definition.Step(next)?.Kind ?? "");
                    break;
                case StepOutcome.End(var why):
                    instance.Cancel(why, Now);
                    History(instance, HistoryKinds.Cancelled, step.Id, Actor.System, why);
                    return;
            }
        }
    }

    private void Fault(PathInstance instance, string reason)
    {
        instance.Fault(reason);
        History(instance, HistoryKinds.Faulted, instance.CurrentStep, Actor.System, reason);
    }

    // ------------------------------------------------------------------ approvers

    public async Task NotifyApprover(Approval approval, PathDefinition definition, CancellationToken ct)
    {
        var learner = await Person(approval.LearnerId, ct);
        // Without a named approver (no supervisor, or escalated) it is the coordinators' to decide: each who looks after the learner hears.
        IEnumerable<Guid> approvers = approval.ApproverId is { } approver ? [approver] : (await CoordinatorsOf(approval.LearnerId, ct)).Select(c => c.Id);
        foreach (var to in approvers)
            await notifier.NotifyEmployee(to, new Notice($"path-approval:{approval.Id}:{to}:{approval.Escalations}",
                "Paths.Notices.ApprovalRequested", [learner?.Name ?? "", definition.Title], "/approvals", NoticeKind.Approvals), ct);
    }

    /// <summary>The coordinators who look after a learner (Organisation's rule, Team:CoordinatorScope). Never the learner themself.</summary>
    public Task<IReadOnlyList<EmployeeInfo>> CoordinatorsOf(Guid learnerId, CancellationToken ct) => coordinatorScope.CoordinatorsOf(learnerId, ct);

    // ------------------------------------------------------------------ history

    public void History(PathInstance instance, string kind, string? step, Actor actor, string detail)
    {
        // The history reads back by time: an entry written in the same instant as the one before it (the clock's resolution,
        // or a clock that stands still) is dated a microsecond later, as ids made in one millisecond are not in order.
        var at = Now;
        if (_lastHistory.TryGetValue(instance.Id, out var last) && at <= last) at = last.AddMicroseconds(1);
        _lastHistory[instance.Id] = at;
        db.Add(new HistoryEntry(instance.Id, at, kind, step, actor.Name, actor.Id, detail));
    }

    /// <summary>A faulted instance runs its step again (an administrator's retry).</summary>
    public async Task<bool> Retry(Guid instanceId, Actor actor, CancellationToken ct) =>
        await Deliver(instanceId, Guid.CreateVersion7(), (instance, _, _) =>
        {
            if (instance.Retry()) History(instance, HistoryKinds.Retried, instance.CurrentStep, actor, "");
            return Task.CompletedTask;
        }, ct);

    /// <summary>Renews the certificate after a passed reassessment round.</summary>
    public async Task Renew(PathInstance instance, PathDefinition definition, int round, DateOnly passedOn, Actor actor, CancellationToken ct)
    {
        var step = definition.Step(instance.CurrentStep);
        var slug = step is null ? instance.CourseSlug : definition.CourseOf(step);
        // Certification renews by the course's rule (resolved as optional while its side is being built).
        var renewed = renewals.FirstOrDefault() is { } certification && await certification.Renew(instance.EmployeeId, slug, passedOn, ct);
        instance.CloseReassessment();
        History(instance, HistoryKinds.CertificateRenewed, instance.CurrentStep, actor, renewed ? $"{slug} ({round})" : $"{slug} ({round}): -");
    }
}
