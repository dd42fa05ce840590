namespace Learning.Organisation.Contracts;

public sealed record UnitInfo(Guid Id, string Code, string Name, Guid? ParentId);

public sealed record PositionInfo(Guid Id, string Code, string Name);

public sealed record EmployeeInfo(
    Guid Id, string Nip, string Name, string? Email, AsnKind Kind,
    Guid UnitId, string UnitCode, string UnitName,
    Guid? PositionId, string? PositionCode, string? PositionName,
    Guid? SupervisorId,
    bool Active = true);

/// <summary>
/// What other modules may ask of the organisation: people, their units and their lines of report. Lists of people
/// (a unit's, a supervisor's, the coordinators) hold only the active; a person found by id or NIP may be deactivated
/// (<see cref="EmployeeInfo.Active"/>), as their records stay.
/// </summary>
public interface IOrganisationDirectory
{
    Task<EmployeeInfo?> FindEmployee(Guid employeeId, CancellationToken ct = default);
    Task<EmployeeInfo?> FindEmployeeByNip(string nip, CancellationToken ct = default);
    Task<IReadOnlyList<EmployeeInfo>> FindEmployees(IEnumerable<Guid> employeeIds, CancellationToken ct = default);

    /// <summary>Everyone whose unit is one of these (compliance per unit and for the city).</summary>
    Task<IReadOnlyList<EmployeeInfo>> EmployeesIn(IEnumerable<Guid> unitIds, CancellationToken ct = default);

    /// <summary>Everyone whose unit is one of these, the deactivated too: for records that outlive the job (SIASN export).</summary>
    Task<IReadOnlyList<EmployeeInfo>> EmployeesIncludingDeactivatedIn(IEnumerable<Guid> unitIds, CancellationToken ct = default);

    /// <summary>
    /// The ids of everyone whose unit is one of these, the deactivated too, as a query on the request's database context for
    /// another module to compose into its own (<c>ids.Contains(row.EmployeeId)</c>): the database joins it, so a unit's
    /// thousands of people never travel as a list.
    /// </summary>
    IQueryable<Guid> EmployeeIdsIn(IReadOnlyCollection<Guid> unitIds);

    /// <summary>
    /// The ids of the active people who report to the supervisor directly (as <see cref="Subordinates"/> without indirect
    /// finds them), as a query to compose like <see cref="EmployeeIdsIn"/>: a count over a team without reading the team.
    /// </summary>
    IQueryable<Guid> SubordinateIds(Guid supervisorId);

    /// <summary>The people who report to the supervisor; with <paramref name="indirect"/>, their people too.</summary>
    Task<IReadOnlyList<EmployeeInfo>> Subordinates(Guid supervisorId, bool indirect, CancellationToken ct = default);

    Task<UnitInfo?> FindUnit(string code, CancellationToken ct = default);
    Task<IReadOnlyList<UnitInfo>> Units(CancellationToken ct = default);

    /// <summary>Every position (jabatan), by code: competency standards are set per position.</summary>
    Task<IReadOnlyList<PositionInfo>> Positions(CancellationToken ct = default);

    /// <summary>The employees whose record makes them training coordinators (the Coordinator role), by name.</summary>
    Task<IReadOnlyList<EmployeeInfo>> Coordinators(CancellationToken ct = default);

    /// <summary>The unit and every unit below it.</summary>
    Task<IReadOnlyList<Guid>> UnitAndDescendants(Guid unitId, CancellationToken ct = default);
}
