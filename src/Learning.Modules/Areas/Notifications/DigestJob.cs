using Learning.Accounts.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Learning.Notifications;

/// <summary>
/// Daily (07:00 in the tenant's zone): one e-mail per person listing the notices they put in the digest since the last one, in their
/// language, with dates on the city's clock; nothing for someone with nothing new. Idempotent: the notices it lists stop being pending
/// in the same transaction as the queued e-mail, and a person already sent a digest on that city date is skipped.
/// </summary>
internal sealed class EmailDigestJob(LearningDbContext db, IOutbox outbox, Texts texts, IConfiguration configuration, Emails emails,
    TimeProvider clock) : ScheduledJob
{
    public const string Name = "email-digest";
    private const int BatchSize = 200;
    private const int MaxItems = 100;

    public override async Task<int> Run(DateTimeOffset asOf, CancellationToken ct)
    {
        // Without SMTP nothing is queued (the pending marks are only set when it is configured).
        if (!SmtpDelivery.IsConfigured(configuration)) return 0;
        var today = clock.LocalDate(asOf);
        var until = asOf.UtcDateTime;
        var sent = 0;
        var done = new HashSet<Guid>();
        while (true)
        {
            var people = await db.Set<Notification>().AsNoTracking()
                .Where(n => n.DigestPending && n.CreatedAt <= until && !done.Contains(n.RecipientUserId))
                .Select(n => n.RecipientUserId).Distinct().OrderBy(id => id).Take(BatchSize).ToListAsync(ct);
            if (people.Count == 0) return sent;
            foreach (var userId in people)
            {
                done.Add(userId);
                if (await SendOne(userId, today, until, ct)) sent++;
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<bool> SendOne(Guid userId, DateOnly today, DateTime until, CancellationToken ct)
    {
        var preferences = await db.Set<EmailPreferences>().FirstOrDefaultAsync(p => p.UserId == userId, ct);
        if (preferences is null || preferences.DigestSentOn(today)) return false;
        var user = await db.Set<LearningUser>().Where(u => u.Id == userId).Select(u => new { Email = u.DeactivatedAt == null ? u.Email : null, u.Language }).FirstOrDefaultAsync(ct);
        var pending = await db.Set<Notification>().Where(n => n.RecipientUserId == userId && n.DigestPending && n.CreatedAt <= until)
            .OrderBy(n => n.CreatedAt).ToListAsync(ct);
        foreach (var n in pending) n.Digested();
        preferences.DigestSent(today);
        var culture = Emails.CultureOf(user?.Language);
        // The newest are named; a very long list ends with the newest MaxItems (the inbox has them all).
        var items = pending.TakeLast(MaxItems).Select(n =>
        {
            var (title, body) = NoticeText.Render(texts, culture, n.TextKey, n.Args);
            return new EmailItem(title, body, n.CreatedAt, n.Link);
        }).ToList();
        var send = user?.Email is { Length: > 0 } && items.Count > 0;
        if (send) outbox.Enqueue(emails.Digest(db.Tenant, user!.Email!, user.Language, items));
        await db.SaveChangesAsync(ct);
        return send;
    }
}
