namespace Learning.Accounts.Contracts;

/// <summary>Invitations by e-mail on import (the organisation page and the command line ask; Accounts sends).</summary>
public interface IAccountInvitations
{
    /// <summary>Links go out by e-mail: without a mail server nothing can be sent.</summary>
    bool Available { get; }

    /// <summary>
    /// E-mails a link to choose a first password to the people of these NIPs who have an address, no password yet and an
    /// active account; how many were invited. <paramref name="site"/> is the city's public address the link points to.
    /// </summary>
    Task<int> Invite(IReadOnlyCollection<string> nips, string site, CancellationToken ct);
}
