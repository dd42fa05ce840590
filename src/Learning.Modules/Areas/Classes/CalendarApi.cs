using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Learning.Classes;

/// <summary>
/// The personal feed a phone's calendar subscribes to (anonymous: the secret token in the address is the key; another tenant's
/// token is unknown here) and one class's sessions as a file for a signed-in participant. Both answer 304 to a matching ETag.
/// </summary>
internal static class CalendarApi
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static void MapCalendarApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/calendar/{token}.ics", Feed).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/classes/{id:guid}/calendar.ics", OneClass).RequireAuthorization().ExcludeFromDescription();
    }

    private static async Task<IResult> Feed(string token, HttpContext http, CalendarFeeds feeds, CalendarEvents events, IStringLocalizer text,
        CancellationToken ct)
    {
        if (await feeds.Owner(token, ct) is not { } employeeId) return Results.NotFound();
        var list = await events.For(employeeId, null, ct);
        return Answer(http, Document(http, list, text, text["Classes.Calendar.FeedName"]), null);
    }

    private static async Task<IResult> OneClass(Guid id, HttpContext http, ClaimsPrincipal user, CalendarEvents events, IStringLocalizer text,
        CancellationToken ct)
    {
        // Only one's own registration: a class one is not in (or another tenant's) is as if it did not exist.
        if (user.GetEmployeeId() is not { } employeeId) return Results.NotFound();
        var list = await events.For(employeeId, id, ct);
        if (list.Count == 0) return Results.NotFound();
        return Answer(http, Document(http, list, text, list[0].Title), $"kelas-{id:N}.ics");
    }

    private static IResult Answer(HttpContext http, string body, string? download)
    {
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..32].ToLowerInvariant() + "\"";
        http.Response.Headers.ETag = etag;
        // Private: the feed is one person's; revalidated each time, so a moved session reaches the phone on its next poll.
        http.Response.Headers.CacheControl = "private, no-cache";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        if (download is not null)
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = download }.ToString();
        return Results.Text(body, ContentType, Encoding.UTF8);
    }

    /// <summary>The VCALENDAR: one VEVENT per session, UID stable per session, SEQUENCE from the session's changes.</summary>
    internal static string Document(HttpContext http, IReadOnlyList<CalendarEvent> events, IStringLocalizer text, string name)
    {
        var site = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var uidHost = Tenancy.Current?.Hosts.FirstOrDefault() is { Length: > 0 } h ? h : http.Request.Host.Host;
        var ics = new IcsWriter()
            .Line("BEGIN", "VCALENDAR").Line("VERSION", "2.0").Line("PRODID", "-//Learning//Kelas//ID").Line("CALSCALE", "GREGORIAN")
            .Line("METHOD", "PUBLISH").Text("X-WR-CALNAME", name)
            // Phones poll a subscribed feed at their own pace; this asks for about hourly.
            .Line("REFRESH-INTERVAL;VALUE=DURATION", "PT1H").Line("X-PUBLISHED-TTL", "PT1H");
        foreach (var e in events)
        {
            var page = $"{site}/classes/{e.ClassId}";
            var summary = e.SessionCount > 1 ? $"{e.Title} ({text["Classes.Calendar.SessionOf", e.Number, e.SessionCount]})" : e.Title;
            var description = new StringBuilder();
            if (e.OnlineUrl is { Length: > 0 } online) description.Append(text["Classes.Calendar.Online"]).Append(": ").Append(online).Append('\n');
            description.Append(text["Classes.Calendar.ClassPage"]).Append(": ").Append(page);
            ics.Line("BEGIN", "VEVENT")
                .Text("UID", $"{e.SessionId}@{uidHost}")
                .Time("DTSTAMP", e.Stamp)
                .Time("DTSTART", e.StartsAt)
                .Time("DTEND", e.EndsAt)
                .Line("SEQUENCE", e.Sequence.ToString(CultureInfo.InvariantCulture))
                .Line("STATUS", e.Cancelled ? "CANCELLED" : "CONFIRMED")
                .Text("SUMMARY", summary)
                .Text("LOCATION", e.Venue is { Length: > 0 } ? e.Venue : e.OnlineUrl)
                .Text("DESCRIPTION", description.ToString())
                .Line("URL", e.OnlineUrl is { Length: > 0 } ? e.OnlineUrl : page); // a URI value: not escaped as text
            ics.Line("END", "VEVENT");
        }
        return ics.Line("END", "VCALENDAR").ToString();
    }
}
