namespace Learning.Enrolments.Contracts;

/// <summary>An enrolment the synthetic city (<c>generate-data</c>) wrote.</summary>
/// <param name="FailedAttempts">Failed attempts before the pass (or before giving up, for an unfinished one).</param>
/// <param name="LessonsDone">The course's first lessons, in order, that were done.</param>
/// <param name="DueOn">Set for an enrolment a supervisor assigned (source Assigned): the due date.</param>
public sealed record SyntheticEnrolment(Guid Id, Guid EmployeeId, string CourseSlug, DateTime StartedAt, DateTime? CompletedAt,
    decimal? Score, int FailedAttempts, int LessonsDone, Guid PathInstanceId, DateOnly? DueOn);
