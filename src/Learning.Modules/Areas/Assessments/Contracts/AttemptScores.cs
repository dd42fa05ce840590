namespace Learning.Assessments.Contracts;

/// <summary>A graded attempt's score (0–100) and when it was handed in: no questions, no answers.</summary>
public sealed record AttemptScore(Guid EmployeeId, DateTime SubmittedAt, decimal Score, bool Passed);

/// <summary>Scores of a course's graded attempts, for the pre-test/post-test gain of training evaluation (Kirkpatrick level 2).</summary>
public interface IAttemptScores
{
    /// <summary>Graded (submitted or expired) attempts at the course, of the people named or of everyone when null, oldest first.</summary>
    Task<IReadOnlyList<AttemptScore>> Of(string courseSlug, IReadOnlyCollection<Guid>? employeeIds, CancellationToken ct = default);
}
