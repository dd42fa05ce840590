namespace Learning.Classes.Contracts;

/// <summary>A class open for registration, as an assignment's author chooses it (times UTC; the page shows them in city time).</summary>
public sealed record OpenClassInfo(Guid Id, string Title, string? CourseSlug, DateTime? FirstStartsAt, DateTime? LastEndsAt);

/// <summary>
/// One person's place after an assignment asked for it: the registration (new, or the open one they had — <paramref name="Already"/>),
/// its status word (RegistrationStatuses) and the enrolment its path runs on (null for a stand-alone class); or a problem.
/// </summary>
public sealed record ClassPlaceResult(Guid? RegistrationId, string? Status, Guid? EnrolmentId, Guid? PathInstanceId, bool Already,
    string? Problem, int StatusCode)
{
    public bool Succeeded => Problem is null;
}

/// <summary>How Assignments assigns a class: through the class registrations (the one place that decides places), never its tables.</summary>
public interface IClassAssigning
{
    /// <summary>Classes whose registration is open now, soonest first.</summary>
    Task<IReadOnlyList<OpenClassInfo>> Open(CancellationToken ct);

    Task<OpenClassInfo?> Find(Guid classId, CancellationToken ct);

    /// <summary>Null when <paramref name="byEmployeeId"/> may register the person now (or they hold an open registration already); else the problem. Writes nothing.</summary>
    Task<ClassPlaceResult?> Check(Guid classId, Guid employeeId, Guid byEmployeeId, CancellationToken ct);

    /// <summary>Registers the person by <paramref name="byEmployeeId"/> (their approval), or reports the open registration they already have.</summary>
    Task<ClassPlaceResult> Place(Guid classId, Guid employeeId, Guid byEmployeeId, CancellationToken ct);
}
