using Learning.Audit.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Learning.Paths.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Paths.Engine;

public enum DecideOutcome { Decided, NotFound, AlreadyDecided }

/// <summary>Who is asking: their employee id (if any) and whether they act as a coordinator (coordinators and administrators).</summary>
public sealed record Caller(Guid? EmployeeId, Guid? UserId, bool IsCoordinator);

/// <summary>The approval inbox: what waits for the caller, deciding once, and time-outs (escalate, approve or reject as the step says).</summary>
public sealed class Approvals(
    LearningDbContext db, PathEngine engine, PathLibrary library, INotifier notifier, IAuditLog audit, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IQueryable<Approval> VisibleTo(Caller caller) => db.Set<Approval>()
        .Where(a => (caller.EmployeeId != null && a.ApproverId == caller.EmployeeId)
                    || (caller.IsCoordinator && a.ApproverRole == StepWords.Coordinator && a.LearnerId != caller.EmployeeId)
                    || (caller.EmployeeId != null && a.DecidedBy == caller.EmployeeId));

    public async Task<IReadOnlyList<Approval>> Pending(Caller caller, CancellationToken ct) =>
        await VisibleTo(caller).AsNoTracking().Where(a => a.Status == ApprovalStatuses.Pending).OrderBy(a => a.RequestedAt).ToListAsync(ct);

    /// <summary>How many wait for the caller's decision (the menu's badge): the same as <see cref="Pending"/>, counted.</summary>
    public Task<int> CountPending(Caller caller, CancellationToken ct) =>
        VisibleTo(caller).CountAsync(a => a.Status == ApprovalStatuses.Pending, ct);

    /// <summary>Only the approver (or a coordinator, where the step asks a coordinator) decides; anyone else is told it does not exist.</summary>
    public async Task<DecideOutcome> Decide(Guid approvalId, Caller caller, bool approve, string? reason, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var approval = await VisibleTo(caller).FirstOrDefaultAsync(a => a.Id == approvalId, ct);
        if (approval is null) return DecideOutcome.NotFound;
        var actor = caller.EmployeeId is { } me ? await engine.ActorOf(me, ct) : new Actor("admin", caller.UserId);
        if (!approval.Decide(approve, reason, caller.EmployeeId ?? caller.UserId, actor.Name, Now)) return DecideOutcome.AlreadyDecided;
        try
        {
            // Save the decision first: of two decisions at once the approval's revision lets one through.
            await db.SaveChangesAsync(ct);
            await Settle(approval, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DecideOutcome.AlreadyDecided;
        }
        await engine.Deliver(approval.InstanceId, approval.Id, async (instance, facts, definition) =>
        {
            facts.Decisions[approval.StepId] = approval.Status;
            engine.History(instance, HistoryKinds.ApprovalDecided, approval.StepId, actor,
                reason is { Length: > 0 } ? $"{approval.Status}: {reason}" : approval.Status);
            audit.Record(AuditActions.ApprovalDecided, (await engine.ActorOf(approval.LearnerId, ct)).Name,
                $"{approval.Status}: {definition.Title}{(reason is { Length: > 0 } ? ": " + reason : "")}");
            await notifier.NotifyEmployee(instance.EmployeeId, new Notice($"path-decision:{approval.Id}",
                approve ? "Paths.Notices.Approved" : "Paths.Notices.Rejected", [definition.Title, actor.Name, reason ?? ""],
                $"/paths/instances/{instance.Id}", NoticeKind.Approvals), ct);
        }, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return DecideOutcome.Decided;
    }

    /// <summary>
    /// A due timer: an approval still pending is escalated (to the approver's own supervisor, else to the coordinators),
    /// approved or rejected, as its step says. Each timer fires once.
    /// </summary>
    public async Task<bool> TimeOut(Guid timerId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var timer = await db.Set<PathTimer>().FirstOrDefaultAsync(t => t.Id == timerId, ct);
        if (timer is null || timer.FiredAt is not null) return false;
        timer.Fire(Now);
        var approval = timer.ApprovalId is { } id ? await db.Set<Approval>().FirstOrDefaultAsync(a => a.Id == id, ct) : null;
        if (approval is { IsPending: true })
            await engine.Deliver(timer.InstanceId, timer.Id, async (instance, facts, definition) =>
            {
                var step = definition.Step(approval.StepId);
                var rule = step?.OnTimeout ?? StepWords.Escalate;
                engine.History(instance, HistoryKinds.ApprovalTimedOut, approval.StepId, Actor.System, rule);
                if (rule == StepWords.Escalate)
                {
                    await Escalate(instance, approval, step, definition, ct);
                    return;
                }
                approval.Decide(rule == StepWords.Approve, null, null, Actor.System.Name, Now);
                await Settle(approval, ct);
                facts.Decisions[approval.StepId] = approval.Status;
                engine.History(instance, HistoryKinds.ApprovalDecided, approval.StepId, Actor.System, approval.Status);
            }, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The approver left (their account was deactivated): what waits for them goes up a level at once, as a time-out would
    /// take it, so nobody's request waits for someone who will never sign in again. Runs in the deactivation's transaction.
    /// </summary>
    public async Task Reroute(Guid departedApproverId, Guid eventId, CancellationToken ct)
    {
        var waiting = await db.Set<Approval>().Where(a => a.ApproverId == departedApproverId && a.Status == ApprovalStatuses.Pending).ToListAsync(ct);
        foreach (var approval in waiting)
        {
            // The departed approver's own time-out must not take it up a second level later.
            foreach (var timer in await db.Set<PathTimer>().Where(t => t.ApprovalId == approval.Id && t.FiredAt == null).ToListAsync(ct))
                timer.Fire(Now);
            await engine.Deliver(approval.InstanceId, eventId, async (instance, _, definition) =>
                await Escalate(instance, approval, definition.Step(approval.StepId), definition, ct), ct);
        }
    }

    private async Task Escalate(PathInstance instance, Approval approval, PathStep? step, PathDefinition definition, CancellationToken ct)
    {
        var above = approval.ApproverId is { } current ? (await engine.Person(current, ct))?.SupervisorId : null;
        // A supervisor who has left cannot decide either: then it is the coordinators'.
        if (above is { } next && (await engine.Person(next, ct))?.Active != true) above = null;
        if (above is null && approval.ApproverRole == StepWords.Coordinator) return; // nobody above the coordinators: it stays with them
        var role = above is null ? StepWords.Coordinator : StepWords.Supervisor;
        DateTime? due = above is not null && step?.Timeout is { } timeout ? Now + timeout : null;
        await Settle(approval, ct); // it is no longer theirs to decide: the notice of the one before stops asking

        approval.Escalate(above, role, due);
        if (due is { } at) db.Add(new PathTimer(instance.Id, approval.Id, PathTimer.ApprovalTimeout, at));
        engine.History(instance, HistoryKinds.ApprovalEscalated, approval.StepId, Actor.System,
            above is { } a ? (await engine.ActorOf(a, ct)).Name : StepWords.Coordinator);
        await engine.NotifyApprover(approval, definition, ct);
    }

    /// <summary>
    /// The approval notices of every recipient (the supervisor, each coordinator, those before an escalation) stop showing as new
    /// once it is decided or moved on: one coordinator deciding answers it for all.
    /// </summary>
    private Task<int> Settle(Approval approval, CancellationToken ct) => notifier.Settle($"path-approval:{approval.Id}:", ct);

    /// <summary>
    /// <paramref name="assignedBy"/> assigned the enrolment: an approval of its path waiting for exactly them is approved in their
    /// name (they decided by assigning), in the assignment's transaction.
    /// </summary>
    public async Task ApproveAssigned(Guid enrolmentId, Guid assignedBy, Guid eventId, CancellationToken ct)
    {
        var instances = db.Set<PathInstance>().Where(i => i.EnrolmentId == enrolmentId).Select(i => i.Id);
        var waiting = await db.Set<Approval>()
            .Where(a => instances.Contains(a.InstanceId) && a.ApproverId == assignedBy && a.Status == ApprovalStatuses.Pending).ToListAsync(ct);
        if (waiting.Count == 0) return;
        var actor = await engine.ActorOf(assignedBy, ct);
        foreach (var approval in waiting)
        {
            approval.Decide(true, null, assignedBy, actor.Name, Now);
            await Settle(approval, ct);
            foreach (var timer in await db.Set<PathTimer>().Where(t => t.ApprovalId == approval.Id && t.FiredAt == null).ToListAsync(ct))
                timer.Fire(Now);
            await engine.Deliver(approval.InstanceId, eventId, async (instance, facts, definition) =>
            {
                facts.Decisions[approval.StepId] = approval.Status;
                engine.History(instance, HistoryKinds.ApprovalDecided, approval.StepId, actor, approval.Status);
                await notifier.NotifyEmployee(instance.EmployeeId, new Notice($"path-decision:{approval.Id}", "Paths.Notices.Approved",
                    [definition.Title, actor.Name, ""], $"/paths/instances/{instance.Id}", NoticeKind.Approvals), ct);
            }, ct);
        }
    }

    /// <summary>Timers due by <paramref name="asOf"/>, oldest first, a batch at a time.</summary>
    public async Task<IReadOnlyList<Guid>> Due(DateTime asOf, int batch, CancellationToken ct) =>
        await db.Set<PathTimer>().AsNoTracking().Where(t => t.FiredAt == null && t.DueAt <= asOf)
            .OrderBy(t => t.DueAt).Select(t => t.Id).Take(batch).ToListAsync(ct);

    public Task<PathDefinition> DefinitionOf(PathInstance instance, CancellationToken ct) => library.Definition(instance.DefinitionId, ct);
}

/// <summary>path-timers: approval time-outs and any other path timer that is due, swept every minute (schedules are rows).</summary>
public sealed class PathTimersJob(IServiceScopeFactory scopes) : ScheduledJob
{
    private const int Batch = 100;

    public override async Task<int> Run(DateTimeOffset asOf, CancellationToken ct)
    {
        var handled = 0;
        var seen = new HashSet<Guid>();
        while (true)
        {
            IReadOnlyList<Guid> due;
            await using (var scope = scopes.CreateAsyncScope())
                due = await scope.ServiceProvider.GetRequiredService<Approvals>().Due(asOf.UtcDateTime, Batch, ct);
            var fresh = due.Where(seen.Add).ToList();
            if (fresh.Count == 0) return handled;
            foreach (var id in fresh)
            {
                // One scope (one unit of work) per timer: one that fails leaves the others handled.
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<Approvals>().TimeOut(id, ct)) handled++;
            }
        }
    }
}
