using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>
/// Classes for the calendar tests, written through the Classes entities (as a coordinator's page would leave them), and the
/// feed address as a person gets it from /classes/calendar.
/// </summary>
internal static partial class ClassCalendarDriver
{
    public const string Agus = "199005172015031001";
    public const string Dewi = "199208082019022003";
    public const string Rizky = "199501012020121004";
    public static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    public sealed record Session(DateTime StartsAt, DateTime EndsAt, string? Venue, string? OnlineUrl = null);

    /// <summary>A class with these sessions and people (NIP → registration status); returns the class and its session ids.</summary>
    public static Task<(Guid ClassId, IReadOnlyList<Guid> Sessions)> CreateClass(LearningApp app, string title, IReadOnlyList<Session> sessions,
        IReadOnlyDictionary<string, string> people) => app.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var directory = sp.GetRequiredService<IOrganisationDirectory>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var c = new Class(null, title, 6, 25, ClassApprovals.None, sessions[0].StartsAt.AddDays(-1), Guid.NewGuid(), now);
        var n = 0;
        foreach (var s in sessions) c.Sessions.Add(new ClassSession(c.Id, ++n, s.StartsAt, s.EndsAt, s.Venue, s.OnlineUrl, RandomNumberGenerator.GetBytes(32)));
        db.Add(c);
        long queue = 1;
        foreach (var (nip, status) in people)
        {
            var employee = await directory.FindEmployeeByNip(nip) ?? throw new InvalidOperationException(nip);
            var r = new ClassRegistration(c.Id, employee.Id, employee.Id, now);
            if (status == RegistrationStatuses.Waitlisted) r.Waitlist(queue++, now);
            else { c.TakePlace(now); r.Register(null, now); }
            if (status == RegistrationStatuses.Cancelled) { c.ReleasePlace(now); r.Cancel("tidak jadi", now); }
            db.Add(r);
        }
        await db.SaveChangesAsync();
        return (c.Id, (IReadOnlyList<Guid>)c.Sessions.OrderBy(s => s.Number).Select(s => s.Id).ToList());
    });

    public static Task Change(LearningApp app, Func<LearningDbContext, Task> change) => app.WithScope(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        await change(db);
        await db.SaveChangesAsync();
    });

    /// <summary>A time in the city (WIB) as UTC.</summary>
    public static DateTime InCity(DateOnly day, int hour, int minute = 0) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), Wib);

    public static DateOnly Today(LearningApp app) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Wib).DateTime);

    /// <summary>Makes (or renews) the person's feed on /classes/calendar as they would, and reads the address the page shows.</summary>
    public static async Task<string> FeedAddress(HttpClient pages, bool renew = true)
    {
        if (renew)
        {
            var posted = await pages.PostAsync("/classes/calendar", await LearningApp.FormWithToken(pages, "/classes/calendar", []));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, posted.StatusCode);
        }
        var html = await pages.GetStringAsync("/classes/calendar");
        var url = FeedUrl().Match(html);
        Assert.True(url.Success, "the page shows no feed address");
        return new Uri(url.Groups[1].Value).PathAndQuery;
    }

    [GeneratedRegex("id=\"feed-url\" type=\"text\" readonly value=\"([^\"]+)\"")]
    private static partial Regex FeedUrl();

    /// <summary>The feed's events as property maps, after unfolding (RFC 5545 3.1), keyed by UID.</summary>
    public static Dictionary<string, Dictionary<string, string>> Events(string ics)
    {
        var lines = ics.Replace("\r\n ", "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var events = new Dictionary<string, Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in lines)
        {
            if (line == "BEGIN:VEVENT") { current = []; continue; }
            if (line == "END:VEVENT") { events[current!["UID"]] = current; current = null; continue; }
            if (current is null) continue;
            var colon = line.IndexOf(':');
            current[line[..colon]] = line[(colon + 1)..];
        }
        return events;
    }
}
