using Learning.Classes.Contracts;
using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Microsoft.Extensions.Localization;

namespace Learning.Paths.Steps;

/// <summary>
/// attend-class: the person attends a class (<c>class</c>: its id; <c>course</c>: the course it is a class of, if any). Coming to
/// the step (after the approval) claims a place: registered, or waitlisted until a place frees. Done when the class's completion
/// rules are met: attendance at its share of the held sessions (Attendance rows, re-read on AttendanceRecorded) and the reaction
/// form when required (EvaluationSubmitted); the registration is then completed, and the course counts as completed for the
/// certificate, dated by the class's first and last session (a stand-alone class: the class itself, under the empty course, on the
/// registration's id). The post-test, where required, is the pass-assessment step after it. A withdrawn attendance may bring the
/// path back here (ClassPaths: ReturnToClassWhenAttendanceWithdrawn).
/// </summary>
public sealed class AttendClassStep(IClassPlaces places, IStringLocalizer text) : IPathStep
{
    public string Kind => StepKinds.AttendClass;

    public IReadOnlyList<string> Fields { get; } = ["class", "course"];

    public PathStep Read(PathYaml.Fields map, PathStep step)
    {
        var raw = map.Text("class", required: true);
        Guid? id = null;
        if (raw is not null)
        {
            if (Guid.TryParse(raw, out var parsed)) id = parsed;
            else map.Problem(map.LineOf("class"), "BadClass", raw);
        }
        return step with { ClassId = id, Courses = map.OneCourse(required: false) };
    }

    public async Task<StepOutcome> Run(StepRun run, CancellationToken ct)
    {
        var (instance, step, facts) = (run.Instance, run.Step, run.Facts);
        var classId = step.ClassId!.Value;
        var status = await places.Claim(classId, instance.EmployeeId, ct);
        if (status is null)
        {
            // No open registration: completed before (a retried delivery), else cancelled or rejected elsewhere.
            var progress = await places.Progress(classId, instance.EmployeeId, ct);
            return progress.RegistrationStatus == RegistrationStatuses.Completed ? Finish(run, progress, await places.Rules(classId, ct))
                : run.End(progress.RegistrationStatus ?? RegistrationStatuses.Cancelled);
        }
        if (!facts.ClassPlaces.TryGetValue(step.Id, out var seen) || seen != status)
        {
            facts.ClassPlaces[step.Id] = status;
            run.History(HistoryKinds.ClassPlace, status);
        }
        if (status != RegistrationStatuses.Registered) return StepOutcome.Waiting;

        var rules = await places.Rules(classId, ct);
        var now = await places.Progress(classId, instance.EmployeeId, ct);
        if (rules is null || !now.AttendanceMet || (rules.Evaluation && !facts.Evaluated.Contains(classId.ToString()))) return StepOutcome.Waiting;
        await places.Complete(classId, instance.EmployeeId, ct);
        return Finish(run, now, rules);
    }

    private static StepOutcome Finish(StepRun run, ClassProgress progress, ClassRules? rules)
    {
        var (instance, facts) = (run.Instance, run.Facts);
        // A stand-alone class counts under the empty course (its path names none), on its registration's id, so its
        // issue-certificate step certifies the class itself.
        if (rules is not null && (rules.CourseSlug ?? "") is var slug && !facts.Completed.ContainsKey(slug))
        {
            var from = rules.FirstSessionAt ?? run.Now;
            var until = rules.LastSessionEndsAt is { } end && end <= run.Now ? end : run.Now;
            facts.Completed[slug] = new CourseCompletion(instance.EnrolmentId, rules.Jp, (int)Math.Round((double)rules.Jp * 45), from, until);
        }
        run.History(HistoryKinds.ClassCompleted, $"{progress.SessionsAttended}/{progress.SessionsHeld}");
        return run.Done();
    }

    public string Describe(PathStep step, string courses) => text["Paths.Step.AttendClass"];
}
