using System.Security.Cryptography;
using System.Text;
using Learning.Kernel;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Learning.Classes;

/// <summary>
/// A person's secret calendar feed: the token in the feed's address is looked up by its SHA-256 hash (a leaked table gives no
/// working address); the owner's page shows the address again from a copy sealed with the data-protection keys. One per person;
/// renewing replaces the token, so the old address answers 404 at once.
/// </summary>
public sealed class CalendarFeed
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid EmployeeId { get; private set; }
    public byte[] TokenHash { get; private set; } = [];
    public string SealedToken { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public int Revision { get; private set; }

    private CalendarFeed() { }

    public CalendarFeed(Guid employeeId) => EmployeeId = employeeId;

    public void Renew(byte[] tokenHash, string sealedToken, DateTime now)
    {
        TokenHash = tokenHash; SealedToken = sealedToken; CreatedAt = now; Revision++;
    }
}

/// <summary>One reminder sent for one session to one person (unique): a rerun of the job, or a second node, sends nothing again.</summary>
public sealed class SessionReminder
{
    public Guid SessionId { get; private set; }
    public Guid EmployeeId { get; private set; }
    public DateTime SentAt { get; private set; }

    private SessionReminder() { }

    public SessionReminder(Guid sessionId, Guid employeeId, DateTime sentAt) { SessionId = sessionId; EmployeeId = employeeId; SentAt = sentAt; }
}

/// <summary>Makes, shows, renews and resolves people's feed tokens (in the current tenant only: the tables are the tenant's).</summary>
public sealed class CalendarFeeds(LearningDbContext db, IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector _seal = protection.CreateProtector("Learning.Classes.CalendarFeed");

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The person's current token, or null when they have none yet.</summary>
    public async Task<string?> Token(Guid employeeId, CancellationToken ct)
    {
        var sealedToken = await db.Set<CalendarFeed>().Where(f => f.EmployeeId == employeeId).Select(f => f.SealedToken).FirstOrDefaultAsync(ct);
        if (sealedToken is not { Length: > 0 }) return null;
        try { return _seal.Unprotect(sealedToken); }
        catch (CryptographicException) { return null; } // keys lost: the person makes a new address
    }

    /// <summary>A new token for the person (the first, or instead of the old one); two renewals at once: the later wins, never a 500.</summary>
    public Task<string> Renew(Guid employeeId, CancellationToken ct) => db.Retrying(async c =>
    {
        // 24 random bytes: 192 bits, URL-safe, unguessable.
        var token = Base64Url(RandomNumberGenerator.GetBytes(24));
        var feed = await db.Set<CalendarFeed>().FirstOrDefaultAsync(f => f.EmployeeId == employeeId, c);
        if (feed is null) db.Add(feed = new CalendarFeed(employeeId));
        feed.Renew(Hash(token), _seal.Protect(token), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(c);
        return token;
    }, ct);

    /// <summary>The person whose token this is, in this tenant; null for an unknown or replaced token.</summary>
    public async Task<Guid?> Owner(string token, CancellationToken ct)
    {
        if (token.Length is < 16 or > 100) return null;
        var hash = Hash(token);
        return await db.Set<CalendarFeed>().Where(f => f.TokenHash == hash).Select(f => (Guid?)f.EmployeeId).FirstOrDefaultAsync(ct);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
