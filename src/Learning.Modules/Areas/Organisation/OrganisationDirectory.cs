using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Organisation.Domain;
using Microsoft.EntityFrameworkCore;

namespace Learning.Organisation;

internal sealed class OrganisationDirectory(LearningDbContext db) : IOrganisationDirectory
{
    private IQueryable<EmployeeInfo> Employees =>
        from e in db.Set<Employee>().AsNoTracking()
        join u in db.Set<Unit>() on e.UnitId equals u.Id
        join p in db.Set<Position>() on e.PositionId equals p.Id into positions
        from p in positions.DefaultIfEmpty()
        select new EmployeeInfo(e.Id, e.Nip, e.Name, e.Email, e.Kind, u.Id, u.Code, u.Name,
            e.PositionId, p == null ? null : p.Code, p == null ? null : p.Name, e.SupervisorId);

    public Task<EmployeeInfo?> FindEmployee(Guid employeeId, CancellationToken ct) =>
        Employees.FirstOrDefaultAsync(e => e.Id == employeeId, ct);

    public Task<EmployeeInfo?> FindEmployeeByNip(string nip, CancellationToken ct)
    {
        var normalised = Nip.Normalise(nip);
        return Employees.FirstOrDefaultAsync(e => e.Nip == normalised, ct);
    }

    public async Task<IReadOnlyList<EmployeeInfo>> FindEmployees(IEnumerable<Guid> employeeIds, CancellationToken ct)
    {
        var ids = employeeIds.Distinct().ToList();
        return await Employees.Where(e => ids.Contains(e.Id)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<EmployeeInfo>> Subordinates(Guid supervisorId, bool indirect, CancellationToken ct)
    {
        var result = new List<EmployeeInfo>();
        var seen = new HashSet<Guid> { supervisorId };
        var level = new List<Guid> { supervisorId };
        // One query per level of the hierarchy; a city is a few levels deep.
        while (level.Count > 0)
        {
            var ids = level;
            var found = await Employees.Where(e => e.SupervisorId != null && ids.Contains(e.SupervisorId.Value))
                .OrderBy(e => e.Name).ToListAsync(ct);
            found = found.Where(e => seen.Add(e.Id)).ToList();
            result.AddRange(found);
            if (!indirect) break;
            level = found.Select(e => e.Id).ToList();
        }
        return result;
    }

    public Task<UnitInfo?> FindUnit(string code, CancellationToken ct) =>
        db.Set<Unit>().AsNoTracking().Where(u => u.Code == code)
            .Select(u => new UnitInfo(u.Id, u.Code, u.Name, u.ParentId)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<UnitInfo>> Units(CancellationToken ct) =>
        await db.Set<Unit>().AsNoTracking().OrderBy(u => u.Name)
            .Select(u => new UnitInfo(u.Id, u.Code, u.Name, u.ParentId)).ToListAsync(ct);

    public async Task<IReadOnlyList<Guid>> UnitAndDescendants(Guid unitId, CancellationToken ct)
    {
        var all = await db.Set<Unit>().AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(ct);
        var children = all.Where(u => u.ParentId != null).ToLookup(u => u.ParentId!.Value, u => u.Id);
        var result = new List<Guid>();
        var stack = new Stack<Guid>([unitId]);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (result.Contains(id)) continue;
            result.Add(id);
            foreach (var child in children[id]) stack.Push(child);
        }
        return result;
    }
}
