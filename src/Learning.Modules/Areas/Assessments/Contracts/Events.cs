using Learning.Kernel;

namespace Learning.Assessments.Contracts;

/// <summary>An attempt was graded at or above the pass mark. <paramref name="Round"/> 0 is the course itself, 1… a reassessment round.</summary>
public sealed record AssessmentPassed(
    Guid AttemptId, Guid EnrolmentId, Guid EmployeeId, string CourseSlug, int AttemptNumber, decimal Score, DateTime At, int Round = 0) : DomainEvent;

/// <summary>An attempt was graded below the pass mark, or its time ran out.</summary>
public sealed record AssessmentFailed(
    Guid AttemptId, Guid EnrolmentId, Guid EmployeeId, string CourseSlug, int AttemptNumber, decimal Score, int? AttemptsLeft, DateTime At,
    int Round = 0) : DomainEvent;
