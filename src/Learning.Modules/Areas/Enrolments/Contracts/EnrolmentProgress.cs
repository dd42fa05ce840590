namespace Learning.Enrolments.Contracts;

/// <summary>The status words of an enrolment in the API.</summary>
public static class EnrolmentStatuses
{
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    /// <summary>The path's approval was refused: the request ended, and enrolling again starts a fresh one.</summary>
    public const string Rejected = "rejected";
}

public sealed record EnrolmentInfo(
    Guid Id, Guid EmployeeId, string CourseSlug, int CourseVersion, string Status,
    DateTime StartedAt, DateTime? CompletedAt, bool AssessmentPassed, decimal? Score);

/// <summary>What the Assessments module may read and change of an enrolment.</summary>
public interface IEnrolmentProgress
{
    /// <summary>The person's own enrolment; null when it does not exist or belongs to someone else.</summary>
    Task<EnrolmentInfo?> Find(Guid enrolmentId, Guid employeeId, CancellationToken ct = default);

    /// <summary>
    /// Records a passed assessment in the caller's unit of work (the caller saves): the enrolment completes now
    /// when every lesson is done, or later when the last lesson is.
    /// </summary>
    Task MarkAssessmentPassed(Guid enrolmentId, decimal score, DateTime at, CancellationToken ct = default);

    /// <summary>
    /// The enrolment's path ended on a refused approval: an enrolment still in progress becomes rejected, in the caller's unit
    /// of work (the caller saves), so the learner may ask again.
    /// </summary>
    Task MarkRejected(Guid enrolmentId, CancellationToken ct = default);
}
