using Learning.Certification.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.CareerRecords.Competencies;

/// <summary>A certificate proves the competencies its course awards, at their levels, until it is valid no more.</summary>
internal sealed class RecordCompetenciesWhenCertificateIssued(LearningDbContext db, TimeProvider clock) : IDomainEventHandler<CertificateIssued>
{
    public async Task Handle(CertificateIssued issued, CancellationToken ct)
    {
        var existing = await db.Set<CompetencyRecord>().Where(r => r.CertificateId == issued.CertificateId).Select(r => r.CompetencyCode).ToListAsync(ct);
        foreach (var award in issued.Competencies.Where(a => !existing.Contains(a.Code)))
            db.Add(new CompetencyRecord(issued.EmployeeId, award.Code, award.Level, issued.CertificateId, issued.Number, issued.CourseSlug,
                issued.IssuedOn, issued.ValidUntil, clock.GetUtcNow().UtcDateTime));
    }
}

/// <summary>A revoked certificate never proved anything: its competency records go.</summary>
internal sealed class RemoveCompetenciesWhenCertificateRevoked(LearningDbContext db) : IDomainEventHandler<CertificateRevoked>
{
    public async Task Handle(CertificateRevoked revoked, CancellationToken ct) =>
        db.RemoveRange(await db.Set<CompetencyRecord>().Where(r => r.CertificateId == revoked.CertificateId).ToListAsync(ct));
}

/// <summary>
/// The window opened: the competencies a certificate proves are due for reassessment. Written straight to the table in one
/// statement, as a sweep's batch names hundreds of certificates (nothing here tracks those rows).
/// </summary>
internal sealed class MarkCompetenciesWhenCertificateReassessmentDue(LearningDbContext db, TimeProvider clock)
    : IDomainEventBatchHandler<CertificateReassessmentDue>
{
    public async Task HandleAll(IReadOnlyList<CertificateReassessmentDue> due, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var ids in due.Select(e => e.CertificateId).Chunk(500))
            await CompetencyRecord.DueForReassessment(db.Set<CompetencyRecord>().Where(r => ids.Contains(r.CertificateId)), now, ct);
        db.MoveStamps(due.Select(e => e.EmployeeId));
    }
}

/// <summary>A passed reassessment keeps the competencies active for the renewed validity (awarding any the course added since).</summary>
internal sealed class RenewCompetenciesWhenCertificateRenewed(LearningDbContext db, TimeProvider clock) : IDomainEventHandler<CertificateRenewed>
{
    public async Task Handle(CertificateRenewed renewed, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var records = await db.Set<CompetencyRecord>().Where(r => r.CertificateId == renewed.CertificateId).ToListAsync(ct);
        foreach (var award in renewed.Competencies)
        {
            if (records.FirstOrDefault(r => r.CompetencyCode == award.Code) is { } record) record.Renew(award.Level, renewed.ValidUntil, now);
            else db.Add(new CompetencyRecord(renewed.EmployeeId, award.Code, award.Level, renewed.CertificateId, renewed.Number,
                renewed.CourseSlug, renewed.RenewedOn, renewed.ValidUntil, now));
        }
        // Competencies the course no longer awards are not renewed.
        foreach (var record in records.Where(r => !renewed.Competencies.Any(a => a.Code == r.CompetencyCode))) record.Lapse(now);
    }
}

/// <summary>The window closed without a pass: the competencies the certificate proved lapse (straight to the table, as above).</summary>
internal sealed class LapseCompetenciesWhenCertificateExpired(LearningDbContext db, TimeProvider clock) : IDomainEventBatchHandler<CertificateExpired>
{
    public async Task HandleAll(IReadOnlyList<CertificateExpired> expired, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var ids in expired.Select(e => e.CertificateId).Chunk(500))
            await CompetencyRecord.Lapse(db.Set<CompetencyRecord>().Where(r => ids.Contains(r.CertificateId)), now, ct);
        db.MoveStamps(expired.Select(e => e.EmployeeId));
    }
}
