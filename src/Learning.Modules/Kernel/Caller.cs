using System.Security.Claims;

namespace Learning.Kernel;

// The words every module authorises with: the role names and the claims a signed-in person carries. They are frame, like
// the clock: Accounts issues them (Identity, sign-in, the claims factory) and Organisation imports who holds which role,
// but every module reads them, and Organisation, which Accounts builds on, could not use them if Accounts owned them.

/// <summary>Role names; Learner is everyone's.</summary>
public static class Roles
{
    public const string Learner = "Learner";
    public const string Supervisor = "Supervisor";
    public const string Coordinator = "Coordinator";
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> All = [Learner, Supervisor, Coordinator, Administrator];
}

/// <summary>Claims every login carries, so modules can authorise without reading another module's tables.</summary>
public static class LearningClaims
{
    public const string EmployeeId = "learning:employee";
    public const string Nip = "learning:nip";
    /// <summary>The tenant a login belongs to: a cookie or token is worth nothing on another tenant's host.</summary>
    public const string Tenant = "learning:tenant";

    public static Guid? GetEmployeeId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(EmployeeId), out var id) ? id : null;

    public static Guid? GetUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
