using Learning.Classes.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Classes;

public sealed class ClassRosters(LearningDbContext db) : IClassRosters
{
    public async Task<IReadOnlyList<Guid>> Participants(Guid classId, CancellationToken ct = default) =>
        await db.Set<ClassRegistration>().AsNoTracking()
            .Where(r => r.ClassId == classId && (r.Status == RegistrationStatuses.Registered || r.Status == RegistrationStatuses.Completed))
            .Select(r => r.EmployeeId).Distinct().ToListAsync(ct);

    public async Task<IReadOnlyList<ClassListing>> Classes(Guid? trainerId, CancellationToken ct = default)
    {
        var classes = db.Set<Class>().AsNoTracking();
        if (trainerId is { } id) classes = classes.Where(c => db.Set<ClassTrainer>().Any(t => t.ClassId == c.Id && t.EmployeeId == id));
        var rows = await classes.Select(c => new
        {
            c.Id, c.Title, c.CourseSlug, c.CreatedAt,
            First = db.Set<ClassSession>().Where(s => s.ClassId == c.Id && !s.Cancelled).Min(s => (DateTime?)s.StartsAt),
        }).ToListAsync(ct);
        return rows.OrderByDescending(r => r.First ?? r.CreatedAt).Select(r => new ClassListing(r.Id, r.Title, r.CourseSlug, r.First)).ToList();
    }
}
