using Learning.Courses.Contracts;
using Learning.Kernel;

namespace Learning.Certification.Contracts;

/// <summary>A certificate was issued for a completed course: everything the career record needs, so it never reads our tables.</summary>
public sealed record CertificateIssued(
    Guid CertificateId, string Number, string Code, Guid EmployeeId, string HolderNip, string HolderName, string UnitCode,
    string CourseSlug, string CourseTitle, decimal Jp, int Minutes, IReadOnlyList<CompetencyAward> Competencies,
    DateOnly StartedOn, DateOnly IssuedOn, DateOnly? ValidUntil, string PdfBlobName, string VerificationUrl) : DomainEvent;

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
