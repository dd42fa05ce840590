using Learning.Certification.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;

namespace Learning.Certification;

/// <summary>The holder is told of the new expiry; the expiry is in the key, so the next cycle's renewal is a new notice.</summary>
internal sealed class NotifyHolderWhenCertificateRenewed(LearningDbContext db, INotifier notifier) : IDomainEventHandler<CertificateRenewed>
{
    public async Task Handle(CertificateRenewed e, CancellationToken ct)
    {
        if (e.ValidUntil is not { } validUntil || await db.Set<Certificate>().FindAsync([e.CertificateId], ct) is not { } certificate) return;
        var until = validUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await notifier.NotifyEmployee(e.EmployeeId, new Notice($"certificate-renewed:{e.CertificateId}:{until}", "Certification.Notice.Renewed",
            [certificate.CourseTitle, e.Number, until], $"/certificates/verify/{certificate.Code}"), ct);
    }
}
