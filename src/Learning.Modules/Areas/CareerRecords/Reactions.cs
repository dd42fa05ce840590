using Learning.Certification.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.CareerRecords;

/// <summary>A certificate becomes a verified training line in the same transaction.</summary>
internal sealed class RecordTrainingWhenCertificateIssued(LearningDbContext db, CareerRecordsOptions options, TimeProvider clock)
    : IDomainEventHandler<CertificateIssued>
{
    public async Task Handle(CertificateIssued issued, CancellationToken ct)
    {
        if (await db.Set<Training>().AnyAsync(t => t.CertificateId == issued.CertificateId, ct)) return;
        db.Add(Training.FromCertificate(issued.EmployeeId, issued.HolderNip, issued.UnitCode, issued.CertificateId, issued.Number,
            issued.Code, issued.CourseTitle, options.Institution,
            // A course taken in a class (or a stand-alone class) is classical training in SIASN, dated by the class's days;
            // self-paced stays e-learning.
            issued.Class is null ? options.PlatformJenisDiklat : options.ClassJenisDiklat,
            issued.Class is null ? options.PlatformJenisKursus : options.ClassJenisKursus, issued.Jp,
            issued.Class?.FirstDay ?? issued.StartedOn, issued.Class?.LastDay ?? issued.IssuedOn, issued.PdfBlobName, clock.GetUtcNow().UtcDateTime));
    }
}

/// <summary>A revoked certificate stops counting towards the JP ledger and leaves the export.</summary>
internal sealed class WithdrawTrainingWhenCertificateRevoked(LearningDbContext db) : IDomainEventHandler<CertificateRevoked>
{
    public async Task Handle(CertificateRevoked revoked, CancellationToken ct)
    {
        var training = await db.Set<Training>().FirstOrDefaultAsync(t => t.CertificateId == revoked.CertificateId, ct);
        training?.Withdraw(revoked.Reason, revoked.RevokedAt);
    }
}
