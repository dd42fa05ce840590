using System.Globalization;
using System.Text;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Classes;

/// <summary>One session as a calendar event for one person: cancelled when the session, the class or their registration is.</summary>
public sealed record CalendarEvent(Guid SessionId, Guid ClassId, int Number, int SessionCount, string Title, DateTime StartsAt, DateTime EndsAt,
    string? Venue, string? OnlineUrl, int Sequence, bool Cancelled, DateTime Stamp);

/// <summary>Which sessions belong in a person's calendar.</summary>
public sealed class CalendarEvents(LearningDbContext db, TimeProvider clock)
{
    /// <summary>How long a cancelled session stays in the feed as STATUS:CANCELLED, so phones that synced it remove it.</summary>
    public static readonly TimeSpan KeepCancelled = TimeSpan.FromDays(30);

    /// <summary>
    /// The sessions of every class the person holds a place in (registered or completed; not waitlisted nor awaiting approval),
    /// plus, for 30 days, those cancelled (the session, the class, or their registration), marked so. <paramref name="classId"/>
    /// narrows it to one class.
    /// </summary>
    public async Task<IReadOnlyList<CalendarEvent>> For(Guid employeeId, Guid? classId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - KeepCancelled;
        var registrations = await db.Set<ClassRegistration>().AsNoTracking()
            .Where(r => r.EmployeeId == employeeId && (classId == null || r.ClassId == classId)
                && (r.Status == RegistrationStatuses.Registered || r.Status == RegistrationStatuses.Completed
                    || (r.Status == RegistrationStatuses.Cancelled && r.CancelledAt >= since)))
            .Select(r => new { r.ClassId, r.Status, r.UpdatedAt }).ToListAsync(ct);
        // Cancelled and registered again: the place held counts, not the old cancellation.
        var byClass = registrations.GroupBy(r => r.ClassId)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Status == RegistrationStatuses.Cancelled).ThenByDescending(r => r.UpdatedAt).First());
        if (byClass.Count == 0) return [];
        var ids = byClass.Keys.ToList();
        var classes = await db.Set<Class>().AsNoTracking().Include(c => c.Sessions).Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        var events = new List<CalendarEvent>();
        foreach (var c in classes)
        {
            var registration = byClass[c.Id];
            var classCancelled = c.Status == ClassStatuses.Cancelled;
            var left = registration.Status == RegistrationStatuses.Cancelled;
            foreach (var s in c.Sessions.OrderBy(s => s.Number))
            {
                var cancelled = s.Cancelled || classCancelled || left;
                // A cancelled event is kept while its session has not long passed, or its cancellation is recent.
                if (cancelled && s.EndsAt < since && !(left && registration.UpdatedAt >= since) && !(classCancelled && c.UpdatedAt >= since)) continue;
                // The phone takes a change only with a higher SEQUENCE: a class or registration cancelled leaves the session's own as it was.
                var sequence = s.Sequence + (!s.Cancelled && (classCancelled || left) ? 1 : 0);
                var stamp = new[] { c.UpdatedAt, registration.UpdatedAt }.Max();
                events.Add(new CalendarEvent(s.Id, c.Id, s.Number, c.Sessions.Count, c.Title, s.StartsAt, s.EndsAt, s.Venue, s.OnlineUrl,
                    sequence, cancelled, stamp));
            }
        }
        return events.OrderBy(e => e.StartsAt).ThenBy(e => e.Number).ToList();
    }
}

/// <summary>
/// Writes iCalendar (RFC 5545): CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character), text values with
/// backslash, comma, semicolon and newlines escaped, times in UTC.
/// </summary>
public sealed class IcsWriter
{
    private readonly StringBuilder _text = new();

    public IcsWriter Line(string name, string value)
    {
        Fold(name + ":" + value);
        return this;
    }

    public IcsWriter Text(string name, string? value) => value is null ? this : Line(name, Escape(value));

    public IcsWriter Time(string name, DateTime utc) => Line(name, Utc(utc));

    public static string Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static string Escape(string value) => value
        .Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,")
        .Replace("\r\n", "\\n").Replace("\r", "\\n").Replace("\n", "\\n");

    /// <summary>Content lines longer than 75 octets go on in lines that begin with a space (RFC 5545 3.1).</summary>
    private void Fold(string line)
    {
        var octets = 0;
        var limit = 75;
        for (var i = 0; i < line.Length; i++)
        {
            // A surrogate pair is one character of four octets: never split it.
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (octets + size > limit)
            {
                _text.Append("\r\n ");
                octets = 0;
                limit = 74; // the leading space counts
            }
            _text.Append(line, i, width);
            octets += size;
            i += width - 1;
        }
        _text.Append("\r\n");
    }

    public override string ToString() => _text.ToString();
}
