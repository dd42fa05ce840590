using System.Security.Claims;
using Learning.Kernel;

namespace Learning.Accounts;

/// <summary>A personal page belongs to the login and, for an employee, to their employee record too.</summary>
internal sealed class SignedInPageOwner : Learning.Kernel.IPageOwner
{
    public IReadOnlyList<Guid> People(ClaimsPrincipal user) => user.GetUserId() is not { } userId ? []
        : user.GetEmployeeId() is { } employeeId ? [userId, employeeId] : [userId];
}
