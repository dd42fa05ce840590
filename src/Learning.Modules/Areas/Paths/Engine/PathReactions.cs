using Learning.Assessments.Contracts;
using Learning.Certification.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Learning.Paths.Engine;

// The path engine's reactions, listed in one place (Moodle's events.php): each delivers the event to the instances it concerns,
// in the transaction of the change that raised it.

internal sealed class StartPathWhenEnrolmentStarted(PathEngine engine) : IDomainEventHandler<EnrolmentStarted>
{
    public async Task Handle(EnrolmentStarted started, CancellationToken ct)
    {
        var actor = started.Source == EnrolmentSource.Self ? await engine.ActorOf(started.EmployeeId, ct)
            : started.AssignedBy is { } by ? await engine.ActorOf(by, ct)
            : new Actor("penugasan", null);
        var id = started.PathInstanceId == Guid.Empty ? Guid.CreateVersion7() : started.PathInstanceId;
        await engine.Start(id, started.EnrolmentId, started.EmployeeId, started.CourseSlug, started.PathKey, started.EventId, actor, ct,
            started.Source == EnrolmentSource.Assigned ? started.AssignedBy : null);
    }
}

/// <summary>Someone assigns what a person already asked for: the approval waiting for that very someone is theirs, given.</summary>
internal sealed class ApproveWhenEnrolmentAssigned(Approvals approvals) : IDomainEventHandler<EnrolmentAssigned>
{
    public Task Handle(EnrolmentAssigned e, CancellationToken ct) => approvals.ApproveAssigned(e.EnrolmentId, e.AssignedBy, e.EventId, ct);
}

internal sealed class RerouteApprovalsWhenApproverDeactivated(Approvals approvals) : IDomainEventHandler<EmployeeDeactivated>
{
    public Task Handle(EmployeeDeactivated e, CancellationToken ct) => approvals.Reroute(e.EmployeeId, e.EventId, ct);
}

internal sealed class AdvancePathWhenLessonCompleted(PathEngine engine) : IDomainEventHandler<LessonCompleted>
{
    public async Task Handle(LessonCompleted e, CancellationToken ct)
    {
        var actor = await engine.ActorOf(e.EmployeeId, ct);
        foreach (var id in await engine.Concerned(e.EmployeeId, e.EnrolmentId, e.CourseSlug, ct))
            await engine.Deliver(id, e.EventId, (instance, facts, _) =>
            {
                var done = facts.Lessons.TryGetValue(e.CourseSlug, out var list) ? list : facts.Lessons[e.CourseSlug] = [];
                if (!done.Contains(e.LessonKey)) done.Add(e.LessonKey);
                engine.History(instance, HistoryKinds.LessonCompleted, instance.CurrentStep, actor, $"{e.CourseSlug}/{e.LessonKey}");
                return Task.CompletedTask;
            }, ct);
    }
}

internal sealed class AdvancePathWhenEnrolmentCompleted(PathEngine engine) : IDomainEventHandler<EnrolmentCompleted>
{
    public async Task Handle(EnrolmentCompleted e, CancellationToken ct)
    {
        // An enrolment from before the path engine has no instance: it runs the course's default path from here.
        // A path's further course (blended training) runs on that path's instance: no default path of its own.
        if (!await engine.Runs(e.EnrolmentId, ct))
            await engine.Start(Guid.CreateVersion7(), e.EnrolmentId, e.EmployeeId, e.CourseSlug, null, Guid.CreateVersion7(), Actor.System, ct);

        var actor = await engine.ActorOf(e.EmployeeId, ct);
        foreach (var id in await engine.Concerned(e.EmployeeId, e.EnrolmentId, e.CourseSlug, ct))
            await engine.Deliver(id, e.EventId, (instance, facts, _) =>
            {
                facts.Completed[e.CourseSlug] = new CourseCompletion(e.EnrolmentId, e.Jp, e.Minutes, e.StartedAt, e.CompletedAt);
                if (e.Score is { } score && (!facts.Passed.TryGetValue(e.CourseSlug, out var best) || score > best)) facts.Passed[e.CourseSlug] = score;
                engine.History(instance, HistoryKinds.CourseCompleted, instance.CurrentStep, actor, e.CourseSlug);
                return Task.CompletedTask;
            }, ct);
    }
}

internal sealed class AdvancePathWhenAssessmentPassed(PathEngine engine, TimeProvider clock) : IDomainEventHandler<AssessmentPassed>
{
    public async Task Handle(AssessmentPassed e, CancellationToken ct)
    {
        var actor = await engine.ActorOf(e.EmployeeId, ct);
        foreach (var id in await engine.Concerned(e.EmployeeId, e.EnrolmentId, e.CourseSlug, ct))
            await engine.Deliver(id, e.EventId, async (instance, facts, definition) =>
            {
                engine.History(instance, HistoryKinds.AssessmentPassed, instance.CurrentStep, actor,
                    $"{e.CourseSlug}: {e.Score:0.#} ({e.AttemptNumber})");
                if (e.Round > 0)
                {
                    if (instance.ReassessmentOpen && instance.ReassessmentRound == e.Round)
                        await engine.Renew(instance, definition, e.Round, clock.LocalDate(e.At), actor, ct);
                    return;
                }
                if (!facts.Passed.TryGetValue(e.CourseSlug, out var best) || e.Score > best) facts.Passed[e.CourseSlug] = e.Score;
            }, ct);
    }
}

internal sealed class AdvancePathWhenAssessmentFailed(PathEngine engine) : IDomainEventHandler<AssessmentFailed>
{
    public async Task Handle(AssessmentFailed e, CancellationToken ct)
    {
        var actor = await engine.ActorOf(e.EmployeeId, ct);
        foreach (var id in await engine.Concerned(e.EmployeeId, e.EnrolmentId, e.CourseSlug, ct))
            await engine.Deliver(id, e.EventId, (instance, facts, _) =>
            {
                engine.History(instance, HistoryKinds.AssessmentFailed, instance.CurrentStep, actor,
                    $"{e.CourseSlug}: {e.Score:0.#} ({e.AttemptNumber})");
                if (e.Round == 0)
                {
                    facts.Failures[e.CourseSlug] = facts.Failures.GetValueOrDefault(e.CourseSlug) + 1;
                    facts.LastFailureAt[e.CourseSlug] = e.At;
                }
                return Task.CompletedTask;
            }, ct);
    }
}

/// <summary>
/// The certificate's window opened: the instance waiting on its reassess step opens a round of fresh attempts. The sweep opens
/// hundreds of windows in one save, so they are delivered together.
/// </summary>
internal sealed class OpenReassessmentWhenCertificateReassessmentDue(PathEngine engine)
    : IDomainEventBatchHandler<CertificateReassessmentDue>
{
    public async Task HandleAll(IReadOnlyList<CertificateReassessmentDue> due, CancellationToken ct)
    {
        var concerned = await engine.Concerned(due.Select(e => new PathEngine.Concern(e.EmployeeId, null, e.CourseSlug)).ToList(), ct);
        await engine.DeliverAll(due.SelectMany((e, n) => concerned[n].Select(id => new PathEngine.Delivery(id, e.EventId, (instance, _, definition) =>
        {
            if (definition.Step(instance.CurrentStep) is { Kind: Definitions.StepKinds.Reassess } step
                && definition.CourseOf(step) == e.CourseSlug && !instance.ReassessmentOpen)
            {
                instance.OpenReassessment();
                // The learner hears of it once, from the sweep that opened the window (Certification.Notice.ReassessmentDue).
                engine.History(instance, HistoryKinds.ReassessmentOpened, step.Id, Actor.System, $"{e.Number}: {e.WindowClosesOn:yyyy-MM-dd}");
            }
            return Task.CompletedTask;
        }))).ToList(), ct);
    }
}

/// <summary>
/// The window closed without a pass: the reassessment ends and the instance completes with the outcome "lapsed"
/// (a new enrolment on the course starts a new instance). Delivered together, as the sweep expires many at once.
/// </summary>
internal sealed class EndReassessmentWhenCertificateExpired(PathEngine engine) : IDomainEventBatchHandler<CertificateExpired>
{
    public async Task HandleAll(IReadOnlyList<CertificateExpired> expired, CancellationToken ct)
    {
        var concerned = await engine.Concerned(expired.Select(e => new PathEngine.Concern(e.EmployeeId, null, e.CourseSlug)).ToList(), ct);
        await engine.DeliverAll(expired.SelectMany((e, n) => concerned[n].Select(id => new PathEngine.Delivery(id, e.EventId, (instance, _, definition) =>
        {
            if (definition.Step(instance.CurrentStep) is not { Kind: Definitions.StepKinds.Reassess } step
                || definition.CourseOf(step) != e.CourseSlug) return Task.CompletedTask;
            instance.CloseReassessment();
            engine.History(instance, HistoryKinds.CertificateExpired, step.Id, Actor.System, $"{e.Number}: {e.ExpiredOn:yyyy-MM-dd}");
            instance.Complete(e.ExpiredOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Outcomes.Lapsed);
            engine.History(instance, HistoryKinds.Completed, step.Id, Actor.System, Outcomes.Lapsed);
            return Task.CompletedTask;
        }))).ToList(), ct);
    }
}
