using Learning.Courses.Contracts;
using Learning.Kernel;

namespace Learning.Certification.Contracts;

/// <summary>A certificate was issued for a completed course: everything the career record needs, so it never reads our tables.</summary>
public sealed record CertificateIssued(
    Guid CertificateId, string Number, string Code, Guid EmployeeId, string HolderNip, string HolderName, string UnitCode,
    string CourseSlug, string CourseTitle, decimal Jp, int Minutes, IReadOnlyList<CompetencyAward> Competencies,
    DateOnly StartedOn, DateOnly IssuedOn, DateOnly? ValidUntil, string PdfBlobName, string VerificationUrl,
    ClassDates? Class = null) : DomainEvent;

/// <summary>A certificate earned in a class (classical training): the class's title and its first and last day in the city's zone.</summary>
public sealed record ClassDates(Guid ClassId, string Title, DateOnly FirstDay, DateOnly LastDay);

/// <summary>A coordinator withdrew a certificate, with a reason.</summary>
public sealed record CertificateRevoked(Guid CertificateId, string Number, Guid EmployeeId, string Reason, DateTime RevokedAt) : DomainEvent;

/// <summary>The status words of DESIGN.md (API values; pages translate them).</summary>
public enum CertificateStatus { Valid, ReassessmentDue, Expired, Revoked }

public static class CertificateWords
{
    public static string Name(this CertificateStatus status) => status switch
    {
        CertificateStatus.Valid => "valid",
        CertificateStatus.ReassessmentDue => "reassessment-due",
        CertificateStatus.Expired => "expired",
        _ => "revoked",
    };
}

/// <summary>
/// The certificate's recertification window opened: the holder must pass a reassessment by <paramref name="WindowClosesOn"/>
/// (its expiry) or it expires and its competencies lapse.
/// </summary>
public sealed record CertificateReassessmentDue(
    Guid CertificateId, string Number, Guid EmployeeId, string CourseSlug, IReadOnlyList<CompetencyAward> Competencies,
    DateOnly ValidUntil, DateOnly WindowClosesOn) : DomainEvent;

/// <summary>A passed reassessment renewed the certificate by its rule; its competencies stay active.</summary>
public sealed record CertificateRenewed(
    Guid CertificateId, string Number, Guid EmployeeId, string CourseSlug, IReadOnlyList<CompetencyAward> Competencies,
    DateOnly RenewedOn, DateOnly? ValidUntil) : DomainEvent;

/// <summary>The window closed without a pass: the certificate no longer proves its competencies, which lapse.</summary>
public sealed record CertificateExpired(
    Guid CertificateId, string Number, Guid EmployeeId, string CourseSlug, IReadOnlyList<CompetencyAward> Competencies,
    DateOnly ExpiredOn) : DomainEvent;
