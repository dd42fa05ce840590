namespace Learning.Certification.Contracts;

/// <summary>A certificate the synthetic city (<c>generate-data</c>) issued.</summary>
/// <param name="ExpiredOn">Set when the certificate ran out before today (the sweep expired it the day after its last valid day).</param>
public sealed record SyntheticCertificate(Guid Id, string Number, string Code, Guid EmployeeId, string Nip, string UnitCode,
    string CourseSlug, string CourseTitle, decimal Jp, DateOnly StartedOn, DateOnly IssuedOn, DateOnly? ValidUntil, string PdfBlobName,
    Guid EnrolmentId, DateOnly? ExpiredOn);
