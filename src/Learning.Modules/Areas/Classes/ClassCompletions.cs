using Learning.Classes.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Classes;

/// <summary>The path engine's word that a completed registration is not complete after all (IClassCompletions).</summary>
internal sealed class ClassCompletions(LearningDbContext db, TimeProvider clock) : IClassCompletions
{
    public async Task<bool> Reopen(Guid classId, Guid employeeId, CancellationToken ct)
    {
        var theirs = await db.Set<ClassRegistration>().Where(r => r.ClassId == classId && r.EmployeeId == employeeId)
            .OrderByDescending(r => r.CreatedAt).ToListAsync(ct);
        // Only the latest, and never beside an open one: one open registration per person and class (its unique index).
        if (theirs.FirstOrDefault() is not { Status: RegistrationStatuses.Completed } latest || theirs.Any(r => r.IsOpen)) return false;
        // A completed registration still holds its place (it counts as taken), so reopening takes none from the queue.
        return latest.Reopen(clock.GetUtcNow().UtcDateTime);
    }
}
