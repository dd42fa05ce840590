using Learning.Classes.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Classes;

public sealed class ClassDirectory(LearningDbContext db) : IClassDirectory
{
    public async Task<ClassInfo?> Find(Guid classId, CancellationToken ct)
    {
        var c = await db.Set<Class>().AsNoTracking().Include(x => x.Sessions).Include(x => x.Trainers)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == classId, ct);
        return c is null ? null : new ClassInfo(c.Id, c.CourseSlug, c.Title, c.Jp, c.Status,
            c.Sessions.OrderBy(s => s.Number).Select(s => new ClassSessionInfo(s.Number, s.StartsAt, s.EndsAt, s.Venue, s.OnlineUrl, s.Cancelled)).ToList(),
            c.Trainers.Select(t => t.EmployeeId).ToList());
    }

    public Task<bool> IsParticipant(Guid classId, Guid employeeId, CancellationToken ct) =>
        db.Set<ClassRegistration>().AnyAsync(r => r.ClassId == classId && r.EmployeeId == employeeId
            && (r.Status == RegistrationStatuses.Registered || r.Status == RegistrationStatuses.Completed), ct);

    public Task<bool> IsTrainer(Guid classId, Guid employeeId, CancellationToken ct) =>
        db.Set<ClassTrainer>().AnyAsync(t => t.ClassId == classId && t.EmployeeId == employeeId, ct);
}
