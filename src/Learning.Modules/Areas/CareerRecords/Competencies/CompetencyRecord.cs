using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.CareerRecords.Competencies;

public enum CompetencyRecordStatus { Active, ReassessmentDue, Lapsed }

/// <summary>
/// A competency at a level proven by one certificate: awarded when it is issued, due for reassessment when its window opens,
/// active again when renewed, lapsed when it expires. A revoked certificate's records are removed.
/// </summary>
public sealed class CompetencyRecord
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid EmployeeId { get; private set; }
    public string CompetencyCode { get; private set; } = "";
    public int Level { get; private set; }
    public Guid CertificateId { get; private set; }
    public string CertificateNumber { get; private set; } = "";
    public string CourseSlug { get; private set; } = "";
    public DateOnly AwardedOn { get; private set; }
    public DateOnly? ValidUntil { get; private set; }
    public CompetencyRecordStatus Status { get; private set; }
    public DateTime ChangedAt { get; private set; }

    private CompetencyRecord() { }

    public CompetencyRecord(Guid employeeId, string competencyCode, int level, Guid certificateId, string certificateNumber,
        string courseSlug, DateOnly awardedOn, DateOnly? validUntil, DateTime now)
    {
        EmployeeId = employeeId;
        CompetencyCode = competencyCode;
        Level = level;
        CertificateId = certificateId;
        CertificateNumber = certificateNumber;
        CourseSlug = courseSlug;
        AwardedOn = awardedOn;
        ValidUntil = validUntil;
        Status = CompetencyRecordStatus.Active;
        ChangedAt = now;
    }

    /// <summary>
    /// The window opened for these records' certificates: they still count until it closes; a lapsed record stays lapsed.
    /// Their expiry is already the certificate's (set when it was issued or renewed). One statement for a sweep's batch of
    /// certificates, not one per record.
    /// </summary>
    public static Task<int> DueForReassessment(IQueryable<CompetencyRecord> records, DateTime now, CancellationToken ct) =>
        records.Where(r => r.Status != CompetencyRecordStatus.Lapsed).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Status, CompetencyRecordStatus.ReassessmentDue)
            .SetProperty(r => r.ChangedAt, now), ct);

    public void Renew(int level, DateOnly? validUntil, DateTime now)
    {
        Level = level;
        Status = CompetencyRecordStatus.Active;
        ValidUntil = validUntil;
        ChangedAt = now;
    }

    public void Lapse(DateTime now)
    {
        Status = CompetencyRecordStatus.Lapsed;
        ChangedAt = now;
    }

    /// <summary>These records' certificates expired: they lapse, in one statement for a sweep's batch.</summary>
    public static Task<int> Lapse(IQueryable<CompetencyRecord> records, DateTime now, CancellationToken ct) =>
        records.ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Status, CompetencyRecordStatus.Lapsed)
            .SetProperty(r => r.ChangedAt, now), ct);
}

public static class CompetencyWords
{
    public static string Name(this CompetencyRecordStatus status) => status switch
    {
        CompetencyRecordStatus.Active => "active",
        CompetencyRecordStatus.ReassessmentDue => "reassessment-due",
        _ => "lapsed",
    };
}
