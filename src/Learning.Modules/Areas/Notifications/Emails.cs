using System.Globalization;
using System.Net;
using System.Text;
using Learning.Kernel;
using Microsoft.Extensions.Configuration;

namespace Learning.Notifications;

/// <summary>One line of an e-mail: a notice's title and body, when it came, and where it leads (a path in the tenant's site).</summary>
internal sealed record EmailItem(string Title, string Body, DateTime CreatedAt, string? Link);

/// <summary>
/// Writes e-mails in the recipient's language (Indonesian unless they chose English), as plain text and as simple, inline-styled
/// HTML: the tenant's name, the title, the text and a button to the notice on the tenant's site. Everything from data is HTML-encoded.
/// </summary>
internal sealed class Emails(Texts texts, IConfiguration configuration, TimeProvider clock)
{
    public static CultureInfo CultureOf(string? language) => new(language == "en" ? "en-US" : "id-ID");

    private string T(string key, CultureInfo culture, params object[] args) =>
        texts.Find(key, culture) is { } t ? string.Format(culture, t, args) : key;

    /// <summary>The site links point to: the tenant's own address, else the platform's PublicUrl.</summary>
    public string Site(TenantInfo tenant) =>
        (tenant.PublicUrl is { Length: > 0 } url ? url : configuration["PublicUrl"] ?? "").TrimEnd('/');

    private string Absolute(TenantInfo tenant, string? link) =>
        link is null ? "" : link.StartsWith('/') ? Site(tenant) + link : link;

    /// <summary>When a notice came, on the city's clock, in the reader's words (6 Desember 2026 07.00).</summary>
    public string When(DateTime utc, CultureInfo culture) =>
        new CityFormat(clock).In(culture).LongDateAndTime(utc);

    public EmailMessage Single(TenantInfo tenant, string to, string? language, EmailItem item)
    {
        var culture = CultureOf(language);
        var link = Absolute(tenant, item.Link);
        var text = item.Body + (link.Length > 0 ? "\n\n" + link : "") + "\n\n-- \n" + Footer(tenant, culture);
        var html = new StringBuilder();
        html.Append("<h1 style=\"font-size:20px;line-height:1.3;margin:0 0 12px\">").Append(E(item.Title)).Append("</h1>");
        html.Append("<p style=\"margin:0 0 16px\">").Append(E(item.Body)).Append("</p>");
        if (link.Length > 0) html.Append(Button(link, T("Notifications.Email.Open", culture)));
        return Message(tenant, to, item.Title, text, Page(tenant, culture, item.Title, html.ToString()));
    }

    public EmailMessage Digest(TenantInfo tenant, string to, string? language, IReadOnlyList<EmailItem> items)
    {
        var culture = CultureOf(language);
        var subject = T("Notifications.Digest.Subject", culture, tenant.Name, items.Count);
        var intro = T("Notifications.Digest.Intro", culture, items.Count);
        var text = new StringBuilder(intro).Append("\n\n");
        var html = new StringBuilder();
        html.Append("<h1 style=\"font-size:20px;line-height:1.3;margin:0 0 12px\">").Append(E(subject)).Append("</h1>");
        html.Append("<p style=\"margin:0 0 16px\">").Append(E(intro)).Append("</p><ul style=\"padding:0;margin:0;list-style:none\">");
        foreach (var item in items)
        {
            var when = When(item.CreatedAt, culture);
            var link = Absolute(tenant, item.Link);
            text.Append("* ").Append(item.Title).Append(" (").Append(when).Append(")\n  ").Append(item.Body).Append('\n');
            if (link.Length > 0) text.Append("  ").Append(link).Append('\n');
            text.Append('\n');
            html.Append("<li style=\"margin:0 0 16px;padding:0 0 12px;border-bottom:1px solid #ddd\">")
                .Append("<strong>").Append(E(item.Title)).Append("</strong><br>")
                .Append("<span style=\"color:#555\">").Append(E(when)).Append("</span><br>")
                .Append(E(item.Body));
            if (link.Length > 0)
                html.Append("<br><a href=\"").Append(E(link)).Append("\" style=\"color:#0b5394\">").Append(E(T("Notifications.Email.Open", culture))).Append("</a>");
            html.Append("</li>");
        }
        html.Append("</ul>");
        text.Append("-- \n").Append(Footer(tenant, culture));
        return Message(tenant, to, subject, text.ToString(), Page(tenant, culture, subject, html.ToString()));
    }

    private EmailMessage Message(TenantInfo tenant, string to, string subject, string text, string html) =>
        new(to, subject, text, NoticeText.NullIfEmpty(tenant.MailFrom), NoticeText.NullIfEmpty(tenant.MailFromName), html);

    private string Footer(TenantInfo tenant, CultureInfo culture) =>
        T("Notifications.Email.Footer", culture, tenant.Name, Site(tenant) + "/notifications/settings");

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static string Button(string href, string label) =>
        $"<p style=\"margin:0 0 16px\"><a href=\"{E(href)}\" style=\"display:inline-block;background:#0b5394;color:#ffffff;" +
        $"padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold\">{E(label)}</a></p>";

    private string Page(TenantInfo tenant, CultureInfo culture, string title, string content) =>
        $"<!DOCTYPE html><html lang=\"{(culture.TwoLetterISOLanguageName == "en" ? "en" : "id")}\"><head><meta charset=\"utf-8\">" +
        $"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{E(title)}</title></head>" +
        "<body style=\"margin:0;padding:0;background:#f4f4f4\">" +
        "<div role=\"article\" style=\"max-width:600px;margin:0 auto;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a\">" +
        $"<p style=\"margin:0 0 16px;font-weight:bold;color:#0b5394\">{E(tenant.Name)}</p>" +
        $"<div style=\"background:#ffffff;padding:20px;border-radius:8px\">{content}</div>" +
        $"<p style=\"margin:16px 0 0;font-size:13px;color:#555\">{E(Footer(tenant, culture))}</p>" +
        "</div></body></html>";
}
