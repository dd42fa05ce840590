namespace Learning.Assessments.Contracts;

/// <summary>
/// How one question fared: <paramref name="Difficulty"/> is the share answering it right (0–1, higher is easier);
/// <paramref name="Discrimination"/> the share right in the upper 27% of attempts (by score) minus the share right in
/// the lower 27%, null when either group never saw the question.
/// </summary>
public sealed record ItemStatistic(string QuestionId, int Answered, int Correct, decimal Difficulty, decimal? Discrimination);

/// <param name="GroupSize">Attempts in each of the upper and lower groups.</param>
public sealed record ItemAnalysis(string CourseSlug, int Attempts, int GroupSize, IReadOnlyList<ItemStatistic> Items);

/// <summary>Item analysis of a course's graded attempts, for coordinator reports.</summary>
public interface IItemStatistics
{
    Task<ItemAnalysis> For(string courseSlug, CancellationToken ct = default);

    /// <summary>The course of the most recently submitted attempt, so a report opens on one that has figures; null when none.</summary>
    Task<string?> LatestAttemptedCourse(CancellationToken ct = default);
}
