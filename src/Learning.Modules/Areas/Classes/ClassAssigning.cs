using Learning.Classes.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Classes;

/// <summary>Assignments' way into class registrations: every place still goes through <see cref="ClassRegistrations"/>.</summary>
public sealed class ClassAssigning(LearningDbContext db, ClassRegistrations registrations, TimeProvider clock) : IClassAssigning
{
    public async Task<IReadOnlyList<OpenClassInfo>> Open(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var classes = await db.Set<Class>().AsNoTracking().Include(c => c.Sessions)
            .Where(c => c.Status == ClassStatuses.Scheduled && c.RegistrationClosesAt > now && (c.RegistrationOpensAt == null || c.RegistrationOpensAt <= now))
            .ToListAsync(ct);
        return classes.Select(Info).OrderBy(c => c.FirstStartsAt ?? DateTime.MaxValue).ThenBy(c => c.Title, StringComparer.Ordinal).ToList();
    }

    public async Task<OpenClassInfo?> Find(Guid classId, CancellationToken ct) =>
        await db.Set<Class>().AsNoTracking().Include(c => c.Sessions).FirstOrDefaultAsync(c => c.Id == classId, ct) is { } c ? Info(c) : null;

    private static OpenClassInfo Info(Class c)
    {
        var held = c.Sessions.Where(s => !s.Cancelled).ToList();
        return new OpenClassInfo(c.Id, c.Title, c.CourseSlug, held.Count == 0 ? null : held.Min(s => s.StartsAt), held.Count == 0 ? null : held.Max(s => s.EndsAt));
    }

    public async Task<ClassPlaceResult?> Check(Guid classId, Guid employeeId, Guid byEmployeeId, CancellationToken ct)
    {
        var problem = await registrations.Check(classId, employeeId, byEmployeeId, ct);
        return problem is null ? null : new ClassPlaceResult(null, null, null, null, false, problem.Problem, problem.StatusCode);
    }

    public async Task<ClassPlaceResult> Place(Guid classId, Guid employeeId, Guid byEmployeeId, CancellationToken ct)
    {
        if (await registrations.OpenOf(classId, employeeId, ct) is { } open) return Held(open, true);
        // Assigning is the approval (as on a course's path): the author decided for the person.
        var result = await registrations.Register(classId, employeeId, byEmployeeId, assigned: true, ct);
        if (!result.Succeeded)
            // Registered a moment ago by someone else (their own request, another assignment): that registration is theirs.
            return result.StatusCode == 409 && await registrations.OpenOf(classId, employeeId, ct) is { } raced ? Held(raced, true)
                : new ClassPlaceResult(null, null, null, null, false, result.Problem, result.StatusCode);
        var registration = await db.Set<ClassRegistration>().AsNoTracking().FirstAsync(r => r.Id == result.Id, ct);
        return Held(registration, false);
    }

    private static ClassPlaceResult Held(ClassRegistration r, bool already) =>
        new(r.Id, r.Status, r.EnrolmentId, r.PathInstanceId, already, null, already ? 200 : 201);
}
