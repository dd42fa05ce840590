using System.Security.Cryptography;
using System.Text.Json;
using Learning.Certification.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;

namespace Learning.Certification;

public sealed class Certificate : AggregateRoot
{
    /// <summary>The recertification window of a course that sets a validity but no window of its own.</summary>
    public const int DefaultWindowDays = 30;

    public Guid Id { get; private set; } = Ids.New();
    public string Number { get; private set; } = "";
    public string Code { get; private set; } = "";
    public Guid EnrolmentId { get; private set; }
    public Guid EmployeeId { get; private set; }
    public string HolderName { get; private set; } = "";
    public string HolderNip { get; private set; } = "";
    public string UnitCode { get; private set; } = "";
    public string CourseSlug { get; private set; } = "";
    public string CourseTitle { get; private set; } = "";
    public int CourseVersion { get; private set; }
    public decimal Jp { get; private set; }
    public int Minutes { get; private set; }
    public string CompetenciesJson { get; private set; } = "[]";
    public DateOnly StartedOn { get; private set; }
    /// <summary>Set when the course was taken in a class (classical training): the class, its title, first and last day (city's zone).</summary>
    public Guid? ClassId { get; private set; }
    public string? ClassTitle { get; private set; }
    public DateOnly? ClassFirstDay { get; private set; }
    public DateOnly? ClassLastDay { get; private set; }
    public DateOnly IssuedOn { get; private set; }
    public DateOnly? ValidUntil { get; private set; }
    public int? RecertificationWindowDays { get; private set; }
    /// <summary>When the reassessment-sweep opens the recertification window; null for a certificate that never expires.</summary>
    public DateOnly? ReassessmentOpensOn { get; private set; }
    /// <summary>Moved by the reassessment-sweep (valid → reassessment-due → expired), a renewal (→ valid) and revocation.</summary>
    public CertificateStatus Status { get; private set; }
    public DateOnly? LastRenewedOn { get; private set; }
    public string? RevocationReason { get; private set; }
    public Guid? RevokedBy { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public string PdfBlobName { get; private set; } = "";
    /// <summary>What the QR code carries, kept so anyone can check the PDF against it.</summary>
    public string VerificationUrl { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    /// <summary>Concurrency token: the sweep, a renewal and a revocation at one moment never overwrite each other.</summary>
    public int Revision { get; private set; }

    private Certificate() { }

    public ClassDates? Class => ClassId is { } id && ClassFirstDay is { } first && ClassLastDay is { } last
        ? new ClassDates(id, ClassTitle ?? "", first, last) : null;

    public IReadOnlyList<CompetencyAward> Competencies => JsonSerializer.Deserialize<List<CompetencyAward>>(CompetenciesJson) ?? [];

    public static Certificate Issue(
        string number, string code, Guid enrolmentId, Guid employeeId, string holderName, string holderNip, string unitCode,
        CourseSummary course, IReadOnlyList<CompetencyAward> competencies, decimal jp, int minutes,
        DateOnly startedOn, DateOnly issuedOn, DateOnly? validUntil, int? windowDays, string publicUrl, DateTime now,
        ClassDates? inClass = null)
    {
        var certificate = new Certificate
        {
            Number = number, Code = code, EnrolmentId = enrolmentId, EmployeeId = employeeId,
            HolderName = holderName, HolderNip = holderNip, UnitCode = unitCode,
            CourseSlug = course.Slug, CourseTitle = course.Title, CourseVersion = course.Version,
            Jp = jp, Minutes = minutes, CompetenciesJson = JsonSerializer.Serialize(competencies),
            StartedOn = startedOn, IssuedOn = issuedOn, ValidUntil = validUntil, RecertificationWindowDays = windowDays,
            Status = CertificateStatus.Valid, CreatedAt = now,
            ReassessmentOpensOn = validUntil?.AddDays(-Math.Max(0, windowDays ?? DefaultWindowDays)),
            ClassId = inClass?.ClassId, ClassTitle = inClass?.Title, ClassFirstDay = inClass?.FirstDay, ClassLastDay = inClass?.LastDay,
        };
        certificate.PdfBlobName = $"certificates/{issuedOn.Year}/{code}.pdf";
        certificate.VerificationUrl = $"{publicUrl.TrimEnd('/')}/certificates/verify/{code}";
        certificate.Raise(new CertificateIssued(certificate.Id, number, code, employeeId, holderNip, holderName, unitCode,
            course.Slug, course.Title, jp, minutes, competencies, startedOn, issuedOn, validUntil,
            certificate.PdfBlobName, certificate.VerificationUrl, inClass));
        return certificate;
    }

    /// <summary>
    /// The stored status, except that a certificate past its expiry never reads as valid, even before the sweep has run
    /// (public verification must not vouch for it).
    /// </summary>
    public CertificateStatus StatusOn(DateOnly today) =>
        Status is CertificateStatus.Valid or CertificateStatus.ReassessmentDue && ValidUntil is { } until && today > until
            ? CertificateStatus.Expired
            : Status;

    /// <summary>The recertification window opened; false when it was already open or the certificate is no longer valid.</summary>
    public bool OpenReassessment()
    {
        if (Status != CertificateStatus.Valid || ValidUntil is not { } until) return false;
        Status = CertificateStatus.ReassessmentDue;
        Revision++;
        Raise(new CertificateReassessmentDue(Id, Number, EmployeeId, CourseSlug, Competencies, until, until));
        return true;
    }

    /// <summary>The window closed without a pass; false when it was already expired or revoked.</summary>
    public bool Expire(DateOnly on)
    {
        if (Status is not (CertificateStatus.Valid or CertificateStatus.ReassessmentDue)) return false;
        Status = CertificateStatus.Expired;
        Revision++;
        Raise(new CertificateExpired(Id, Number, EmployeeId, CourseSlug, Competencies, on));
        return true;
    }

    /// <summary>A passed reassessment: valid again until <paramref name="validUntil"/>. False when it cannot be renewed or already was today.</summary>
    public bool Renew(DateOnly passedOn, DateOnly validUntil, int windowDays)
    {
        if (Status is not (CertificateStatus.Valid or CertificateStatus.ReassessmentDue) || ValidUntil is not { } until || passedOn > until) return false;
        if (LastRenewedOn == passedOn) return false;
        Status = CertificateStatus.Valid;
        Revision++;
        ValidUntil = validUntil;
        RecertificationWindowDays = windowDays;
        ReassessmentOpensOn = validUntil.AddDays(-Math.Max(0, windowDays));
        LastRenewedOn = passedOn;
        Raise(new CertificateRenewed(Id, Number, EmployeeId, CourseSlug, Competencies, passedOn, validUntil));
        return true;
    }

    /// <summary>False when it was already revoked: the first reason stands.</summary>
    public bool Revoke(string reason, Guid by, DateTime at)
    {
        if (Status == CertificateStatus.Revoked) return false;
        Status = CertificateStatus.Revoked;
        Revision++;
        RevocationReason = reason;
        RevokedBy = by;
        RevokedAt = at;
        Raise(new CertificateRevoked(Id, Number, EmployeeId, reason, at));
        return true;
    }
}

/// <summary>The last sequence number given per unit and year; incremented inside the issuing transaction.</summary>
public sealed class CertificateCounter
{
    public string UnitCode { get; private set; } = "";
    public int Year { get; private set; }
    public int Last { get; private set; }
}

public static class CertificateNumbers
{
    /// <summary>"DISDUKCAPIL/2026/000123".</summary>
    public static string Format(string unitCode, int year, int sequence) => $"{unitCode.ToUpperInvariant()}/{year:D4}/{sequence:D6}";

    /// <summary>160 random bits in lower-case base32 (32 characters): unguessable, and safe in URLs and blob names.</summary>
    public static string NewCode() => Base32(RandomNumberGenerator.GetBytes(20));

    public static bool LooksLikeCode(string value) => value.Length == 32 && value.All(c => Alphabet.Contains(c));

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    internal static string Base32(ReadOnlySpan<byte> bytes)
    {
        var result = new char[(bytes.Length * 8 + 4) / 5];
        int buffer = 0, bits = 0, i = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                result[i++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
            buffer &= (1 << bits) - 1; // keep only the bits not yet written
        }
        if (bits > 0) result[i++] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(result, 0, i);
    }

    /// <summary>Only the first six and last two digits show: "199005**********01".</summary>
    public static string MaskNip(string nip) =>
        nip.Length <= 8 ? new string('*', nip.Length) : nip[..6] + new string('*', nip.Length - 8) + nip[^2..];
}
