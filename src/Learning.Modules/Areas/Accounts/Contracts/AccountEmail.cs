namespace Learning.Accounts.Contracts;

public enum AccountEmailKind
{
    /// <summary>"Forgot password": a link to choose a new password, valid for an hour.</summary>
    Recovery,
    /// <summary>An invitation on import: a link to choose a first password.</summary>
    Invitation,
}

/// <summary>
/// An e-mail about a person's own login, queued in the outbox by Accounts and written and sent by the module that sends
/// e-mail (Notifications), in the person's language. <paramref name="Link"/> carries a single-use secret: it is never shown
/// anywhere else.
/// </summary>
public sealed record AccountEmail(string To, string Name, string Language, AccountEmailKind Kind, string Link, DateTime ExpiresAt);
