using Learning.Kernel;

namespace Learning.Organisation.Contracts;

/// <summary>Someone left (retired, moved to another city): Accounts closes their login and ends their sessions.</summary>
public sealed record EmployeeDeactivated(Guid EmployeeId, string Nip, string Name) : DomainEvent;

/// <summary>Someone deactivated is back: Accounts opens their login again.</summary>
public sealed record EmployeeReactivated(Guid EmployeeId, string Nip, string Name) : DomainEvent;

/// <summary>
/// Changes to a person's standing in the organisation made from the administrators' pages. Each changes the tracked
/// record without saving, so the caller's save writes it with its reactions and audit lines, or nothing.
/// </summary>
public interface IStaffChanges
{
    /// <returns>False when there is no such employee.</returns>
    Task<bool> SetActive(Guid employeeId, bool active, CancellationToken ct = default);

    /// <summary>Grants or withdraws Coordinator or Administrator in the employee record.</summary>
    /// <returns>False when there is no such employee.</returns>
    Task<bool> SetRole(Guid employeeId, string role, bool held, CancellationToken ct = default);
}
