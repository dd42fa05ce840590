using Learning.Kernel;

namespace Learning.Enrolments.Contracts;

public enum EnrolmentSource { Self, Assigned }

/// <summary>
/// A person enrolled on a course (by themselves or by an assignment). Every enrolment runs on a path: <paramref name="PathKey"/>
/// names it, or null for the course's built-in default path; the path engine starts the instance <paramref name="PathInstanceId"/>.
/// <paramref name="AssignedBy"/>: the employee who assigned it (a supervisor or coordinator), for an assigned enrolment.
/// </summary>
public sealed record EnrolmentStarted(
    Guid EnrolmentId, Guid EmployeeId, string CourseSlug, EnrolmentSource Source, DateOnly? DueOn,
    Guid PathInstanceId = default, string? PathKey = null, Guid? AssignedBy = null) : DomainEvent;

/// <summary>
/// An enrolment the person already had was made an assignment by <paramref name="AssignedBy"/> (its due date may have moved).
/// The path engine takes it as that person's approval where one waits for them.
/// </summary>
public sealed record EnrolmentAssigned(Guid EnrolmentId, Guid EmployeeId, Guid AssignedBy) : DomainEvent;

/// <summary>A lesson was marked done for the first time in this enrolment.</summary>
public sealed record LessonCompleted(Guid EnrolmentId, Guid EmployeeId, string CourseSlug, string LessonKey, DateTime CompletedAt) : DomainEvent;

/// <summary>Every lesson is done and the assessment (if the course has one) is passed.</summary>
public sealed record EnrolmentCompleted(
    Guid EnrolmentId, Guid EmployeeId, string CourseSlug, int CourseVersion, decimal Jp, int Minutes,
    decimal? Score, DateTime StartedAt, DateTime CompletedAt) : DomainEvent;

/// <summary>
/// The path the enrolment runs on ended on a refused approval. Raised by the path engine, which builds on Enrolments (as it
/// implements <see cref="IEnrolmentPaths"/>), so Enrolments reacts without depending on it.
/// </summary>
public sealed record EnrolmentPathRejected(Guid EnrolmentId, Guid EmployeeId, Guid PathInstanceId) : DomainEvent;
