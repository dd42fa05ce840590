using System.Globalization;
using Learning.Accounts.Contracts;
using Learning.Kernel;

namespace Learning.Notifications;

/// <summary>
/// Writes the e-mails Accounts queues about a person's own login (a recovery link, an invitation) in the person's language,
/// with the expiry in the city's time zone, and sends them like every other e-mail.
/// </summary>
internal sealed class SendAccountEmail(IOutboxHandler<EmailMessage> send, Texts texts, LearningDbContext db) : IOutboxHandler<AccountEmail>
{
    public Task Handle(AccountEmail message, CancellationToken ct)
    {
        var culture = new CultureInfo(message.Language == "en" ? "en-US" : "id-ID");
        var tenant = db.Tenant;
        var expires = TimeZoneInfo.ConvertTimeFromUtc(message.ExpiresAt, tenant.TimeZone).ToString("d MMMM yyyy, HH:mm", culture);
        var key = $"Notifications.AccountEmail.{message.Kind}";
        string Format(string k, params object[] args) => texts.Find(k, culture) is { } t ? string.Format(culture, t, args) : k;
        var subject = Format(key, tenant.Name);
        var body = Format(key + ".Body", message.Name, tenant.Name, message.Link, expires);
        return send.Handle(new EmailMessage(message.To, subject, body, NoticeText.NullIfEmpty(tenant.MailFrom), NoticeText.NullIfEmpty(tenant.MailFromName)), ct);
    }
}
