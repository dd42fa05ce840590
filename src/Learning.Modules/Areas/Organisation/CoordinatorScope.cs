using Learning.Organisation.Contracts;
using Microsoft.Extensions.Configuration;

namespace Learning.Organisation;

/// <summary>Team:CoordinatorScope, read once at start: "City" (default) or "OwnUnit".</summary>
public sealed record CoordinatorScopeSetting(bool OwnUnitOnly)
{
    public const string Key = "Team:CoordinatorScope";

    public static CoordinatorScopeSetting From(IConfiguration configuration)
    {
        var scope = configuration[Key] ?? "City";
        if (scope is not ("City" or "OwnUnit"))
            throw new InvalidOperationException($"Team:CoordinatorScope must be City or OwnUnit, not '{scope}'.");
        return new CoordinatorScopeSetting(scope == "OwnUnit");
    }
}

internal sealed class CoordinatorScope(IOrganisationDirectory directory, CoordinatorScopeSetting setting) : ICoordinatorScope
{
    public async Task<IReadOnlySet<Guid>?> UnitsOf(Guid? coordinatorId, CancellationToken ct)
    {
        if (!setting.OwnUnitOnly) return null;
        if (coordinatorId is not { } id || await directory.FindEmployee(id, ct) is not { } me) return new HashSet<Guid>();
        return (await directory.UnitAndDescendants(me.UnitId, ct)).ToHashSet();
    }

    public async Task<IReadOnlyList<EmployeeInfo>> CoordinatorsOf(Guid employeeId, CancellationToken ct)
    {
        var coordinators = (await directory.Coordinators(ct)).Where(c => c.Id != employeeId).ToList();
        if (coordinators.Count == 0 || !setting.OwnUnitOnly) return coordinators;
        if (await directory.FindEmployee(employeeId, ct) is not { } person) return [];
        var parents = (await directory.Units(ct)).ToDictionary(u => u.Id, u => u.ParentId);
        var above = new HashSet<Guid>();
        for (Guid? unit = person.UnitId; unit is { } u && above.Add(u); unit = parents.GetValueOrDefault(u)) { }
        return coordinators.Where(c => above.Contains(c.UnitId)).ToList();
    }
}
