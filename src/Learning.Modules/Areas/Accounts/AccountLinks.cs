using System.Security.Cryptography;
using System.Text;
using Learning.Accounts.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;

namespace Learning.Accounts;

/// <summary>
/// Single-use links that let a person choose a password by e-mail: recovery ("lupa kata sandi", an hour) and the
/// invitation sent on import (days). A link names the login, what it is for, when it ends and the login's security stamp,
/// sealed by data protection (keys shared by every node); setting a password changes the stamp, so a link works once.
/// Expiry is read on the platform's clock, so it holds whatever the server's zone.
/// </summary>
public sealed class AccountLinkTokens(IDataProtectionProvider protection, TimeProvider clock, IConfiguration configuration)
    : IUserTwoFactorTokenProvider<LearningUser>
{
    public const string Name = "AccountLinks";
    public const string Recovery = "ResetPassword"; // Identity's own purpose for ResetPasswordAsync
    public const string Invitation = "Invitation";

    private readonly IDataProtector _protector = protection.CreateProtector("Learning.Accounts.Links");

    public TimeSpan Lifespan(string purpose) => purpose == Invitation
        ? TimeSpan.FromDays(configuration.GetValue("Accounts:InvitationDays", 14))
        : TimeSpan.FromHours(1);

    public async Task<string> GenerateAsync(string purpose, UserManager<LearningUser> manager, LearningUser user)
    {
        var expires = clock.GetUtcNow().Add(Lifespan(purpose)).UtcTicks;
        var stamp = await manager.GetSecurityStampAsync(user);
        var sealedBytes = _protector.Protect(Encoding.UTF8.GetBytes($"{user.Id:N}|{purpose}|{expires}|{stamp}"));
        return WebEncoders.Base64UrlEncode(sealedBytes);
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<LearningUser> manager, LearningUser user)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))).Split('|');
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
        if (parts is not [var id, var forPurpose, var ticks, var stamp] || id != user.Id.ToString("N") || forPurpose != purpose
            || !long.TryParse(ticks, out var expires) || clock.GetUtcNow().UtcTicks >= expires) return false;
        var current = await manager.GetSecurityStampAsync(user);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stamp), Encoding.UTF8.GetBytes(current));
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<LearningUser> manager, LearningUser user) => Task.FromResult(false);
}

/// <summary>What asking for, sending and using those links does (the pages and the import call it).</summary>
public sealed class AccountLinks(
    LearningDbContext db, UserManager<LearningUser> users, AccountLinkTokens tokens, IOutbox outbox, Sessions sessions,
    TimeProvider clock, IMemoryCache recent, IEmailDelivery? delivery = null) : IAccountInvitations
{
    // The form sends mail: at most one link per address in a few minutes, and a few asks per client address in a quarter
    // hour, so it cannot flood anyone's inbox (kept per node: a second node doubles it, which is still no flood).
    private static readonly TimeSpan PerAddress = TimeSpan.FromMinutes(5), PerClient = TimeSpan.FromMinutes(15);
    private const int AsksPerClient = 5;

    /// <summary>Links go out by e-mail: without a mail server there is nothing to ask for.</summary>
    public bool MailConfigured => delivery?.Configured == true;

    bool IAccountInvitations.Available => MailConfigured;

    /// <summary>
    /// Queues a recovery link to the person with this address in this city, if there is one with a login; says nothing
    /// either way (the page answers the same, so it cannot tell who has an account).
    /// </summary>
    public async Task Recover(string email, string site, string client, CancellationToken ct)
    {
        if (!MailConfigured || email.Trim() is not { Length: > 3 } address || !address.Contains('@')) return;
        var normalized = users.NormalizeEmail(address);
        var asks = recent.GetOrCreate(("recovery-client", db.TenantKey, client), e => { e.AbsoluteExpirationRelativeToNow = PerClient; return new int[1]; })!;
        if (Interlocked.Increment(ref asks[0]) > AsksPerClient) return;
        if (recent.TryGetValue(("recovery-address", db.TenantKey, normalized), out _)) return;
        recent.Set(("recovery-address", db.TenantKey, normalized), true, PerAddress);
        // Someone who left (deactivated) gets no link: they could not sign in with it anyway.
        var user = await db.Set<LearningUser>().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && u.DeactivatedAt == null, ct);
        if (user?.Email is null) return;
        await Queue(user, AccountEmailKind.Recovery, AccountLinkTokens.Recovery, site);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Invites the people of these NIPs who have an e-mail address and no password yet; how many were invited.</summary>
    public async Task<int> Invite(IReadOnlyCollection<string> nips, string site, CancellationToken ct)
    {
        if (!MailConfigured || nips.Count == 0) return 0;
        var invited = 0;
        foreach (var chunk in nips.Distinct().Chunk(500))
        {
            var people = await db.Set<LearningUser>()
                .Where(u => chunk.Contains(u.UserName!) && u.PasswordHash == null && u.Email != null && u.EmployeeId != null && u.DeactivatedAt == null).ToListAsync(ct);
            foreach (var user in people)
            {
                await Queue(user, AccountEmailKind.Invitation, AccountLinkTokens.Invitation, site);
                invited++;
            }
            await db.SaveChangesAsync(ct);
        }
        return invited;
    }

    private async Task Queue(LearningUser user, AccountEmailKind kind, string purpose, string site)
    {
        var token = await users.GenerateUserTokenAsync(user, AccountLinkTokens.Name, purpose);
        var page = kind == AccountEmailKind.Invitation ? "invitation" : "recovery";
        var link = $"{site.TrimEnd('/')}/reset-password?user={user.Id:N}&token={token}&for={page}";
        outbox.Enqueue(new AccountEmail(user.Email!, user.DisplayName, user.Language, kind, link,
            clock.GetUtcNow().Add(tokens.Lifespan(purpose)).UtcDateTime));
    }

    /// <summary>Whether the link is still good (the page asks before showing the form).</summary>
    public async Task<LearningUser?> Holder(string? userId, string? token, bool invitation)
    {
        if (!Guid.TryParseExact(userId, "N", out var id) || string.IsNullOrEmpty(token)) return null;
        var user = await users.FindByIdAsync(id.ToString());
        return user is not null && await users.VerifyUserTokenAsync(user, AccountLinkTokens.Name,
            invitation ? AccountLinkTokens.Invitation : AccountLinkTokens.Recovery, token) ? user : null;
    }

    /// <summary>Sets the password the link's holder chose; every open session of theirs ends. Null when done, else why not.</summary>
    public async Task<IReadOnlyList<string>?> SetPassword(LearningUser user, string token, bool invitation, string password, CancellationToken ct)
    {
        var result = invitation
            ? await users.VerifyUserTokenAsync(user, AccountLinkTokens.Name, AccountLinkTokens.Invitation, token)
                ? await users.AddPasswordAsync(user, password)
                : IdentityResult.Failed(new IdentityError { Code = "InvalidToken" })
            : await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded) return result.Errors.Select(e => e.Code == "InvalidToken" || e.Code == "UserAlreadyHasPassword" ? "" : e.Description).ToList();
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await sessions.EndAll(user.Id, ct);
        return null;
    }
}
