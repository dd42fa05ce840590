namespace Learning.Assessments.Contracts;

/// <summary>What an assessment needs to know of the enrolment it is sat on.</summary>
public sealed record AssessedEnrolment(Guid Id, Guid EmployeeId, string CourseSlug, bool AssessmentPassed);

/// <summary>
/// Implemented by Enrolments, which builds on Assessments (it reacts to <see cref="AssessmentPassed"/>), so Assessments never
/// depends on it.
/// </summary>
public interface IAssessedEnrolments
{
    /// <summary>The person's own enrolment; null when it does not exist or belongs to someone else.</summary>
    Task<AssessedEnrolment?> Find(Guid enrolmentId, Guid employeeId, CancellationToken ct = default);

    /// <summary>
    /// Null when the assessment of the enrolment may be sat now; otherwise why not, in the reader's language (e.g. its path
    /// waits for the supervisor's approval, or a cool-down after a failed attempt).
    /// </summary>
    Task<string?> Hold(Guid enrolmentId, CancellationToken ct = default);
}
