namespace Learning.Accounts.Contracts;

/// <summary>The login the synthetic city (<c>generate-data</c>) made for an employee.</summary>
public sealed record SyntheticLogin(Guid EmployeeId, Guid UserId);
