using Learning.Certification.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Certification;

/// <summary>
/// The daily heartbeat of recertification: opens the window of every certificate whose reassessment is due, and expires every
/// certificate whose window closed without a pass. Batches of <see cref="BatchSize"/>, each in its own scope and transaction,
/// so memory stays flat and a run killed midway leaves whole batches done and the rest for the next run; the status change is
/// the guard, so a second run (or a catch-up after downtime) changes nothing and notifies nobody twice.
/// </summary>
internal sealed class ReassessmentSweepJob(IServiceScopeFactory scopes, TimeProvider clock) : ScheduledJob
{
    public const string Name = "reassessment-sweep";
    // Enough certificates that one read and one write of each kind serve them all; few enough to keep the peak near 250 MB.
    public const int BatchSize = 250;
    // A batch's save fails whole when a learner's own request moved one of its path instances at the same moment
    // (PathEngine.DeliverAll): it is then run again from the start.
    private const int Attempts = 3;

    public override async Task<int> Run(DateTimeOffset asOf, CancellationToken ct)
    {
        var today = clock.LocalDate(asOf);
        var handled = 0;
        // Expire first: a certificate whose whole window passed during downtime expires once, without a window notice first.
        // Each pass walks the certificates once in id order, a batch after the last id seen (never from the start again).
        foreach (var expire in new[] { true, false })
            for (Guid? after = null; await Retried(() => Batch(today, expire, after, ct)) is ({ } last, var n); after = last) handled += n;
        return handled;
    }

    private static async Task<(Guid? Last, int Count)> Retried(Func<Task<(Guid?, int)>> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await batch(); }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts) { }
        }
    }

    private async Task<(Guid? Last, int Count)> Batch(DateOnly today, bool expire, Guid? after, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<LearningDbContext>();
        var certificates = db.Set<Certificate>();
        var due = expire
            ? certificates.Where(c => (c.Status == CertificateStatus.Valid || c.Status == CertificateStatus.ReassessmentDue) && c.ValidUntil < today)
            : certificates.Where(c => c.Status == CertificateStatus.Valid && c.ReassessmentOpensOn <= today && c.ValidUntil >= today);
        if (after is { } last) due = due.Where(c => c.Id > last);
        var batch = await due.OrderBy(c => c.Id).Take(BatchSize).ToListAsync(ct);
        if (batch.Count == 0) return (null, 0);

        // Expire and OpenReassessment raise the events whose handlers tell the holders (and, of an expiry, their supervisors).
        foreach (var certificate in batch)
            if (expire) certificate.Expire(today);
            else certificate.OpenReassessment();
        await db.SaveChangesAsync(ct);
        return (batch[^1].Id, batch.Count);
    }
}

/// <summary>
/// Renewal after a passed reassessment, for the path engine: the new expiry by the course's rule, and a fresh PDF. The holder is told
/// through CertificateRenewed.
/// </summary>
internal sealed class CertificateRenewals(
    LearningDbContext db, ICourseCatalog courses, IOutbox outbox, TimeProvider clock) : ICertificateRenewals
{
    public async Task<bool> Renew(Guid employeeId, string courseSlug, DateOnly passedOn, CancellationToken ct)
    {
        var certificate = await db.Set<Certificate>()
            .Where(c => c.EmployeeId == employeeId && c.CourseSlug == courseSlug
                && (c.Status == CertificateStatus.Valid || c.Status == CertificateStatus.ReassessmentDue))
            .OrderByDescending(c => c.ValidUntil).FirstOrDefaultAsync(ct);
        if (certificate?.ValidUntil is not { } previous) return false;
        var course = await courses.Find(courseSlug, ct);
        if (course?.Certificate is not { ValidityMonths: > 0 and var months } rule) return false;

        var window = rule.Recertification?.WindowDays ?? Certificate.DefaultWindowDays;
        var validUntil = rule.Recertification is { } recert
            ? Contracts.Recertification.NewExpiry(recert, months, passedOn, previous)
            : passedOn.AddMonths(months);
        if (!certificate.Renew(passedOn, validUntil, window)) return false;
        db.Add(new CertificateRenewal(certificate.Id, passedOn, previous, validUntil, clock.GetUtcNow().UtcDateTime));

        // The PDF states the expiry, so the renewed certificate gets a new one under the same name (and QR code), after commit.
        outbox.Enqueue(new WriteCertificatePdf(certificate.Id));
        return true;
    }
}

/// <summary>One renewal of a certificate: when, and the expiry before and after (the audit trail of recertification).</summary>
public sealed class CertificateRenewal
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid CertificateId { get; private set; }
    public DateOnly RenewedOn { get; private set; }
    public DateOnly PreviousValidUntil { get; private set; }
    public DateOnly ValidUntil { get; private set; }
    public DateTime RecordedAt { get; private set; }

    private CertificateRenewal() { }

    public CertificateRenewal(Guid certificateId, DateOnly renewedOn, DateOnly previousValidUntil, DateOnly validUntil, DateTime recordedAt)
    {
        CertificateId = certificateId; RenewedOn = renewedOn; PreviousValidUntil = previousValidUntil; ValidUntil = validUntil; RecordedAt = recordedAt;
    }
}
