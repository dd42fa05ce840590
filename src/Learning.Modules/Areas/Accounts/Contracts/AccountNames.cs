namespace Learning.Accounts.Contracts;

/// <summary>The name a login shows, for pages of other modules that say who changed something.</summary>
public interface IAccountNames
{
    /// <summary>The login's display name, else its user name; null when there is no such login.</summary>
    Task<string?> Of(Guid userId, CancellationToken ct = default);
}
