using Learning.Kernel;
using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Microsoft.Extensions.Localization;

namespace Learning.Paths.Steps;

/// <summary>
/// request-approval: the learner's supervisor (or a coordinator) decides; waits for the decision, which goes on (approved), to
/// <c>on-reject</c> or ends the path (rejected). A <c>timeout</c> escalates, approves or rejects (<see cref="Approvals"/>).
/// </summary>
public sealed class RequestApprovalStep(LearningDbContext db, IStringLocalizer text) : IPathStep
{
    public string Kind => StepKinds.RequestApproval;

    public IReadOnlyList<string> Fields { get; } = ["approver", "timeout", "on-timeout", "on-reject"];

    public PathStep Read(PathYaml.Fields map, PathStep step)
    {
        var approver = map.Text("approver", required: false);
        if (approver is null) map.Problem(map.Line, "MissingApprover", step.Id, string.Join(" | ", StepWords.Approvers));
        else if (!StepWords.Approvers.Contains(approver)) map.Problem(map.LineOf("approver"), "UnknownApprover", approver, string.Join(" | ", StepWords.Approvers));
        var timeout = map.Duration("timeout");
        var onTimeout = map.Text("on-timeout", required: false);
        if (onTimeout is not null && !StepWords.OnTimeout.Contains(onTimeout))
            map.Problem(map.LineOf("on-timeout"), "UnknownOnTimeout", onTimeout, string.Join(" | ", StepWords.OnTimeout));
        if (onTimeout is not null && timeout is null && map.Get("timeout", false) is null) map.Problem(map.LineOf("on-timeout"), "OnTimeoutWithoutTimeout");
        return step with
        {
            Approver = approver, Timeout = timeout, OnTimeout = onTimeout ?? (timeout is null ? null : StepWords.Escalate),
            OnReject = map.Text("on-reject", required: false),
        };
    }

    public async Task<StepOutcome> Run(StepRun run, CancellationToken ct)
    {
        var (step, facts) = (run.Step, run.Facts);
        if (facts.Decisions.TryGetValue(step.Id, out var decision))
            return decision == ApprovalStatuses.Approved ? run.Done()
                : step.OnReject is { } target ? run.GoTo(target) : run.End(Outcomes.Rejected);
        if (!facts.Requested.Contains(step.Id))
        {
            // Assigned by the very person it would ask: they decided by assigning, so nobody is asked to approve it again. On a class's
            // path a coordinator registering (or assigning) the person decides as well (InstanceFacts.AssignerApproves).
            if (facts.AssignedBy is { } by && (facts.AssignerApproves || await ApproverOf(run, ct) is (var approver, _) && approver == by))
            {
                facts.Decisions[step.Id] = ApprovalStatuses.Approved;
                run.History(HistoryKinds.ApprovalDecided, ApprovalStatuses.Approved, await run.Engine.ActorOf(by, ct));
                return run.Done();
            }
            await Request(run, ct);
            facts.Requested.Add(step.Id);
        }
        return StepOutcome.Waiting;
    }

    private async Task Request(StepRun run, CancellationToken ct)
    {
        var (engine, instance, step) = (run.Engine, run.Instance, run.Step);
        var (approverId, role) = await ApproverOf(run, ct);
        DateTime? due = step.Timeout is { } timeout ? run.Now + timeout : null;
        var approval = new Approval(instance.Id, step.Id, instance.EmployeeId, approverId, role, run.Now, due);
        db.Add(approval);
        if (due is { } at) db.Add(new PathTimer(instance.Id, approval.Id, PathTimer.ApprovalTimeout, at));
        run.History(HistoryKinds.ApprovalRequested, approverId is { } a ? (await engine.ActorOf(a, ct)).Name : StepWords.Coordinator);
        await engine.NotifyApprover(approval, run.Definition, ct);
    }

    /// <summary>The learner's supervisor; nobody above them means a coordinator decides.</summary>
    private static async Task<(Guid? Id, string Role)> ApproverOf(StepRun run, CancellationToken ct) =>
        run.Step.Approver == StepWords.Supervisor && (await run.Engine.Person(run.Instance.EmployeeId, ct))?.SupervisorId is { } boss
            ? (boss, StepWords.Supervisor)
            : (null, StepWords.Coordinator);

    public string Describe(PathStep step, string courses) =>
        step.Approver == StepWords.Coordinator ? text["Paths.Step.ApprovalCoordinator"] : text["Paths.Step.ApprovalSupervisor"];
}
