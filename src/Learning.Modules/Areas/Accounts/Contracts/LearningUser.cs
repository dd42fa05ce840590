using Learning.Kernel;
using Microsoft.AspNetCore.Identity;

namespace Learning.Accounts.Contracts;

/// <summary>
/// A login. ASN log in with their NIP as user name; the employee record lives in Organisation.
/// Its tables (Accounts_*) are configured by AccountsModule, as ASP.NET Core Identity's own context would.
/// </summary>
public sealed class LearningUser : IdentityUser<Guid>
{
    public LearningUser() => Id = Ids.New();

    public string DisplayName { get; set; } = "";

    /// <summary>The employee this login belongs to (null for service accounts such as admin).</summary>
    public Guid? EmployeeId { get; set; }

    /// <summary>"id" or "en": the interface language this person chose.</summary>
    public string Language { get; set; } = "id";

    /// <summary>Set when an administrator resets the password: the user picks a new one at next login.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>Set when an administrator (or a full-roster import) deactivates the person: no sign-in, no session.</summary>
    public DateTime? DeactivatedAt { get; set; }

    public bool IsDeactivated => DeactivatedAt is not null;
}

public sealed class LearningRole : IdentityRole<Guid>
{
    public LearningRole() => Id = Ids.New();
    public LearningRole(string name) : this() { Name = name; NormalizedName = name.ToUpperInvariant(); }
}
