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
        var expires = CityFormat.For(tenant.TimeZone, culture).LongDateAndTime(message.ExpiresAt);
        var key = $"Notifications.AccountEmail.{message.Kind}";
        string Format(string k, params object[] args) => texts.Find(k, culture) is { } t ? string.Format(culture, t, args) : k;
        var subject = Format(key, tenant.Name);
        var body = Format(key + ".Body", message.Name, tenant.Name, message.Link, expires);
        return send.Handle(new EmailMessage(message.To, subject, body, NoticeText.NullIfEmpty(tenant.MailFrom), NoticeText.NullIfEmpty(tenant.MailFromName)), ct);
    }
}

/// <summary>
/// E-mail leaves the platform when a mail server is configured (Smtp:Host), or, without one, is written to a pickup folder
/// (Smtp:PickupDirectory, under DataRoot when relative: what ./run.sh's demo uses, App_Data/mail).
/// </summary>
internal sealed record SmtpDelivery(bool Configured) : IEmailDelivery
{
    public static bool IsConfigured(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["Smtp:Host"]) || PickupFolder(configuration) is not null;

    public static string? PickupFolder(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration["Smtp:PickupDirectory"] is { Length: > 0 } folder
            ? Path.GetFullPath(folder, configuration["DataRoot"] ?? Directory.GetCurrentDirectory())
            : null;
}
