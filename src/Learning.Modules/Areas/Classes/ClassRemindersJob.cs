using System.Globalization;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Learning.Classes;

/// <summary>
/// The day before each session (the city's date), one reminder to each person holding a place: the class, the time, the venue
/// or the online link. Sent through the person's notification choices (kind <see cref="NoticeKind.Classes"/>: e-mail at once,
/// in the digest or only in the app; push unless unticked). Idempotent per session and person: a reminder row (unique) is
/// written in the same transaction as the notice and its e-mail, so a rerun, or a run on another node at the same moment,
/// sends nothing twice — the loser of the race rolls back and finds the rows taken.
/// </summary>
public sealed class ClassRemindersJob(LearningDbContext db, INotifier notifier, TimeProvider clock) : ScheduledJob
{
    public const string Name = "class-reminders";
    private const int BatchSize = 200;

    public override async Task<int> Run(DateTimeOffset asOf, CancellationToken ct)
    {
        var tomorrow = clock.LocalDate(asOf).AddDays(1);
        var zone = clock.LocalTimeZone;
        // The UTC span of tomorrow in the city's zone.
        var dayStarts = TimeZoneInfo.ConvertTimeToUtc(tomorrow.ToDateTime(TimeOnly.MinValue), zone);
        var dayEnds = TimeZoneInfo.ConvertTimeToUtc(tomorrow.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var sessions = await (from s in db.Set<ClassSession>().AsNoTracking()
                              join c in db.Set<Class>().AsNoTracking() on s.ClassId equals c.Id
                              where !s.Cancelled && c.Status == ClassStatuses.Scheduled && s.StartsAt >= dayStarts && s.StartsAt < dayEnds
                              select new { s.Id, s.ClassId, s.Number, s.StartsAt, s.EndsAt, s.Venue, s.OnlineUrl, c.Title })
            .ToListAsync(ct);
        var sent = 0;
        foreach (var s in sessions)
        {
            var format = CityFormat.For(zone, CultureInfo.InvariantCulture);
            var time = $"{format.Local(s.StartsAt):HH:mm}–{format.Local(s.EndsAt):HH:mm} {CityFormat.ZoneNameOf(zone, s.StartsAt)}";
            var where = string.Join(" · ", new[] { s.Venue, s.OnlineUrl }.Where(x => x is { Length: > 0 }));
            var notice = new Notice($"class-reminder:{s.Id}", "Classes.Notices.Reminder",
                [s.Title, CityFormat.Carried(DateOnly.FromDateTime(format.Local(s.StartsAt))), time, where], $"/classes/{s.ClassId}", NoticeKind.Classes);
            sent += await Remind(s.Id, s.ClassId, notice, ct);
        }
        return sent;
    }

    private async Task<int> Remind(Guid sessionId, Guid classId, Notice notice, CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            var done = await db.Retrying(async c =>
            {
                var reminded = db.Set<SessionReminder>().Where(r => r.SessionId == sessionId).Select(r => r.EmployeeId);
                var batch = await db.Set<ClassRegistration>().AsNoTracking()
                    .Where(r => r.ClassId == classId && (r.Status == RegistrationStatuses.Registered || r.Status == RegistrationStatuses.Completed)
                        && !reminded.Contains(r.EmployeeId))
                    .Select(r => r.EmployeeId).Distinct().OrderBy(e => e).Take(BatchSize).ToListAsync(c);
                if (batch.Count == 0) return -1;
                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var employeeId in batch) db.Add(new SessionReminder(sessionId, employeeId, now));
                var added = await notifier.NotifyEmployees(batch.Select(e => (e, notice)).ToList(), c);
                await db.SaveChangesAsync(c);
                db.ChangeTracker.Clear();
                return added;
            }, ct);
            if (done < 0) return sent;
            sent += done;
        }
    }
}
