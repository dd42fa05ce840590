using System.Security.Claims;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.Extensions.Configuration;

namespace Learning.Assignments;

/// <summary>
/// Settings of the module (Team:IncludeIndirect, Assignments:*), read once at start. Who coordinators look after is
/// Organisation's (ICoordinatorScope), the yearly JP CareerRecords' (IJpStanding), the city's date the clock's.
/// </summary>
public sealed class AssignmentsOptions
{
    /// <summary>Team:IncludeIndirect — a supervisor also sees (and assigns to) their people's people.</summary>
    public bool IncludeIndirect { get; init; }

    /// <summary>Assignments:ReminderDays — days before the due date a learner is reminded (default 7 and 1).</summary>
    public IReadOnlyList<int> ReminderDays { get; init; } = [7, 1];

    /// <summary>Items handled per transaction by the jobs, so memory stays bounded whatever the city's size.</summary>
    public int BatchSize { get; init; } = 500;

    public static AssignmentsOptions From(IConfiguration configuration)
    {
        var days = configuration.GetSection("Assignments:ReminderDays").Get<int[]>() is { Length: > 0 } d ? d : [7, 1];
        if (days.Any(x => x < 0)) throw new InvalidOperationException("Assignments:ReminderDays must be days before the due date (0 or more).");
        return new AssignmentsOptions
        {
            IncludeIndirect = configuration.GetValue("Team:IncludeIndirect", false),
            ReminderDays = days.Distinct().OrderDescending().ToList(),
            BatchSize = Math.Max(1, configuration.GetValue("Assignments:BatchSize", 500)),
        };
    }
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

public sealed class TeamScope(IOrganisationDirectory directory, ICoordinatorScope coordinators, AssignmentsOptions options)
{
    // A supervisor's people, read once per request: the team page, its cache stamps and the menu's badge all ask.
    private readonly Dictionary<Guid, IReadOnlyList<EmployeeInfo>> _subordinates = [];

    private async Task<IReadOnlyList<EmployeeInfo>> Subordinates(Guid supervisorId, CancellationToken ct)
    {
        if (!_subordinates.TryGetValue(supervisorId, out var people))
            _subordinates[supervisorId] = people = await directory.Subordinates(supervisorId, options.IncludeIndirect, ct);
        return people;
    }

    public async Task<Scope> Of(ClaimsPrincipal user, CancellationToken ct)
    {
        var employeeId = user.GetEmployeeId();
        if (user.IsInRole(Roles.Administrator)) return new Scope(ScopeKind.Coordinator, employeeId, null);
        if (user.IsInRole(Roles.Coordinator))
        {
            var units = await coordinators.UnitsOf(employeeId, ct);
            if (units is null) return new Scope(ScopeKind.Coordinator, employeeId, null);
            return units.Count > 0 ? new Scope(ScopeKind.Coordinator, employeeId, units) : Scope.Nobody;
        }
        if (user.IsInRole(Roles.Supervisor) && employeeId is { } supervisorId) return new Scope(ScopeKind.Supervisor, supervisorId, null);
        return Scope.Nobody;
    }

    /// <summary>
    /// A supervisor's people as ids to compose into a query (the database joins them), when the team is their direct reports
    /// only; null for any other scope, whose people are read (<see cref="People"/>).
    /// </summary>
    public IQueryable<Guid>? DirectTeamIds(Scope scope) =>
        scope.Kind == ScopeKind.Supervisor && !options.IncludeIndirect ? directory.SubordinateIds(scope.EmployeeId!.Value) : null;

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
                people = await Subordinates(scope.EmployeeId!.Value, ct);
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
                var mine = (await Subordinates(scope.EmployeeId!.Value, ct)).Select(p => p.Id).ToHashSet();
                return p => mine.Contains(p.Id);
            case ScopeKind.Coordinator:
                return scope.UnitIds is { } units ? p => units.Contains(p.UnitId) : _ => true;
            default:
                return _ => false;
        }
    }
}
