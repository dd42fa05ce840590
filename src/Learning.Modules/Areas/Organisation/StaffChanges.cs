using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Organisation.Domain;
using Microsoft.EntityFrameworkCore;

namespace Learning.Organisation;

internal sealed class StaffChanges(LearningDbContext db, TimeProvider clock) : IStaffChanges
{
    public async Task<bool> SetActive(Guid employeeId, bool active, CancellationToken ct)
    {
        if (await db.Set<Employee>().FirstOrDefaultAsync(e => e.Id == employeeId, ct) is not { } employee) return false;
        if (active) employee.Reactivate();
        else employee.Deactivate(clock.GetUtcNow().UtcDateTime);
        return true;
    }

    public async Task<bool> SetRole(Guid employeeId, string role, bool held, CancellationToken ct)
    {
        if (role is not (Roles.Coordinator or Roles.Administrator)) throw new ArgumentOutOfRangeException(nameof(role), role, null);
        if (await db.Set<Employee>().FirstOrDefaultAsync(e => e.Id == employeeId, ct) is not { } employee) return false;
        employee.SetRole(role, held);
        return true;
    }
}
