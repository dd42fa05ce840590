using Learning.Courses.Contracts;

namespace Learning.Certification.Contracts;

/// <summary>
/// What a certificate is issued for: a completed enrolment. The overrides come from a path's <c>issue-certificate</c> step
/// (validity in months, JP credited, competencies and levels awarded); null keeps the course's own. A stand-alone class's certificate
/// has no course: <c>CourseSlug</c> "" with <c>Class</c> set, and the enrolment id is its registration's.
/// </summary>
public sealed record CertificateRequest(
    Guid EnrolmentId, Guid EmployeeId, string CourseSlug, decimal Jp, int Minutes, DateTime StartedAt, DateTime CompletedAt,
    int? ValidityMonths = null, decimal? JpOverride = null, IReadOnlyList<CompetencyAward>? Competencies = null,
    ClassTraining? Class = null);

/// <summary>The class the course was taken in (a class path's certificate): its title and the span of its non-cancelled sessions.</summary>
public sealed record ClassTraining(Guid ClassId, string Title, DateTime FirstSessionAt, DateTime LastSessionEndsAt);

public sealed record IssuedCertificate(Guid CertificateId, string Number, bool Created);

/// <summary>
/// The path engine's <c>issue-certificate</c> step: issues the certificate of a completed enrolment in the caller's transaction
/// (the caller saves). Exactly one per enrolment: asking again gives the one already issued back.
/// </summary>
public interface ICertificateIssuer
{
    Task<IssuedCertificate> Issue(CertificateRequest request, CancellationToken ct = default);
}
