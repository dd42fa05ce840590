using System.Linq.Expressions;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Organisation.Domain;
using Microsoft.EntityFrameworkCore;

namespace Learning.Organisation;

internal sealed class OrganisationDirectory(LearningDbContext db) : IOrganisationDirectory
{
    // Filtered and ordered on the entity: EF cannot translate conditions on a record built by its constructor.
    private IQueryable<EmployeeInfo> Employees(Expression<Func<Employee, bool>> filter) =>
        from e in db.Set<Employee>().AsNoTracking().Where(filter)
        join u in db.Set<Unit>() on e.UnitId equals u.Id
        from p in db.Set<Position>().Where(p => p.Id == e.PositionId).DefaultIfEmpty()
        orderby e.Name
        select new EmployeeInfo(e.Id, e.Nip, e.Name, e.Email, e.Kind, u.Id, u.Code, u.Name,
            e.PositionId, p == null ? null : p.Code, p == null ? null : p.Name, e.SupervisorId, e.DeactivatedAt == null);

    public Task<EmployeeInfo?> FindEmployee(Guid employeeId, CancellationToken ct) =>
        Employees(e => e.Id == employeeId).FirstOrDefaultAsync(ct);

    public Task<EmployeeInfo?> FindEmployeeByNip(string nip, CancellationToken ct)
    {
        var normalised = Nip.Normalise(nip);
        return Employees(e => e.Nip == normalised).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<EmployeeInfo>> FindEmployees(IEnumerable<Guid> employeeIds, CancellationToken ct)
    {
        var ids = employeeIds.Distinct().ToList();
        return await Employees(e => ids.Contains(e.Id)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<EmployeeInfo>> EmployeesIn(IEnumerable<Guid> unitIds, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        return await Employees(e => ids.Contains(e.UnitId) && e.DeactivatedAt == null).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<EmployeeInfo>> EmployeesIncludingDeactivatedIn(IEnumerable<Guid> unitIds, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        return await Employees(e => ids.Contains(e.UnitId)).ToListAsync(ct);
    }

    public IQueryable<Guid> EmployeeIdsIn(IReadOnlyCollection<Guid> unitIds)
    {
        var ids = unitIds.Distinct().ToList();
        return db.Set<Employee>().Where(e => ids.Contains(e.UnitId)).Select(e => e.Id);
    }

    // The same people as Subordinates' first level: its join to the unit is kept, so the ids are exactly those.
    public IQueryable<Guid> SubordinateIds(Guid supervisorId) =>
        from e in db.Set<Employee>()
        where e.SupervisorId == supervisorId && e.DeactivatedAt == null
        join u in db.Set<Unit>() on e.UnitId equals u.Id
        select e.Id;

    public async Task<IReadOnlyList<EmployeeInfo>> Subordinates(Guid supervisorId, bool indirect, CancellationToken ct)
    {
        var result = new List<EmployeeInfo>();
        var seen = new HashSet<Guid> { supervisorId };
        var level = new List<Guid> { supervisorId };
        // One query per level of the hierarchy; a city is a few levels deep.
        while (level.Count > 0)
        {
            var ids = level;
            var found = await Employees(e => e.SupervisorId != null && ids.Contains(e.SupervisorId.Value) && e.DeactivatedAt == null).ToListAsync(ct);
            found = found.Where(e => seen.Add(e.Id)).ToList();
            result.AddRange(found);
            if (!indirect) break;
            level = found.Select(e => e.Id).ToList();
        }
        return result;
    }

    // Roles are stored joined by commas; no other role name contains "Coordinator".
    public async Task<IReadOnlyList<EmployeeInfo>> Coordinators(CancellationToken ct) =>
        await Employees(e => e.Roles.Contains(Roles.Coordinator) && e.DeactivatedAt == null).ToListAsync(ct);

    public Task<UnitInfo?> FindUnit(string code, CancellationToken ct) =>
        db.Set<Unit>().AsNoTracking().Where(u => u.Code == code)
            .Select(u => new UnitInfo(u.Id, u.Code, u.Name, u.ParentId)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<UnitInfo>> Units(CancellationToken ct) =>
        await db.Set<Unit>().AsNoTracking().OrderBy(u => u.Name)
            .Select(u => new UnitInfo(u.Id, u.Code, u.Name, u.ParentId)).ToListAsync(ct);

    public async Task<IReadOnlyList<PositionInfo>> Positions(CancellationToken ct) =>
        await db.Set<Position>().AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new PositionInfo(p.Id, p.Code, p.Name)).ToListAsync(ct);

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
