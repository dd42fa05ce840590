using Learning.Classes.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Evaluations.Contracts;
using Learning.Kernel;
using Learning.Paths.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Learning.Paths.Engine;

/// <summary>
/// How a class registration runs on the path engine (Classes' contract, implemented here).
/// A class of a course: the registration enrols the person on the course on the class's generated path "class:&lt;class id&gt;"
/// (PathLibrary.ClassYaml), so the post-test is the course's assessment on that enrolment and the certificate is the course's;
/// when the person already has an enrolment in progress on the course, the class's path starts as a second instance on that
/// enrolment (their self-paced progress stays theirs). A stand-alone class has no course and so no enrolment: its instance runs
/// with the registration's id in place of an enrolment id and an empty course, and its path is the approval and attend-class.
/// </summary>
internal sealed class ClassPaths(
    IClassPlaces places, PathLibrary library, PathEngine engine, IEnrolmentRequests enrolments) : IClassPaths
{
    public async Task<ClassPathStarted?> Start(Guid registrationId, Guid classId, Guid employeeId, Guid? approvedBy, CancellationToken ct)
    {
        var rules = await places.Rules(classId, ct) ?? throw new InvalidOperationException($"Class {classId} is gone.");
        var stored = await library.ClassPathFor(rules, ct);
        // The one whose registering is the approval (the person's supervisor, an assignment's author) assigns it: an approval that
        // would ask them is theirs already (RequestApprovalStep).
        Guid? by = approvedBy is { } b && b != employeeId ? b : null;
        var actor = await engine.ActorOf(by ?? employeeId, ct);
        if (rules.CourseSlug is { } slug)
        {
            var outcome = await enrolments.Enrol(new EnrolmentRequest(employeeId, null, stored.Key,
                by is null ? EnrolmentSource.Self : EnrolmentSource.Assigned, null, by), ct);
            // The course was withdrawn since the class was scheduled: nothing to run on; the caller rolls back what this wrote.
            if (outcome.EnrolmentId is not { } enrolmentId) return null;
            if (outcome.Created && outcome.PathInstanceId is { } started) return new ClassPathStarted(enrolmentId, started);
            var second = await engine.Start(Guid.CreateVersion7(), enrolmentId, employeeId, slug, stored.Key, Guid.CreateVersion7(), actor, ct, by);
            return new ClassPathStarted(enrolmentId, second.Id);
        }
        var instance = await engine.Start(Guid.CreateVersion7(), registrationId, employeeId, "", stored.Key, Guid.CreateVersion7(), actor, ct, by);
        return new ClassPathStarted(null, instance.Id);
    }

    public async Task Cancelled(Guid? pathInstanceId, CancellationToken ct)
    {
        if (pathInstanceId is not { } id) return;
        await engine.Deliver(id, Guid.CreateVersion7(), (instance, _, _) =>
        {
            if (instance.IsActive)
            {
                instance.Cancel(Outcomes.RegistrationCancelled, DateTime.UtcNow);
                engine.History(instance, HistoryKinds.Cancelled, instance.CurrentStep, Actor.System, Outcomes.RegistrationCancelled);
            }
            return Task.CompletedTask;
        }, ct);
    }
}

/// <summary>A person was present at a session: the attend-class step of their path for that class checks its rules again.</summary>
internal sealed class AdvancePathWhenAttendanceRecorded(PathEngine engine) : IDomainEventHandler<AttendanceRecorded>
{
    public async Task Handle(AttendanceRecorded e, CancellationToken ct)
    {
        foreach (var id in await engine.AttendingClass(e.EmployeeId, e.ClassId, ct))
            await engine.Deliver(id, e.EventId, (instance, _, _) =>
            {
                engine.History(instance, HistoryKinds.AttendanceRecorded, instance.CurrentStep, Actor.System, e.Method);
                return Task.CompletedTask;
            }, ct);
    }
}

/// <summary>The reaction form of a class was submitted: noted on the person's path for the class, which may then be done.</summary>
internal sealed class AdvancePathWhenEvaluationSubmitted(PathEngine engine) : IDomainEventHandler<EvaluationSubmitted>
{
    public async Task Handle(EvaluationSubmitted e, CancellationToken ct)
    {
        if (e.SubjectKind != EvaluationSubjects.Class || !Guid.TryParse(e.SubjectId, out var classId)) return;
        foreach (var id in await engine.AttendingClass(e.EmployeeId, classId, ct))
            await engine.Deliver(id, e.EventId, (instance, facts, _) =>
            {
                if (!facts.Evaluated.Contains(e.SubjectId)) facts.Evaluated.Add(classId.ToString());
                engine.History(instance, HistoryKinds.EvaluationSubmitted, instance.CurrentStep, Actor.System, "");
                return Task.CompletedTask;
            }, ct);
    }
}

/// <summary>
/// A trainer's roll correction took a person's attendance at a session away. While the attend-class step is current it simply
/// checks its rules again (it was waiting and still waits). Once passed but before the certificate (waiting on the post-test), a
/// requirement no longer met brings the path back to attend-class, the registration open again. After the certificate the
/// certificate stands and the history says so: withdrawing a certificate is a coordinator's decision with a reason (revocation,
/// which also takes the JP off the career record), never a side effect of a roll edit, which may be undone a minute later.
/// </summary>
internal sealed class ReturnToClassWhenAttendanceWithdrawn(PathEngine engine, IClassPlaces places, IClassCompletions completions)
    : IDomainEventHandler<AttendanceWithdrawn>
{
    public async Task Handle(AttendanceWithdrawn e, CancellationToken ct)
    {
        foreach (var id in await engine.AttendingClass(e.EmployeeId, e.ClassId, ct, completed: true))
            await engine.Deliver(id, e.EventId, async (instance, facts, definition) =>
            {
                var attend = definition.Steps.First(s => s.Kind == StepKinds.AttendClass && s.ClassId == e.ClassId);
                var slug = definition.CourseOf(attend);
                var progress = await places.Progress(e.ClassId, e.EmployeeId, ct);
                var count = $"{progress.SessionsAttended}/{progress.SessionsHeld}";
                if (facts.Certificates.ContainsKey(slug))
                {
                    engine.History(instance, HistoryKinds.CertificateKept, instance.CurrentStep, Actor.System, count);
                    return;
                }
                engine.History(instance, HistoryKinds.AttendanceWithdrawn, instance.CurrentStep, Actor.System, count);
                // Current (the engine runs it again after this) or not reached yet, or the rules are still met: nothing more.
                if (!instance.IsActive || instance.CurrentStep == attend.Id || progress.AttendanceMet
                    || progress.RegistrationStatus != RegistrationStatuses.Completed) return;
                if (!await completions.Reopen(e.ClassId, e.EmployeeId, ct)) return;
                // Completing the class again dates the course's completion anew (AttendClassStep); a passed post-test still counts.
                facts.Completed.Remove(slug);
                instance.MoveTo(attend.Id);
                engine.History(instance, HistoryKinds.ReturnedToClass, attend.Id, Actor.System, count);
            }, ct);
    }
}
