using System.Collections.Concurrent;
using System.Security.Claims;
using Learning.Accounts.Contracts;
using System.Globalization;
using Learning.Kernel;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;
using Learning.Notifications.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications;

internal sealed class Notifier(LearningDbContext db, IOutbox outbox, TimeProvider clock, Texts texts, IConfiguration configuration, Emails emails) : INotifier
{
    public async Task<int> Settle(string dedupeKeyPrefix, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Ones added in this unit of work (an escalation's notice) are tracked, not yet in the table.
        foreach (var n in db.Tracked<Notification>().Where(n => n.DedupeKey.StartsWith(dedupeKeyPrefix, StringComparison.Ordinal))) n.Settle(now);
        var open = db.Set<Notification>().Where(n => n.DedupeKey.StartsWith(dedupeKeyPrefix) && (n.ReadAt == null || n.DigestPending));
        var recipients = await open.Select(n => n.RecipientUserId).Distinct().ToListAsync(ct);
        if (recipients.Count == 0) return 0;
        var changed = await open.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, n => n.ReadAt ?? now).SetProperty(n => n.DigestPending, false), ct);
        db.MoveStamps(recipients); // their unread count and inbox on cached pages
        return changed;
    }

    public async Task<bool> NotifyEmployee(Guid employeeId, Notice notice, CancellationToken ct)
    {
        var userId = await db.Set<LearningUser>().Where(u => u.EmployeeId == employeeId).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        return userId is { } id && await NotifyUser(id, notice, ct);
    }

    public async Task<bool> NotifyUser(Guid userId, Notice notice, CancellationToken ct)
    {
        var notifications = db.Set<Notification>();
        if (db.Tracked<Notification>().Any(n => n.RecipientUserId == userId && n.DedupeKey == notice.DedupeKey)
            || await notifications.AnyAsync(n => n.RecipientUserId == userId && n.DedupeKey == notice.DedupeKey, ct))
            return false;
        var notification = new Notification(userId, notice, clock.GetUtcNow().UtcDateTime);
        notifications.Add(notification);

        var devices = await Subscriptions([userId], notice.Kind, ct);
        if ((SendsEmail || devices.Count > 0)
            && await db.Set<LearningUser>().Where(u => u.Id == userId).Select(u => new Recipient(u.Id, u.DeactivatedAt == null ? u.Email : null, u.Language, u.DeactivatedAt == null)).FirstOrDefaultAsync(ct) is { } user)
        {
            var preferences = (await Preferences([userId], ct)).GetValueOrDefault(userId);
            if (SendsEmail) Email(user, notice, notification, preferences);
            Push(user, notice, preferences, devices);
        }
        return true;
    }

    public async Task<int> NotifyEmployees(IReadOnlyCollection<(Guid EmployeeId, Notice Notice)> notices, CancellationToken ct)
    {
        var added = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var notifications = db.Set<Notification>();
        foreach (var chunk in notices.Chunk(500))
        {
            var employeeIds = chunk.Select(n => n.EmployeeId).Distinct().ToList();
            var users = await db.Set<LearningUser>().Where(u => u.EmployeeId != null && employeeIds.Contains(u.EmployeeId.Value))
                .Select(u => new { EmployeeId = u.EmployeeId!.Value, Recipient = new Recipient(u.Id, u.DeactivatedAt == null ? u.Email : null, u.Language, u.DeactivatedAt == null) }).ToListAsync(ct);
            var recipients = users.GroupBy(u => u.EmployeeId).ToDictionary(g => g.Key, g => g.First().Recipient);
            var userIds = recipients.Values.Select(r => r.UserId).ToList();
            var devices = await Subscriptions(userIds, chunk.Select(n => n.Notice.Kind), ct);
            var preferences = SendsEmail || devices.Count > 0 ? await Preferences(userIds, ct) : [];
            var keys = chunk.Select(n => n.Notice.DedupeKey).Distinct().ToList();
            var known = (await notifications.Where(n => userIds.Contains(n.RecipientUserId) && keys.Contains(n.DedupeKey))
                    .Select(n => new { n.RecipientUserId, n.DedupeKey }).ToListAsync(ct))
                .Select(n => (n.RecipientUserId, n.DedupeKey))
                .Concat(db.Tracked<Notification>().Select(n => (n.RecipientUserId, n.DedupeKey)))
                .ToHashSet();
            foreach (var (employeeId, notice) in chunk)
            {
                if (!recipients.TryGetValue(employeeId, out var recipient) || !known.Add((recipient.UserId, notice.DedupeKey))) continue;
                var notification = new Notification(recipient.UserId, notice, now);
                notifications.Add(notification);
                if (SendsEmail) Email(recipient, notice, notification, preferences.GetValueOrDefault(recipient.UserId));
                Push(recipient, notice, preferences.GetValueOrDefault(recipient.UserId), devices);
                added++;
            }
        }
        return added;
    }

    // A deactivated login keeps its notices in the app (for if they come back) but gets no mail or push: they have left.
    private sealed record Recipient(Guid UserId, string? Email, string? Language, bool Active);

    private sealed record Device(Guid Id, Guid UserId);

    /// <summary>The browsers of these people that took push, when any notice here is of a kind that may be pushed (one query, else none).</summary>
    private async Task<ILookup<Guid, Device>> Subscriptions(IReadOnlyCollection<Guid> userIds, IEnumerable<NoticeKind> kinds, CancellationToken ct) =>
        userIds.Count == 0 || !kinds.Any(PushWords.Kinds.Contains)
            ? Array.Empty<Device>().ToLookup(d => d.UserId)
            : (await db.Set<WebPushSubscription>().AsNoTracking().Where(s => userIds.Contains(s.UserId))
                .Select(s => new Device(s.Id, s.UserId)).ToListAsync(ct)).ToLookup(d => d.UserId);

    private Task<ILookup<Guid, Device>> Subscriptions(IReadOnlyCollection<Guid> userIds, NoticeKind kind, CancellationToken ct) =>
        Subscriptions(userIds, [kind], ct);

    /// <summary>
    /// Queues one push per browser of the person, written in their language, when they want this kind pushed (every push kind until
    /// they untick it). The push itself leaves after commit, through the outbox.
    /// </summary>
    private void Push(Recipient recipient, Notice notice, EmailPreferences? preferences, ILookup<Guid, Device> devices)
    {
        if (!recipient.Active || !devices.Contains(recipient.UserId)) return;
        if (!(preferences?.Pushes(notice.Kind) ?? PushWords.Kinds.Contains(notice.Kind))) return;
        var (title, body) = NoticeText.Render(texts, Emails.CultureOf(recipient.Language), notice.TextKey, notice.Args);
        // The page the notice points at, on the recipient's tenant's site (a path on it when its address is not known).
        var link = notice.Link ?? "/notifications";
        var url = link.StartsWith('/') ? emails.Site(db.Tenant) + link : link;
        foreach (var device in devices[recipient.UserId])
            outbox.Enqueue(new WebPushMessage(device.Id, title, body.Length > 1000 ? body[..1000] + "…" : body, url));
    }

    private bool SendsEmail => SmtpDelivery.IsConfigured(configuration);

    private async Task<Dictionary<Guid, EmailPreferences>> Preferences(IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        await db.Set<EmailPreferences>().AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);

    /// <summary>E-mails the notice now, holds it for the daily digest, or leaves it in the app: the person's choice for its kind.</summary>
    private void Email(Recipient recipient, Notice notice, Notification notification, EmailPreferences? preferences)
    {
        if (recipient.Email is not { Length: > 0 } email) return;
        switch (preferences?.For(notice.Kind) ?? EmailChoice.Immediately)
        {
            case EmailChoice.AppOnly: return;
            case EmailChoice.Digest: notification.HoldForDigest(); return;
        }
        var (title, body) = NoticeText.Render(texts, Emails.CultureOf(recipient.Language), notice.TextKey, notice.Args);
        // The recipient's tenant (this context's) sends it and is where its link leads.
        outbox.Enqueue(emails.Single(db.Tenant, email, recipient.Language, new EmailItem(title, body, notification.CreatedAt, notice.Link)));
    }
}

internal static class NoticeText
{
    public static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static (string Title, string Body) Render(Texts texts, CultureInfo culture, string key, IReadOnlyList<string> args)
    {
        var shown = Shown(args, culture);
        string Format(string k) => texts.Find(k, culture) is { } t ? string.Format(culture, t, shown) : k;
        return (Format(key), Format(key + ".Body"));
    }

    public static (string Title, string Body) Render(this IStringLocalizer l, Notification n)
    {
        var args = Shown(n.Args, CultureInfo.CurrentCulture);
        return (l[n.TextKey, args], l[n.TextKey + ".Body", args]);
    }

    /// <summary>
    /// Arguments as a reader sees them: a date (yyyy-MM-dd, how notices carry one) as "6 Desember 2026", a month (yyyy-MM) as
    /// "Desember 2026", in the reader's language (<see cref="CityFormat.Argument"/>; a date carries no zone); anything else as it is.
    /// </summary>
    private static object[] Shown(IReadOnlyList<string> args, CultureInfo culture)
    {
        var format = CityFormat.For(TimeZoneInfo.Utc, culture);
        return args.Select(a => (object)format.Argument(a)).ToArray();
    }
}

/// <summary>
/// Sends queued e-mail through the configured SMTP server with MailKit (Smtp:Host, Smtp:Port, Smtp:From, Smtp:User, Smtp:Password;
/// Smtp:EnableSsl for STARTTLS). UTF-8, plain text and HTML as multipart/alternative, each part base64.
/// </summary>
internal sealed class SendEmail(IConfiguration configuration, LearningDbContext db) : IOutboxHandler<EmailMessage>
{
    public async Task Handle(EmailMessage message, CancellationToken ct)
    {
        var smtp = configuration.GetSection("Smtp");
        using var mail = new MimeMessage();
        // The message names its tenant's sender; one queued before it did takes the sending tenant's, then Smtp:From.
        var from = MailboxAddress.Parse(message.From ?? NoticeText.NullIfEmpty(db.Tenant.MailFrom) ?? smtp["From"] ?? "learning@localhost");
        if ((message.From is null ? NoticeText.NullIfEmpty(db.Tenant.MailFromName) : message.FromName) is { } name) from.Name = name;
        mail.From.Add(from);
        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Subject = message.Subject;
        var text = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.Base64 };
        text.SetText(System.Text.Encoding.UTF8, message.Body);
        if (message.Html is { Length: > 0 } html)
        {
            var rich = new TextPart(TextFormat.Html) { ContentTransferEncoding = ContentEncoding.Base64 };
            rich.SetText(System.Text.Encoding.UTF8, html);
            mail.Body = new MultipartAlternative { text, rich }; // readers that show HTML take the last part
        }
        else mail.Body = text;

        // Without a server, a pickup folder (the demo's): each message a .eml file an operator opens in any mail reader.
        if (string.IsNullOrEmpty(smtp["Host"]) && SmtpDelivery.PickupFolder(configuration) is { } folder)
        {
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await mail.WriteToAsync(file, ct);
            return;
        }

        using var client = new MailKit.Net.Smtp.SmtpClient();
        await client.ConnectAsync(smtp["Host"] ?? throw new InvalidOperationException("Smtp:Host is not set."), smtp.GetValue("Port", 25),
            smtp.GetValue("EnableSsl", false) ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (smtp["User"] is { Length: > 0 } user) await client.AuthenticateAsync(user, smtp["Password"] ?? "", ct);
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>
/// The unread count the layout shows beside "Notifikasi", on every page. Counted once per person and remembered with their
/// stamps: a notice added or read moves its recipient's stamp (RecipientUserId; the mark-all-read updates move it by hand),
/// and the session check has just read those same stamps in the request, so a person's next pages count nothing until a
/// notice arrives or is read (on another node: within the second the stamps promise).
/// </summary>
internal sealed class UnreadNotifications(LearningDbContext db, Stamps stamps, IPageOwner owner, UnreadCounts counts) : IUnreadNotifications
{
    // Compiled once: the layout of a person's first page (and after their stamps moved) counts.
    private static readonly CompiledQuery<Func<LearningDbContext, Guid, CancellationToken, Task<int>>> UnreadOf = new(() => EF.CompileAsyncQuery(
        (LearningDbContext db, Guid userId, CancellationToken ct) => db.Set<Notification>().Count(n => n.RecipientUserId == userId && n.ReadAt == null)));

    public async Task<int> Count(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId) return 0;
        var people = owner.People(user);
        var stamp = await stamps.Read(db, new StampKeys((people.Contains(userId) ? people : [userId, .. people]).Select(Stamps.Person).ToList()), ct);
        var key = (db.TenantKey, userId);
        if (counts.Known.TryGetValue(key, out var known) && known.Stamp == stamp) return known.Count;
        var count = await UnreadOf.For(db)(db, userId, ct);
        if (counts.Known.Count > 100_000) counts.Known.Clear(); // a bound, not a policy: a forgotten count is one query
        counts.Known[key] = (stamp, count);
        return count;
    }
}

/// <summary>The unread counts this node has read, with the stamps they were read at (<see cref="UnreadNotifications"/>).</summary>
internal sealed class UnreadCounts
{
    public ConcurrentDictionary<(string Tenant, Guid User), (long Stamp, int Count)> Known { get; } = new();
}
