namespace Learning.Enrolments.Contracts;

/// <summary>How an assignment moves an assigned enrolment's due date when a supervisor grants more time.</summary>
public interface IEnrolmentDueDates
{
    /// <summary>Sets the due date of an assigned enrolment, in the caller's transaction; nothing happens to other enrolments.</summary>
    Task Extend(Guid enrolmentId, DateOnly dueOn, CancellationToken ct = default);
}
