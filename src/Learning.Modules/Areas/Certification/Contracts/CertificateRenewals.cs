namespace Learning.Certification.Contracts;

/// <summary>
/// The path engine's way to renew a certificate after a passed reassessment, in the caller's transaction (the caller saves).
/// The Certification module owns the dates: it applies the course's recertification rule and raises <see cref="CertificateRenewed"/>.
/// </summary>
public interface ICertificateRenewals
{
    /// <summary>
    /// Renews the holder's current certificate for the course when it is valid or reassessment-due; false when there is none
    /// (revoked, expired, never issued) or it was already renewed on that day.
    /// </summary>
    Task<bool> Renew(Guid employeeId, string courseSlug, DateOnly passedOn, CancellationToken ct = default);
}
