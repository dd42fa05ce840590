using Learning.Kernel;

namespace Learning.Courses.Contracts;

/// <summary>A course version became the one learners take (first publication, a publish, or a changed import).</summary>
public sealed record CoursePublished(Guid CourseId, string Slug, int Version) : DomainEvent;

/// <summary>A published course went back to draft: new enrolments stop, existing ones go on.</summary>
public sealed record CourseUnpublished(Guid CourseId, string Slug) : DomainEvent;

/// <summary>A course was retired from the catalogue.</summary>
public sealed record CourseArchived(Guid CourseId, string Slug) : DomainEvent;
