using System.Security.Claims;
using Learning.Accounts.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.Extensions.Configuration;

namespace Learning.Assignments;

/// <summary>Settings of the module (Team:*, Assignments:*), read once at start.</summary>
public sealed class AssignmentsOptions
{
    /// <summary>Team:IncludeIndirect — a supervisor also sees (and assigns to) their people's people.</summary>
    public bool IncludeIndirect { get; init; }

    /// <summary>Team:CoordinatorScope — "City" (default) or "OwnUnit": the coordinator's unit and the units below it.</summary>
    public bool CoordinatorOwnUnitOnly { get; init; }

    /// <summary>Assignments:ReminderDays — days before the due date a learner is reminded (default 7 and 1).</summary>
    public IReadOnlyList<int> ReminderDays { get; init; } = [7, 1];

    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;

    public decimal RequiredJp { get; init; } = 20;

    /// <summary>Items handled per transaction by the jobs, so memory stays bounded whatever the city's size.</summary>
    public int BatchSize { get; init; } = 500;

    public static AssignmentsOptions From(IConfiguration configuration)
    {
        var scope = configuration["Team:CoordinatorScope"] ?? "City";
        if (scope is not ("City" or "OwnUnit"))
            throw new InvalidOperationException($"Team:CoordinatorScope must be City or OwnUnit, not '{scope}'.");
        var days = configuration.GetSection("Assignments:ReminderDays").Get<int[]>() is { Length: > 0 } d ? d : [7, 1];
        if (days.Any(x => x < 0)) throw new InvalidOperationException("Assignments:ReminderDays must be days before the due date (0 or more).");
        return new AssignmentsOptions
        {
            IncludeIndirect = configuration.GetValue("Team:IncludeIndirect", false),
            CoordinatorOwnUnitOnly = scope == "OwnUnit",
            ReminderDays = days.Distinct().OrderDescending().ToList(),
            Zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["Scheduling:TimeZone"] ?? "Asia/Jakarta"),
            RequiredJp = configuration.GetValue("CareerRecords:RequiredJpPerYear", 20m),
            BatchSize = Math.Max(1, configuration.GetValue("Assignments:BatchSize", 500)),
        };
    }

    /// <summary>The city's calendar day at an instant: due dates are days in the city, not UTC.</summary>
    public DateOnly Today(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);
}

public enum ScopeKind { None, Supervisor, Coordinator }

/// <summary>
/// Whose learning the caller may see and assign: a supervisor their own people (and their people's people when
/// configured); a coordinator the city, or their unit and below; anyone else nobody.
/// </summary>
public sealed record Scope(ScopeKind Kind, Guid? EmployeeId, IReadOnlySet<Guid>? UnitIds)
{
    public static readonly Scope Nobody = new(ScopeKind.None, null, null);
    public bool IsCity => Kind == ScopeKind.Coordinator && UnitIds is null;
}

public sealed class TeamScope(IOrganisationDirectory directory, AssignmentsOptions options)
{
    public async Task<Scope> Of(ClaimsPrincipal user, CancellationToken ct)
    {
        var employeeId = user.GetEmployeeId();
        if (user.IsInRole(Roles.Administrator)) return new Scope(ScopeKind.Coordinator, employeeId, null);
        if (user.IsInRole(Roles.Coordinator))
        {
            if (!options.CoordinatorOwnUnitOnly) return new Scope(ScopeKind.Coordinator, employeeId, null);
            if (employeeId is { } id && await directory.FindEmployee(id, ct) is { } me)
                return new Scope(ScopeKind.Coordinator, id, (await directory.UnitAndDescendants(me.UnitId, ct)).ToHashSet());
            return Scope.Nobody;
        }
        if (user.IsInRole(Roles.Supervisor) && employeeId is { } supervisorId) return new Scope(ScopeKind.Supervisor, supervisorId, null);
        return Scope.Nobody;
    }

    /// <summary>Everyone in scope, optionally only in a unit (and below); null when the unit is unknown.</summary>
    public async Task<IReadOnlyList<EmployeeInfo>?> People(Scope scope, string? unitCode, CancellationToken ct)
    {
        IReadOnlySet<Guid>? unitFilter = null;
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            if (await directory.FindUnit(unitCode.Trim(), ct) is not { } unit) return null;
            unitFilter = (await directory.UnitAndDescendants(unit.Id, ct)).ToHashSet();
        }
        IReadOnlyList<EmployeeInfo> people;
        switch (scope.Kind)
        {
            case ScopeKind.Supervisor:
                people = await directory.Subordinates(scope.EmployeeId!.Value, options.IncludeIndirect, ct);
                break;
            case ScopeKind.Coordinator:
                var units = unitFilter is null ? scope.UnitIds ?? (await directory.Units(ct)).Select(u => u.Id).ToHashSet()
                    : scope.UnitIds is null ? unitFilter : unitFilter.Where(scope.UnitIds.Contains).ToHashSet();
                people = await directory.EmployeesIn(units, ct);
                break;
            default:
                return [];
        }
        return unitFilter is null ? people : people.Where(p => unitFilter.Contains(p.UnitId)).ToList();
    }

    /// <summary>Whether one person is within the scope (one query for a supervisor, none for the city).</summary>
    public async Task<Func<EmployeeInfo, bool>> Contains(Scope scope, CancellationToken ct)
    {
        switch (scope.Kind)
        {
            case ScopeKind.Supervisor:
                var mine = (await directory.Subordinates(scope.EmployeeId!.Value, options.IncludeIndirect, ct)).Select(p => p.Id).ToHashSet();
                return p => mine.Contains(p.Id);
            case ScopeKind.Coordinator:
                return scope.UnitIds is { } units ? p => units.Contains(p.UnitId) : _ => true;
            default:
                return _ => false;
        }
    }
}
