using System.Collections.Concurrent;
using System.Security.Claims;
using Learning.Audit.Contracts;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Learning.Classes;

/// <summary>The code on the trainer's screen: shown until <see cref="ChangesAt"/>, accepted until <see cref="ExpiresAt"/>.</summary>
public sealed record ShownCode(string Code, DateTimeOffset ChangesAt, DateTimeOffset ExpiresAt);

public enum CheckInStatus { Done, NotFound, Refused, TooMany }

/// <summary>The outcome of a check-in: done (also when already checked in), or refused with a reason in the reader's language.</summary>
public sealed record CheckInOutcome(CheckInStatus Status, string? Problem = null, int? Session = null, DateTime? At = null)
{
    public bool Done => Status == CheckInStatus.Done;
}

/// <summary>One line of the roll: a registered person and whether (and how) they are present at the session.</summary>
public sealed record RollLine(Guid EmployeeId, string Name, string Nip, bool Present, string? Method, DateTime? At);

/// <summary>One late correction as the roll page lists it.</summary>
public sealed record CorrectionLine(DateTime At, string Person, bool Present, string By, string? Reason);

public sealed record RollOutcome(bool Saved, string? Problem = null, int Added = 0, int Removed = 0);

/// <summary>A class and one of its sessions, for the people who run it (trainers, coordinators, administrators).</summary>
public sealed record RunningSession(Class Class, ClassSession Session);

/// <summary>
/// Attendance at a class's sessions: the rotating codes the trainer shows, learners checking in with them, and the trainer's
/// roll with its late corrections. Pages and the API both call it, so the rules are read in one place.
/// </summary>
public sealed class ClassAttendance(
    LearningDbContext db, TimeProvider clock, IStringLocalizer text, CheckInGuesses guesses, IOrganisationDirectory people, IAuditLog audit)
{
    /// <summary>Whether the person runs the class: one of its trainers, or a coordinator or administrator of the city.</summary>
    public async Task<bool> MayRun(Guid classId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Administrator)) return true;
        return user.GetEmployeeId() is { } me && await db.Set<ClassTrainer>().AnyAsync(t => t.ClassId == classId && t.EmployeeId == me, ct);
    }

    /// <summary>The class and its n-th session, or null when either is not there (another tenant's class is not there).</summary>
    public async Task<RunningSession?> Find(Guid classId, int number, CancellationToken ct)
    {
        var c = await db.Set<Class>().FirstOrDefaultAsync(x => x.Id == classId, ct);
        if (c is null) return null;
        var s = await db.Set<ClassSession>().FirstOrDefaultAsync(x => x.ClassId == classId && x.Number == number, ct);
        return s is null ? null : new RunningSession(c, s);
    }

    /// <summary>The code of this minute (the session's secret made on first use).</summary>
    public async Task<ShownCode> CodeFor(ClassSession session, CancellationToken ct)
    {
        if (session.EnsureCheckInSecret()) await db.SaveChangesAsync(ct);
        var now = clock.GetUtcNow();
        var minute = CheckInCodes.MinuteOf(now);
        return new ShownCode(CheckInCodes.For(session.CheckInSecret, minute), City(CheckInCodes.StartOf(minute + 1)),
            City(CheckInCodes.StartOf(minute + 2)));
    }

    /// <summary>An instant with the city's offset, as the API gives times.</summary>
    public DateTimeOffset City(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, clock.LocalTimeZone);

    /// <summary>Present and registered at a session: "n dari m hadir".</summary>
    public async Task<(int Present, int Registered)> Count(ClassSession session, CancellationToken ct)
    {
        var registrations = Registered(session.ClassId);
        var registered = await registrations.CountAsync(ct);
        var present = await db.Set<Attendance>().CountAsync(a => a.SessionId == session.Id
            && registrations.Any(r => r.EmployeeId == a.EmployeeId), ct);
        return (present, registered);
    }

    /// <summary>
    /// A learner checks in with the code on the trainer's screen, at whichever of the class's sessions is open now. A second
    /// check-in at the same session changes nothing; two at the same instant meet at the unique index and the loser finds
    /// the winner's row.
    /// </summary>
    public async Task<CheckInOutcome> CheckIn(Guid classId, Guid employeeId, string? typed, CancellationToken ct)
    {
        var c = await db.Set<Class>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == classId, ct);
        if (c is null) return new(CheckInStatus.NotFound, text["Classes.CheckIn.NotFound"]);
        var registration = await db.Set<ClassRegistration>().AsNoTracking()
            .Where(r => r.ClassId == classId && r.EmployeeId == employeeId)
            .Select(r => r.Status).ToListAsync(ct);
        if (!registration.Any(s => s is RegistrationStatuses.Registered or RegistrationStatuses.Completed))
            return Refused(registration.Contains(RegistrationStatuses.Waitlisted) ? "Classes.CheckIn.Waitlisted"
                : registration.Contains(RegistrationStatuses.PendingApproval) ? "Classes.CheckIn.Pending"
                : "Classes.CheckIn.NotRegistered");
        var code = CheckInCodes.Normalise(typed);
        if (code.Length == 0) return Refused("Classes.CheckIn.CodeRequired");

        var now = clock.GetUtcNow();
        List<ClassSession> sessions = c.Status != ClassStatuses.Scheduled ? [] : await db.Set<ClassSession>().AsNoTracking()
            .Where(s => s.ClassId == classId && !s.Cancelled).OrderBy(s => s.Number).ToListAsync(ct);
        var open = sessions.Where(s => s.CheckInOpen(now.UtcDateTime)).ToList();
        if (open.Count == 0) return Refused("Classes.CheckIn.NoSession");

        var guesser = $"{db.TenantKey}:{employeeId}";
        if (guesses.Blocked(guesser)) return new(CheckInStatus.TooMany, text["Classes.CheckIn.TooMany"]);
        var match = CodeMatch.Wrong;
        ClassSession? session = null;
        foreach (var s in open.Where(s => s.CheckInSecret.Length > 0))
        {
            var m = CheckInCodes.Check(s.CheckInSecret, code, now, DateTime.SpecifyKind(s.CheckInOpensAt, DateTimeKind.Utc));
            if (m == CodeMatch.Valid) { match = m; session = s; break; }
            if (m == CodeMatch.Expired) match = m;
        }
        if (session is null)
        {
            // The code of this minute of a session that is not open (shown early, or the wrong session picked on the screen).
            if (match == CodeMatch.Wrong && sessions.Except(open).FirstOrDefault(s => s.CheckInSecret.Length > 0
                    && CheckInCodes.Check(s.CheckInSecret, code, now, now.AddMinutes(-1)) == CodeMatch.Valid) is { } other)
                return new(CheckInStatus.Refused, text["Classes.CheckIn.OtherSession", other.Number]);
            if (match == CodeMatch.Wrong) guesses.Wrong(guesser);
            return Refused(match == CodeMatch.Expired ? "Classes.CheckIn.Expired" : "Classes.CheckIn.Wrong");
        }

        var at = await db.Retrying(async token =>
        {
            var existing = await db.Set<Attendance>().AsNoTracking()
                .Where(a => a.SessionId == session.Id && a.EmployeeId == employeeId).Select(a => (DateTime?)a.At).FirstOrDefaultAsync(token);
            if (existing is { } already) return already;
            var attendance = new Attendance(classId, session.Id, employeeId, now.UtcDateTime, AttendanceMethods.Code, employeeId);
            db.Add(attendance);
            await db.SaveChangesAsync(token);
            return attendance.At;
        }, ct);
        return new(CheckInStatus.Done, Session: session.Number, At: at);

        CheckInOutcome Refused(string key) => new(CheckInStatus.Refused, text[key]);
    }

    private IQueryable<ClassRegistration> Registered(Guid classId) => db.Set<ClassRegistration>()
        .Where(r => r.ClassId == classId && (r.Status == RegistrationStatuses.Registered || r.Status == RegistrationStatuses.Completed));

    /// <summary>Everyone registered, by name, with their attendance at the session.</summary>
    public async Task<IReadOnlyList<RollLine>> Roll(ClassSession session, CancellationToken ct)
    {
        var ids = await Registered(session.ClassId).Select(r => r.EmployeeId).ToListAsync(ct);
        var present = await db.Set<Attendance>().AsNoTracking().Where(a => a.SessionId == session.Id)
            .ToDictionaryAsync(a => a.EmployeeId, ct);
        var named = (await people.FindEmployees(ids, ct)).ToDictionary(e => e.Id);
        return ids.Select(id =>
            {
                var who = named.GetValueOrDefault(id);
                var a = present.GetValueOrDefault(id);
                return new RollLine(id, who?.Name ?? "?", who?.Nip ?? "", a is not null, a?.Method, a?.At);
            })
            .OrderBy(l => l.Name, StringComparer.CurrentCulture).ThenBy(l => l.Nip).ToList();
    }

    /// <summary>
    /// Saves the trainer's ticks as changes against what their page showed (<paramref name="shownPresent"/>): only the people
    /// they ticked or unticked change, so two trainers ticking at once lose nothing of each other's. After the session has
    /// ended every change needs a reason and is kept as an <see cref="AttendanceCorrection"/> and in the audit log.
    /// </summary>
    public async Task<RollOutcome> SaveRoll(RunningSession run, Guid byId, IReadOnlyCollection<Guid> shownPresent,
        IReadOnlyCollection<Guid> ticked, string? reason, CancellationToken ct)
    {
        var session = run.Session;
        var registered = (await Registered(session.ClassId).Select(r => r.EmployeeId).ToListAsync(ct)).ToHashSet();
        var add = ticked.Where(registered.Contains).Except(shownPresent).ToHashSet();
        var remove = shownPresent.Except(ticked).ToHashSet();
        if (add.Count == 0 && remove.Count == 0) return new(true);
        var now = clock.GetUtcNow().UtcDateTime;
        var late = now > session.EndsAt;
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (late && reason is null) return new(false, text["Classes.Roll.ReasonRequired"]);
        if (reason is { Length: > 500 }) return new(false, text["Classes.Roll.ReasonTooLong"]);
        var named = late ? (await people.FindEmployees(add.Concat(remove), ct)).ToDictionary(e => e.Id) : [];

        return await db.Retrying(async token =>
        {
            var rows = await db.Set<Attendance>().Where(a => a.SessionId == session.Id && (add.Contains(a.EmployeeId) || remove.Contains(a.EmployeeId)))
                .ToDictionaryAsync(a => a.EmployeeId, token);
            int added = 0, removed = 0;
            foreach (var id in add.Where(id => !rows.ContainsKey(id)))
            {
                db.Add(new Attendance(session.ClassId, session.Id, id, now, late ? AttendanceMethods.Correction : AttendanceMethods.Roll, byId));
                Corrected(id, true);
                added++;
            }
            foreach (var id in remove)
            {
                if (!rows.TryGetValue(id, out var row)) continue;
                row.Withdraw(now);
                db.Remove(row);
                Corrected(id, false);
                removed++;
            }
            await db.SaveChangesAsync(token);
            return new RollOutcome(true, null, added, removed);
        }, ct);

        void Corrected(Guid id, bool present)
        {
            if (!late) return;
            db.Add(new AttendanceCorrection(session.ClassId, session.Id, id, present, byId, reason, now));
            var who = named.GetValueOrDefault(id);
            audit.Record(AuditActions.AttendanceCorrected, who is null ? id.ToString() : $"{who.Name} ({who.Nip})",
                text["Classes.Roll.AuditDetail", run.Class.Title, session.Number,
                    text[present ? "Classes.Roll.MarkedPresent" : "Classes.Roll.MarkedAbsent"], reason ?? ""]);
        }
    }

    /// <summary>The late corrections of a session, newest first, with people by name.</summary>
    public async Task<IReadOnlyList<CorrectionLine>> Corrections(ClassSession session, CancellationToken ct)
    {
        var rows = await db.Set<AttendanceCorrection>().AsNoTracking().Where(c => c.SessionId == session.Id)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(200).ToListAsync(ct);
        var named = (await people.FindEmployees(rows.SelectMany(r => new[] { r.EmployeeId, r.ByEmployeeId }).Distinct(), ct)).ToDictionary(e => e.Id);
        string Name(Guid id) => named.TryGetValue(id, out var e) ? $"{e.Name} ({e.Nip})" : text["Classes.Roll.Administrator"];
        return rows.Select(r => new CorrectionLine(r.At, Name(r.EmployeeId), r.Present, Name(r.ByEmployeeId), r.Reason)).ToList();
    }
}

/// <summary>
/// Wrong check-in codes per person per minute (Classes:WrongCodesPerMinute, 10): past the limit the rest of the minute is
/// refused, so the 31^6 codes cannot be tried in bulk. Kept in memory per web node: a limit on guessing, not a ledger.
/// </summary>
public sealed class CheckInGuesses(TimeProvider clock, IConfiguration configuration)
{
    private readonly int _limit = configuration.GetValue("Classes:WrongCodesPerMinute", 10);
    private readonly ConcurrentDictionary<string, (long Minute, int Count)> _wrong = new();

    public bool Blocked(string who) =>
        _wrong.TryGetValue(who, out var w) && w.Minute == CheckInCodes.MinuteOf(clock.GetUtcNow()) && w.Count >= _limit;

    public void Wrong(string who)
    {
        var minute = CheckInCodes.MinuteOf(clock.GetUtcNow());
        _wrong.AddOrUpdate(who, (minute, 1), (_, w) => w.Minute == minute ? (minute, w.Count + 1) : (minute, 1));
        // Old minutes are of no use: swept now and then so the map holds only people guessing right now.
        if (_wrong.Count > 10_000)
            foreach (var (key, value) in _wrong)
                if (value.Minute < minute) _wrong.TryRemove(key, out _);
    }
}
