using System.Globalization;
using Learning.Certification.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certification;

// Certification's own reactions: telling holders (and their supervisors) what happened to their certificates. The sweep raises
// hundreds of windows and expiries in one save, so those notices are written together.

/// <summary>The holder is told of the new expiry; the expiry is in the key, so the next cycle's renewal is a new notice.</summary>
internal sealed class NotifyHolderWhenCertificateRenewed(LearningDbContext db, INotifier notifier) : IDomainEventHandler<CertificateRenewed>
{
    public async Task Handle(CertificateRenewed e, CancellationToken ct)
    {
        if (e.ValidUntil is not { } validUntil || await db.Set<Certificate>().FindAsync([e.CertificateId], ct) is not { } certificate) return;
        var until = Day(validUntil);
        await notifier.NotifyEmployee(e.EmployeeId, new Notice($"certificate-renewed:{e.CertificateId}:{until}", "Certification.Notice.Renewed",
            [certificate.CourseTitle, e.Number, until], $"/certificates/verify/{certificate.Code}", NoticeKind.Reminders), ct);
    }

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The holder is told the window is open and until when; the expiry is in the key, so the next cycle's window is a new notice.</summary>
internal sealed class NotifyHolderWhenCertificateReassessmentDue(LearningDbContext db, INotifier notifier)
    : IDomainEventBatchHandler<CertificateReassessmentDue>
{
    public async Task HandleAll(IReadOnlyList<CertificateReassessmentDue> due, CancellationToken ct)
    {
        var certificates = await CertificatesOf.Events(db, due.Select(e => e.CertificateId), ct);
        var notices = new List<(Guid, Notice)>(due.Count);
        foreach (var e in due)
        {
            if (certificates.GetValueOrDefault(e.CertificateId) is not { } certificate) continue;
            var until = NotifyHolderWhenCertificateRenewed.Day(e.ValidUntil);
            notices.Add((e.EmployeeId, new Notice($"certificate-reassessment:{e.CertificateId}:{until}",
                "Certification.Notice.ReassessmentDue", [certificate.CourseTitle, until], $"/courses/{e.CourseSlug}", NoticeKind.Reminders)));
        }
        await notifier.NotifyEmployees(notices, ct);
    }
}

/// <summary>The holder and their supervisor are told the certificate expired.</summary>
internal sealed class NotifyHolderAndSupervisorWhenCertificateExpired(LearningDbContext db, IOrganisationDirectory directory, INotifier notifier)
    : IDomainEventBatchHandler<CertificateExpired>
{
    public async Task HandleAll(IReadOnlyList<CertificateExpired> expired, CancellationToken ct)
    {
        var certificates = await CertificatesOf.Events(db, expired.Select(e => e.CertificateId), ct);
        var people = (await directory.FindEmployees(expired.Select(e => e.EmployeeId).Distinct(), ct)).ToDictionary(p => p.Id);
        var notices = new List<(Guid, Notice)>(expired.Count * 2);
        foreach (var e in expired)
        {
            if (certificates.GetValueOrDefault(e.CertificateId) is not { } certificate) continue;
            var link = $"/certificates/verify/{certificate.Code}";
            notices.Add((e.EmployeeId, new Notice($"certificate-expired:{e.CertificateId}", "Certification.Notice.Expired",
                [certificate.CourseTitle, e.Number], link, NoticeKind.Reminders)));
            if (people.GetValueOrDefault(e.EmployeeId)?.SupervisorId is { } supervisor)
                notices.Add((supervisor, new Notice($"certificate-expired:{e.CertificateId}", "Certification.Notice.ExpiredForSupervisor",
                    [certificate.HolderName, certificate.CourseTitle, e.Number], link, NoticeKind.Reminders)));
        }
        await notifier.NotifyEmployees(notices, ct);
    }
}

internal static class CertificatesOf
{
    /// <summary>The certificates the events name: those this unit of work holds (the sweep's batch) without a query, the rest read.</summary>
    public static async Task<Dictionary<Guid, Certificate>> Events(LearningDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.ToHashSet();
        var found = db.Tracked<Certificate>().Where(c => wanted.Contains(c.Id)).ToDictionary(c => c.Id);
        var missing = wanted.Where(id => !found.ContainsKey(id)).ToList();
        if (missing.Count > 0)
            foreach (var c in await db.Set<Certificate>().Where(c => missing.Contains(c.Id)).ToListAsync(ct)) found[c.Id] = c;
        return found;
    }
}
