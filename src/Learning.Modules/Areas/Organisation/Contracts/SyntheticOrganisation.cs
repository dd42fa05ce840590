namespace Learning.Organisation.Contracts;

/// <summary>A unit the synthetic city generated (<c>generate-data</c>), for the parts after Organisation's.</summary>
public sealed record SyntheticUnit(Guid Id, string Code, string Name, Guid? ParentId);

/// <summary>An employee the synthetic city generated.</summary>
/// <param name="SupervisorId">Null for the heads of the units at the top.</param>
public sealed record SyntheticEmployee(Guid Id, string Nip, string Name, bool Female, Guid UnitId, string UnitCode, Guid? SupervisorId,
    IReadOnlyList<string> Roles);
