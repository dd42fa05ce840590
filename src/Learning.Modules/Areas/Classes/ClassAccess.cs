using System.Security.Claims;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Learning.Classes;

/// <summary>Who is asking: their person, whether they are the city's staff, and the units (theirs and above) and position a class's audience names.</summary>
public sealed record Viewer(Guid? EmployeeId, bool Staff, IReadOnlyList<string> UnitCodes, string? PositionCode, EmployeeInfo? Person);

/// <summary>
/// Who may join and who may see a class, in one place for the API and the pages: a class is for everyone (no audience), or
/// for people in one of its units or a unit below it, or holding one of its positions. Learners see the classes open to
/// them and those they are registered in or teach; coordinators and administrators see every class of their city.
/// </summary>
public sealed class ClassAccess(LearningDbContext db, IOrganisationDirectory directory, TimeProvider clock)
{
    public static bool IsStaff(ClaimsPrincipal user) => user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Administrator);

    public async Task<Viewer> Of(ClaimsPrincipal user, CancellationToken ct)
    {
        var staff = IsStaff(user);
        if (user.GetEmployeeId() is not { } id || await directory.FindEmployee(id, ct) is not { } person) return new(null, staff, [], null, null);
        // The person's unit and every unit above it: an audience naming a parent unit takes in the units below.
        var units = (await directory.Units(ct)).ToDictionary(u => u.Id);
        var codes = new List<string>();
        for (var at = (Guid?)person.UnitId; at is { } u && units.TryGetValue(u, out var unit) && codes.Count < 64; at = unit.ParentId) codes.Add(unit.Code);
        return new(id, staff, codes, person.PositionCode, person);
    }

    /// <summary>Classes whose audience takes the viewer in (any status).</summary>
    public IQueryable<Class> ForAudience(Viewer v)
    {
        var units = v.UnitCodes.ToList();
        var position = v.PositionCode ?? "";
        return db.Set<Class>().Where(c => !c.Audience.Any() || c.Audience.Any(a =>
            (a.Kind == AudienceKinds.Unit && units.Contains(a.Code)) || (a.Kind == AudienceKinds.Position && a.Code == position)));
    }

    /// <summary>Scheduled classes whose registration is open now and whose audience takes the viewer in.</summary>
    public IQueryable<Class> OpenFor(Viewer v)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return ForAudience(v).Where(c => c.Status == ClassStatuses.Scheduled && c.RegistrationClosesAt > now
            && (c.RegistrationOpensAt == null || c.RegistrationOpensAt <= now));
    }

    /// <summary>The class if the viewer may see it, else null (answered as if it did not exist).</summary>
    public async Task<Class?> Visible(Guid id, Viewer v, CancellationToken ct)
    {
        var cls = await db.Set<Class>().Include(c => c.Sessions).Include(c => c.Trainers).Include(c => c.Audience).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cls is null) return null;
        if (v.Staff) return cls;
        if (v.EmployeeId is not { } me) return null;
        if (cls.Trainers.Any(t => t.EmployeeId == me)) return cls;
        if (await db.Set<ClassRegistration>().AnyAsync(r => r.ClassId == id && r.EmployeeId == me, ct)) return cls;
        return cls.Status == ClassStatuses.Scheduled && await ForAudience(v).AnyAsync(c => c.Id == id, ct) ? cls : null;
    }

    /// <summary>The viewer's registration for the class: the open one, else the latest.</summary>
    public async Task<ClassRegistration?> MineIn(Guid classId, Guid? employeeId, CancellationToken ct)
    {
        if (employeeId is not { } me) return null;
        var mine = await db.Set<ClassRegistration>().AsNoTracking().Where(r => r.ClassId == classId && r.EmployeeId == me).ToListAsync(ct);
        return mine.Where(r => r.IsOpen).FirstOrDefault() ?? mine.OrderByDescending(r => r.CreatedAt).FirstOrDefault();
    }
}
