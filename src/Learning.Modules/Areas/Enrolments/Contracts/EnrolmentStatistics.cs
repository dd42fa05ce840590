namespace Learning.Enrolments.Contracts;

/// <summary>One enrolment as reports see it: no lessons, no answers.</summary>
public sealed record EnrolmentFact(
    Guid EnrolmentId, Guid EmployeeId, string CourseSlug, string Status, EnrolmentSource Source, DateOnly? DueOn,
    DateTime StartedAt, DateTime? CompletedAt, decimal? Score);

/// <summary>Read-only facts for coordinator reports, streamed so a city's history never sits in memory at once.</summary>
public interface IEnrolmentStatistics
{
    /// <summary>Every enrolment, or only those on <paramref name="courseSlug"/>.</summary>
    IAsyncEnumerable<EnrolmentFact> Stream(string? courseSlug = null, CancellationToken ct = default);
}
