namespace Learning.Enrolments.Contracts;

/// <summary>
/// Enrol someone on a course or on a path (exactly one of the two). <paramref name="Source"/> Assigned with a due date is how an
/// assignment enrols its people; <paramref name="AssignedBy"/> is who assigned it (a path's approval that would ask them is theirs already).
/// </summary>
public sealed record EnrolmentRequest(Guid EmployeeId, string? CourseSlug, string? PathKey, EnrolmentSource Source, DateOnly? DueOn,
    Guid? AssignedBy = null);

public enum EnrolmentRefusal { None, UnknownCourse, UnknownPath }

/// <summary>
/// <paramref name="Created"/> false means the person already had an active enrolment on it, which is given back
/// (an assignment then makes it Assigned with the earlier due date).
/// </summary>
public sealed record EnrolmentOutcome(Guid? EnrolmentId, Guid? PathInstanceId, string? Status, bool Created, EnrolmentRefusal Refusal)
{
    public static EnrolmentOutcome Refused(EnrolmentRefusal refusal) => new(null, null, null, false, refusal);
}

/// <summary>How other modules (assignments, the path engine's callers) enrol people; it runs in the caller's request and saves.</summary>
public interface IEnrolmentRequests
{
    Task<EnrolmentOutcome> Enrol(EnrolmentRequest request, CancellationToken ct = default);
}
