using System.Security.Claims;

namespace Learning.Accounts.Contracts;

/// <summary>Claims every login carries, so modules can authorise without reading another module's tables.</summary>
public static class LearningClaims
{
    public const string EmployeeId = "learning:employee";
    public const string Nip = "learning:nip";

    public static Guid? GetEmployeeId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(EmployeeId), out var id) ? id : null;

    public static Guid? GetUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
