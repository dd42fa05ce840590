using Learning.Kernel;

namespace Learning.Organisation.Contracts;

/// <summary>A new employee joined the organisation; Accounts gives them a login.</summary>
public sealed record EmployeeRegistered(Guid EmployeeId, string Nip, string Name, string? Email, IReadOnlyList<string> Roles) : DomainEvent;

/// <summary>An employee's name, e-mail or roles changed.</summary>
public sealed record EmployeeDetailsChanged(Guid EmployeeId, string Nip, string Name, string? Email, IReadOnlyList<string> Roles) : DomainEvent;

/// <summary>Someone now reports to a supervisor (or to nobody, when SupervisorId is null).</summary>
public sealed record SupervisorAssigned(Guid EmployeeId, Guid? SupervisorId) : DomainEvent;
