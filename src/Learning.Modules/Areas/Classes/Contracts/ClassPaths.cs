namespace Learning.Classes.Contracts;

/// <summary>What the path engine needs to know of a class to build its path: the completion rules and what the certificate carries.</summary>
public sealed record ClassRules(
    Guid Id, string? CourseSlug, string Title, decimal Jp, string? Competencies, string Approval, decimal AttendanceShare, bool PostTest,
    bool Evaluation, DateTime? FirstSessionAt, DateTime? LastSessionEndsAt);

/// <summary>Where a registration's path went: the enrolment on the class's course (null for a stand-alone class) and the instance.</summary>
public sealed record ClassPathStarted(Guid? EnrolmentId, Guid PathInstanceId);

/// <summary>
/// Implemented by the path engine (which builds on Classes), so Classes starts each registration's path without depending on it.
/// Resolved as optional: without the Paths module a registration only holds a place.
/// </summary>
public interface IClassPaths
{
    /// <summary>
    /// Starts the registration's path (the class's generated path "class:&lt;id&gt;") in the caller's transaction; it saves.
    /// <paramref name="approvedBy"/>: the one whose registering is the approval (the person's own supervisor, or an assignment's
    /// author), or null when an approval step must ask. Null when the path cannot start because the class's course is not
    /// published (withdrawn since the class was scheduled): the caller rolls the registration back.
    /// </summary>
    Task<ClassPathStarted?> Start(Guid registrationId, Guid classId, Guid employeeId, Guid? approvedBy, CancellationToken ct);

    /// <summary>The registration was cancelled: its path ends (cancelled), in the caller's transaction.</summary>
    Task Cancelled(Guid? pathInstanceId, CancellationToken ct);
}

/// <summary>How far a person is with a class's completion rules.</summary>
public sealed record ClassProgress(int SessionsAttended, int SessionsHeld, int SessionsRequired, bool AttendanceMet, string? RegistrationStatus);

/// <summary>
/// What the path engine asks of and tells Classes about one person's registration: the attend-class step claims a place
/// (registered or waitlisted) once the approval is given, and marks the registration rejected or completed. In the caller's
/// transaction; the caller saves (the class's revision makes two claims at once retry).
/// </summary>
public interface IClassPlaces
{
    Task<ClassRules?> Rules(Guid classId, CancellationToken ct);

    /// <summary>The person's open registration claims a place now (nothing when it holds one or waits in the queue already). Its status after.</summary>
    Task<string?> Claim(Guid classId, Guid employeeId, CancellationToken ct);

    /// <summary>The approval was refused (or timed out refused): the registration is rejected; a place it held is freed for the queue.</summary>
    Task Reject(Guid classId, Guid employeeId, string? reason, CancellationToken ct);

    /// <summary>Attendance so far against the class's share of its non-cancelled sessions.</summary>
    Task<ClassProgress> Progress(Guid classId, Guid employeeId, CancellationToken ct);

    /// <summary>The completion rules are met: the registration is completed.</summary>
    Task Complete(Guid classId, Guid employeeId, CancellationToken ct);
}

/// <summary>
/// What the path engine tells Classes when a withdrawn attendance (a trainer's roll correction) takes a completed registration's
/// requirements away before its certificate was issued: the registration is open again, holding the place it held, so the
/// attend-class step waits for attendance anew. In the caller's transaction; the caller saves.
/// </summary>
public interface IClassCompletions
{
    /// <summary>False when the person has no completed registration for the class (or holds another open one).</summary>
    Task<bool> Reopen(Guid classId, Guid employeeId, CancellationToken ct);
}
