namespace Learning.Accounts.Contracts;

/// <summary>What set-up and other modules may do to logins.</summary>
public interface IAccountAdministration
{
    /// <summary>Creates the login if missing (service accounts such as "admin") and adds the roles.</summary>
    Task EnsureServiceAccount(string userName, string displayName, string password, IReadOnlyList<string> roles, CancellationToken ct = default);

    /// <summary>Sets a password; returns false when there is no such login.</summary>
    Task<bool> SetPassword(string userName, string password, bool mustChangeAtNextLogin, CancellationToken ct = default);
}
