using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Learning.Classes;

/// <summary>The outcome of a registration: its id and status word (RegistrationStatuses), or a problem in Indonesian.</summary>
public sealed record RegistrationResult(Guid? Id, string? Status, string? Problem, int StatusCode)
{
    public bool Succeeded => Problem is null;
}

/// <summary>The outcome of reserving or releasing places: the supervisor's reservation after it, or a problem.</summary>
public sealed record ReservationResult(Guid? Id, int Places, int Named, string? Problem, int StatusCode)
{
    public bool Succeeded => Problem is null;
}

/// <summary>
/// Registering and cancelling (the one place that decides who holds a place): capacity, the waitlist served in order, supervisors'
/// reserved places, the enrolment and path every registration runs on. Pages and the API both call it.
/// Every change to who holds a place of a class first locks the class's row (a no-op update), so registrations and cancellations
/// of one class take turns: the last place goes to exactly one, and each freed place to the first in the queue. The places'
/// revision token (Class.PlacesRevision, apart from the coordinator's Revision) and the retry stay as the backstop.
/// A registration is written with its enrolment and path in one transaction, and a cancellation with the end of its path: a path
/// that cannot start leaves no registration behind.
/// </summary>
public sealed class ClassRegistrations(
    LearningDbContext db, IOrganisationDirectory organisation, ICoordinatorScope coordinators, INotifier notifier, IStringLocalizer text,
    TimeProvider clock, IServiceProvider services) : IClassPlaces
{
    // One class's row is what every change serialises on; a busy class may make a request wait a little, never fail.
    private const int Tries = 20;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // Resolved when used: the path engine's steps ask this class back (IClassPlaces), so taking it in the constructor would be a cycle.
    private IClassPaths? Paths => services.GetServices<IClassPaths>().FirstOrDefault();

    // ------------------------------------------------------------------ registering

    /// <summary>
    /// Registers <paramref name="employeeId"/> (by themselves, or by <paramref name="byEmployeeId"/>: their supervisor or a coordinator).
    /// Only the person's own supervisor registering them gives the supervisor's approval; anyone else leaves it to be asked.
    /// </summary>
    public Task<RegistrationResult> Register(Guid classId, Guid employeeId, Guid? byEmployeeId, CancellationToken ct) =>
        Register(classId, employeeId, byEmployeeId, assigned: false, ct);

    /// <summary>
    /// As <see cref="Register(Guid, Guid, Guid?, CancellationToken)"/>; <paramref name="assigned"/>: an assignment's author registers
    /// the person (ClassAssigning), and assigning is the approval, as it is on a course's path.
    /// </summary>
    public Task<RegistrationResult> Register(Guid classId, Guid employeeId, Guid? byEmployeeId, bool assigned, CancellationToken ct) =>
        db.Retrying(c => TryRegister(classId, employeeId, byEmployeeId, assigned, c), r => r.Succeeded, ct, Tries);

    /// <summary>
    /// Checks everything a registration needs without writing: null when it may go ahead. The supervisor's batch checks every
    /// person first, so a refusal leaves nobody half-registered.
    /// </summary>
    public async Task<RegistrationResult?> Check(Guid classId, Guid employeeId, Guid? byEmployeeId, CancellationToken ct)
    {
        var cls = await db.Set<Class>().AsNoTracking().Include(c => c.Audience).FirstOrDefaultAsync(c => c.Id == classId, ct);
        return cls is null ? Refused(404, "Classes.Errors.NotFound") : (await Refusal(cls, employeeId, byEmployeeId, ct)).Problem;
    }

    private async Task<(RegistrationResult? Problem, EmployeeInfo? Person)> Refusal(Class cls, Guid employeeId, Guid? by, CancellationToken ct)
    {
        var person = await organisation.FindEmployee(employeeId, ct);
        if (person is null) return (Refused(404, "Classes.Errors.PersonNotFound"), null);
        if (by is { } b && b != employeeId && person.SupervisorId != b && !await LooksAfter(b, employeeId, ct))
            return (Refused(403, "Classes.Errors.NotYourTeam", person.Name), person);
        if (!person.Active) return (Refused(400, "Classes.Errors.Inactive", person.Name), person);
        if (!cls.RegistrationOpen(Now))
            return (Refused(400, cls.Status == ClassStatuses.Cancelled ? "Classes.Errors.ClassCancelled" : "Classes.Errors.RegistrationClosed"), person);
        if (!await InAudience(cls, person, ct)) return (Refused(403, "Classes.Errors.NotInAudience", person.Name), person);
        return (null, person);
    }

    private async Task<RegistrationResult> TryRegister(Guid classId, Guid employeeId, Guid? by, bool assigned, CancellationToken ct)
    {
        var cls = await Locked(classId, ct);
        if (cls is null) return Refused(404, "Classes.Errors.NotFound");
        var (problem, person) = await Refusal(cls, employeeId, by, ct);
        if (problem is not null) return problem;
        if (await db.Set<ClassRegistration>().AnyAsync(r => r.ClassId == classId && r.EmployeeId == employeeId
                && (r.Status == RegistrationStatuses.Registered || r.Status == RegistrationStatuses.Waitlisted || r.Status == RegistrationStatuses.PendingApproval), ct))
            return Refused(409, by is { } b && b != employeeId ? "Classes.Errors.AlreadyRegisteredPerson" : "Classes.Errors.AlreadyRegistered", person!.Name);

        var registration = new ClassRegistration(classId, employeeId, by ?? employeeId, Now);
        db.Add(registration);
        // Separation of duties: registering is the approval only for the one the approval would ask (the person's own supervisor)
        // or an assignment's author; a coordinator (or anyone else) registering someone still leaves the supervisor to decide.
        Guid? approvedBy = by is { } registrar && registrar != employeeId && (assigned || person!.SupervisorId == registrar) ? registrar : null;
        if (cls.Approval != ClassApprovals.Supervisor || approvedBy is not null) await ClaimFor(cls, registration, person!, ct);
        await db.SaveChangesAsync(ct);

        if (Paths is { } engine)
        {
            // In this transaction: the first steps run now (the approval is requested, or attend-class finds the place claimed).
            // A path that cannot start (the class's course withdrawn since) rolls the registration back with it.
            if (await engine.Start(registration.Id, classId, employeeId, approvedBy, ct) is not { } started)
                return Refused(409, "Classes.Errors.CourseUnavailable", cls.Title);
            registration.Link(started.EnrolmentId, started.PathInstanceId);
            await db.SaveChangesAsync(ct);
        }
        return new RegistrationResult(registration.Id, registration.Status, null, 201);
    }

    // A free place, else one the person's supervisor holds unnamed for the team, else the end of the queue.
    private async Task ClaimFor(Class cls, ClassRegistration registration, EmployeeInfo person, CancellationToken ct)
    {
        var now = Now;
        if (person.SupervisorId is { } boss && await db.Set<ClassReservation>()
                .FirstOrDefaultAsync(r => r.ClassId == cls.Id && r.SupervisorId == boss && r.Named < r.Places, ct) is { } held && held.Name())
        {
            registration.Register(held.Id, now);
            cls.PlacesChanged(now);
        }
        else if (cls.TakePlace(now)) registration.Register(null, now);
        else registration.Waitlist(cls.TakeQueueNumber(now), now);
    }

    // ------------------------------------------------------------------ cancelling

    /// <summary>Cancels a registration (the learner, their supervisor or a coordinator) while registration is open; the first waitlisted moves up.</summary>
    public async Task<RegistrationResult> Cancel(Guid registrationId, Guid byEmployeeId, CancellationToken ct)
    {
        // The class is found first, outside the transaction, so the transaction's first act is to lock it.
        var classId = await db.Set<ClassRegistration>().AsNoTracking().Where(r => r.Id == registrationId).Select(r => (Guid?)r.ClassId).FirstOrDefaultAsync(ct);
        if (classId is null) return Refused(404, "Classes.Errors.RegistrationNotFound");
        return await db.Retrying(c => TryCancel(classId.Value, registrationId, byEmployeeId, c), r => r.Succeeded, ct, Tries);
    }

    /// <summary>The registration if <paramref name="byEmployeeId"/> may see it (theirs, their person's, or a coordinator's charge); else null.</summary>
    public async Task<ClassRegistration?> Visible(Guid registrationId, Guid byEmployeeId, CancellationToken ct)
    {
        var registration = await db.Set<ClassRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId, ct);
        if (registration is null) return null;
        if (registration.EmployeeId == byEmployeeId) return registration;
        var person = await organisation.FindEmployee(registration.EmployeeId, ct);
        return person?.SupervisorId == byEmployeeId || await LooksAfter(byEmployeeId, registration.EmployeeId, ct) ? registration : null;
    }

    private async Task<RegistrationResult> TryCancel(Guid classId, Guid registrationId, Guid by, CancellationToken ct)
    {
        var cls = await Locked(classId, ct);
        // Someone else's registration is simply not found.
        if (await Visible(registrationId, by, ct) is null) return Refused(404, "Classes.Errors.RegistrationNotFound");
        var registration = await db.Set<ClassRegistration>().FirstAsync(r => r.Id == registrationId, ct);
        if (cls is null) return Refused(404, "Classes.Errors.NotFound");
        if (!registration.IsOpen) return Refused(409, "Classes.Errors.NotOpen");
        var now = Now;
        if (now >= cls.RegistrationClosesAt && cls.Status == ClassStatuses.Scheduled)
            return Refused(409, "Classes.Errors.CancelClosed");

        var held = registration.Status == RegistrationStatuses.Registered;
        registration.Cancel(by == registration.EmployeeId ? null : "cancelled-by-other", now);
        cls.PlacesChanged(now); // the queue changed too: the places' revision orders it against every other change
        if (held) await FreePlace(cls, registration.ReservationId, ct);
        await db.SaveChangesAsync(ct);
        if (Paths is { } engine)
        {
            // The path ends with the registration, in the same transaction.
            await engine.Cancelled(registration.PathInstanceId, ct);
            await db.SaveChangesAsync(ct);
        }
        return new RegistrationResult(registration.Id, registration.Status, null, 204);
    }

    // A place held by a registration is free again: one named from a reservation goes back to it (still the team's, unnamed);
    // any other goes at once to the first in the queue.
    private async Task FreePlace(Class cls, Guid? reservationId, CancellationToken ct)
    {
        if (reservationId is { } id && await db.Set<ClassReservation>().FirstOrDefaultAsync(r => r.Id == id, ct) is { } reservation)
        {
            reservation.Unname();
            return;
        }
        cls.ReleasePlace(Now);
        await Promote(cls, 1, ct);
    }

    /// <summary>Moves up to <paramref name="places"/> people from the head of the queue into free places, and tells each.</summary>
    private async Task Promote(Class cls, int places, CancellationToken ct)
    {
        if (places <= 0 || cls.PlacesLeft == 0) return;
        var first = await db.Set<ClassRegistration>()
            .Where(r => r.ClassId == cls.Id && r.Status == RegistrationStatuses.Waitlisted)
            .OrderBy(r => r.QueueNumber).Take(Math.Min(places, cls.PlacesLeft)).ToListAsync(ct);
        foreach (var next in first)
        {
            if (!cls.TakePlace(Now)) break;
            next.Register(null, Now);
            await notifier.NotifyEmployee(next.EmployeeId, new Notice($"class-place:{next.Id}", "Classes.Notices.Promoted", [cls.Title],
                $"/classes/{cls.Id}", NoticeKind.Messages), ct);
        }
    }

    // ------------------------------------------------------------------ supervisors' reserved places

    /// <summary>A supervisor holds <paramref name="places"/> more places for their team (taken from capacity at once).</summary>
    public Task<ReservationResult> Reserve(Guid classId, Guid supervisorId, int places, CancellationToken ct) =>
        db.Retrying(async c =>
        {
            if (places is < 1 or > 1000) return Reserved(null, 400, "Classes.Errors.Places");
            var cls = await Locked(classId, c);
            if (cls is null) return Reserved(null, 404, "Classes.Errors.NotFound");
            if ((await organisation.Subordinates(supervisorId, false, c)).Count == 0) return Reserved(null, 403, "Classes.Errors.NoTeam");
            if (!cls.RegistrationOpen(Now)) return Reserved(null, 400, "Classes.Errors.RegistrationClosed");
            if (cls.PlacesLeft < places) return Reserved(null, 409, "Classes.Errors.NotEnoughPlaces", cls.PlacesLeft);
            var reservation = await db.Set<ClassReservation>().FirstOrDefaultAsync(r => r.ClassId == classId && r.SupervisorId == supervisorId, c);
            if (reservation is null) db.Add(reservation = new ClassReservation(classId, supervisorId, places, Now));
            else reservation.Resize(reservation.Places + places);
            for (var n = 0; n < places; n++) cls.TakePlace(Now);
            await db.SaveChangesAsync(c);
            return new ReservationResult(reservation.Id, reservation.Places, reservation.Named, null, 201);
        }, r => r.Succeeded, ct, Tries);

    /// <summary>Gives back up to <paramref name="places"/> unnamed places; each goes to the first in the queue.</summary>
    public Task<ReservationResult> Release(Guid classId, Guid supervisorId, int places, CancellationToken ct) =>
        db.Retrying(async c =>
        {
            if (places < 1) return Reserved(null, 400, "Classes.Errors.Places");
            var cls = await Locked(classId, c);
            var reservation = cls is null ? null
                : await db.Set<ClassReservation>().FirstOrDefaultAsync(r => r.ClassId == classId && r.SupervisorId == supervisorId, c);
            if (cls is null || reservation is null) return Reserved(null, 404, "Classes.Errors.ReservationNotFound");
            if (reservation.Unnamed < places) return Reserved(reservation, 409, "Classes.Errors.ReleaseTooMany", reservation.Unnamed);
            reservation.Resize(reservation.Places - places);
            for (var n = 0; n < places; n++) cls.ReleasePlace(Now);
            await Promote(cls, places, c);
            await db.SaveChangesAsync(c);
            return new ReservationResult(reservation.Id, reservation.Places, reservation.Named, null, 200);
        }, r => r.Succeeded, ct, Tries);

    private ReservationResult Reserved(ClassReservation? r, int status, string key, params object[] args) =>
        new(r?.Id, r?.Places ?? 0, r?.Named ?? 0, text[key, args], status);

    /// <summary>The person's open registration for the class, if any.</summary>
    public Task<ClassRegistration?> OpenOf(Guid classId, Guid employeeId, CancellationToken ct) =>
        db.Set<ClassRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.ClassId == classId && r.EmployeeId == employeeId
            && (r.Status == RegistrationStatuses.Registered || r.Status == RegistrationStatuses.Waitlisted || r.Status == RegistrationStatuses.PendingApproval), ct);

    // ------------------------------------------------------------------ the path engine's side (IClassPlaces)

    public async Task<ClassRules?> Rules(Guid classId, CancellationToken ct)
    {
        var c = await db.Set<Class>().AsNoTracking().Include(x => x.Sessions).FirstOrDefaultAsync(x => x.Id == classId, ct);
        if (c is null) return null;
        var held = c.Sessions.Where(s => !s.Cancelled).ToList();
        return new ClassRules(c.Id, c.CourseSlug, c.Title, c.Jp, c.Competencies, c.Approval, c.AttendanceShare, c.PostTest, c.Evaluation,
            held.Count == 0 ? null : held.Min(s => s.StartsAt), held.Count == 0 ? null : held.Max(s => s.EndsAt));
    }

    public async Task<string?> Claim(Guid classId, Guid employeeId, CancellationToken ct)
    {
        var registration = await OpenRegistration(classId, employeeId, ct);
        if (registration is null) return null;
        if (registration.Status != RegistrationStatuses.PendingApproval) return registration.Status;
        // Takes its turn with registrations and cancellations of the class (in the approval's transaction).
        var cls = await Locked(classId, ct) ?? throw new InvalidOperationException($"Class {classId} is gone.");
        var person = await organisation.FindEmployee(employeeId, ct);
        if (person is null) return registration.Status;
        await ClaimFor(cls, registration, person, ct);
        if (registration.Status == RegistrationStatuses.Registered)
            await notifier.NotifyEmployee(employeeId, new Notice($"class-place:{registration.Id}", "Classes.Notices.Registered", [cls.Title],
                $"/classes/{cls.Id}", NoticeKind.Messages), ct);
        return registration.Status;
    }

    public async Task Reject(Guid classId, Guid employeeId, string? reason, CancellationToken ct)
    {
        var registration = await OpenRegistration(classId, employeeId, ct);
        if (registration is null) return;
        var held = registration.Status == RegistrationStatuses.Registered;
        registration.Reject(reason, Now);
        var cls = await Locked(classId, ct) ?? throw new InvalidOperationException($"Class {classId} is gone.");
        cls.PlacesChanged(Now);
        if (held) await FreePlace(cls, registration.ReservationId, ct);
    }

    public async Task<ClassProgress> Progress(Guid classId, Guid employeeId, CancellationToken ct)
    {
        var cls = await db.Set<Class>().AsNoTracking().FirstAsync(c => c.Id == classId, ct);
        var held = await db.Set<ClassSession>().Where(s => s.ClassId == classId && !s.Cancelled).Select(s => s.Id).ToListAsync(ct);
        var attended = await db.Set<Attendance>().CountAsync(a => a.ClassId == classId && a.EmployeeId == employeeId && held.Contains(a.SessionId), ct);
        var required = RequiredSessions(held.Count, cls.AttendanceShare);
        var status = await db.Set<ClassRegistration>().Where(r => r.ClassId == classId && r.EmployeeId == employeeId)
            .OrderByDescending(r => r.CreatedAt).Select(r => r.Status).FirstOrDefaultAsync(ct);
        return new ClassProgress(attended, held.Count, required, held.Count > 0 && attended >= required, status);
    }

    /// <summary>Sessions needed for a share: rounded up (75 % of 3 sessions is 3), at least one when any is held.</summary>
    public static int RequiredSessions(int held, decimal share) =>
        held == 0 ? 0 : Math.Clamp((int)Math.Ceiling(held * Math.Clamp(share, 0m, 1m) - 0.0000001m), 1, held);

    public async Task Complete(Guid classId, Guid employeeId, CancellationToken ct)
    {
        var registration = await db.Set<ClassRegistration>()
            .FirstOrDefaultAsync(r => r.ClassId == classId && r.EmployeeId == employeeId && r.Status == RegistrationStatuses.Registered, ct);
        registration?.Complete(Now);
    }

    private async Task<ClassRegistration?> OpenRegistration(Guid classId, Guid employeeId, CancellationToken ct) =>
        db.Set<ClassRegistration>().Local.FirstOrDefault(r => r.ClassId == classId && r.EmployeeId == employeeId && r.IsOpen)
        ?? await db.Set<ClassRegistration>().FirstOrDefaultAsync(r => r.ClassId == classId && r.EmployeeId == employeeId
            && (r.Status == RegistrationStatuses.Registered || r.Status == RegistrationStatuses.Waitlisted || r.Status == RegistrationStatuses.PendingApproval), ct);

    // ------------------------------------------------------------------ rules and plumbing

    private async Task<bool> InAudience(Class cls, EmployeeInfo person, CancellationToken ct)
    {
        if (cls.Audience.Count == 0) return true;
        if (person.PositionCode is { } position && cls.Audience.Any(a => a.Kind == AudienceKinds.Position && a.Code == position)) return true;
        foreach (var audience in cls.Audience.Where(a => a.Kind == AudienceKinds.Unit))
            if (await organisation.FindUnit(audience.Code, ct) is { } unit
                && (await organisation.UnitAndDescendants(unit.Id, ct)).Contains(person.UnitId)) return true;
        return false;
    }

    private async Task<bool> LooksAfter(Guid coordinatorId, Guid employeeId, CancellationToken ct) =>
        (await coordinators.CoordinatorsOf(employeeId, ct)).Any(c => c.Id == coordinatorId);

    // The class's row, locked for this transaction first (a no-op update), then read: whoever comes next waits for the commit.
    private async Task<Class?> Locked(Guid classId, CancellationToken ct)
    {
        await db.Set<Class>().Where(c => c.Id == classId).ExecuteUpdateAsync(s => s.SetProperty(c => c.PlacesRevision, c => c.PlacesRevision), ct);
        return await db.Set<Class>().Include(c => c.Audience).FirstOrDefaultAsync(c => c.Id == classId, ct);
    }

    private RegistrationResult Refused(int status, string key, params object[] args) => new(null, null, text[key, args], status);
}
