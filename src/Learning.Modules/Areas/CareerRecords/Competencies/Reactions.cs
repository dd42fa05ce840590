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

internal sealed class MarkCompetenciesWhenCertificateReassessmentDue(LearningDbContext db, TimeProvider clock) : IDomainEventHandler<CertificateReassessmentDue>
{
    public async Task Handle(CertificateReassessmentDue due, CancellationToken ct)
    {
        foreach (var record in await db.Set<CompetencyRecord>().Where(r => r.CertificateId == due.CertificateId).ToListAsync(ct))
            record.DueForReassessment(due.ValidUntil, clock.GetUtcNow().UtcDateTime);
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

internal sealed class LapseCompetenciesWhenCertificateExpired(LearningDbContext db, TimeProvider clock) : IDomainEventHandler<CertificateExpired>
{
    public async Task Handle(CertificateExpired expired, CancellationToken ct)
    {
        foreach (var record in await db.Set<CompetencyRecord>().Where(r => r.CertificateId == expired.CertificateId).ToListAsync(ct))
            record.Lapse(clock.GetUtcNow().UtcDateTime);
    }
}
