using System.Net;
using System.Net.Sockets;
using Learning.Accounts.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Learning.Accounts;

/// <summary>A sign-in attempt that has not (yet) succeeded: kept for the throttle's window, shared by every web node.</summary>
public sealed class SignInFailure
{
    public long Id { get; set; }
    /// <summary>What was typed, normalised (a NIP without spaces, a name in capitals), whether or not such a login exists.</summary>
    public string Account { get; set; } = "";
    public string Address { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>
/// Limits for <see cref="SignInThrottle"/>: after Limit failures in the window, each further attempt of that scope waits
/// FirstDelay, doubled per failure, at most MaxDelay. The account scope alone (failures from any address) waits at most
/// a short while, so strangers cannot keep the owner out.
/// </summary>
public sealed record ThrottleRule(int Limit, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    public TimeSpan DelayAfter(int failures) => failures < Limit
        ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * (1L << Math.Min(failures - Limit, 30))));
}

public sealed class SignInThrottleOptions
{
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);
    public ThrottleRule AccountAndAddress { get; init; } = new(5, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15));
    public ThrottleRule Address { get; init; } = new(20, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15));
    public ThrottleRule Account { get; init; } = new(20, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));

    public static SignInThrottleOptions From(IConfiguration configuration)
    {
        var s = configuration.GetSection("Accounts:Throttle");
        var first = TimeSpan.FromSeconds(s.GetValue("FirstDelaySeconds", 30));
        var max = TimeSpan.FromMinutes(s.GetValue("MaxDelayMinutes", 15));
        return new SignInThrottleOptions
        {
            Window = TimeSpan.FromMinutes(s.GetValue("WindowMinutes", 15)),
            AccountAndAddress = new(s.GetValue("PerAccountAndAddress", 5), first, max),
            Address = new(s.GetValue("PerAddress", 20), first, max),
            Account = new(s.GetValue("PerAccount", 20), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(s.GetValue("AccountMaxDelaySeconds", 30))),
        };
    }
}

/// <summary>The outcome of a checked sign-in: the login when the password was right, or how long to wait.</summary>
public sealed record SignInCheck(LearningUser? User, TimeSpan RetryAfter)
{
    public bool Throttled => RetryAfter > TimeSpan.Zero;
}

/// <summary>
/// Checks a name and password with throttling instead of a lock: failures are counted per address, per account and
/// per both in a window (a table, so every node sees them); past a limit the attempt is not checked at all and the caller
/// answers 429 with Retry-After. An unknown name, a login without a password and a wrong password take the same work
/// (a password hash is verified in every case) and give the same answer. Each attempt is written before it is checked,
/// so a burst of parallel guesses counts in full.
/// </summary>
public sealed class SignInThrottle(LearningDbContext db, UserManager<LearningUser> users, SignInThrottleOptions options, TimeProvider clock)
{
    // Verified when there is no real hash, so a miss costs what a wrong password costs.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<LearningUser>().HashPassword(new LearningUser(), Guid.NewGuid().ToString("N")));

    /// <summary>
    /// Many people signing in at once all write here: a write that loses to another (SQLite busy, a unique clash) is tried
    /// again rather than answered 409, as nothing the person did was wrong.
    /// </summary>
    public async Task<SignInCheck> Check(HttpContext http, string typedName, string password, CancellationToken ct)
    {
        var (user, wait) = await Guard(http, typedName, c => CheckPassword(typedName, password), ct);
        return new SignInCheck(user, wait);
    }

    /// <summary>
    /// Any proof typed for an account (a password, an activation code) counted as sign-in attempts are: <paramref name="attempt"/>
    /// runs only when the throttle allows it, and its null answer counts as a failure.
    /// </summary>
    public Task<(T? Result, TimeSpan RetryAfter)> Guard<T>(HttpContext http, string typedName, Func<CancellationToken, Task<T?>> attempt,
        CancellationToken ct) where T : class =>
        db.Retrying(c => GuardOnce(http, typedName, attempt, c), ct);

    private async Task<LearningUser?> CheckPassword(string typedName, string password)
    {
        var user = await LoginLookup.Find(users, typedName);
        if (user?.PasswordHash is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new LearningUser(), DummyHash.Value, password);
            return null;
        }
        return await users.CheckPasswordAsync(user, password) ? user : null;
    }

    private async Task<(T? Result, TimeSpan RetryAfter)> GuardOnce<T>(HttpContext http, string typedName, Func<CancellationToken, Task<T?>> check,
        CancellationToken ct) where T : class
    {
        var account = AccountKey(typedName);
        var address = AddressKey(http.Connection.RemoteIpAddress);
        var now = clock.GetUtcNow().UtcDateTime;

        var attempt = new SignInFailure { Account = account, Address = address, At = now };
        db.Add(attempt);
        await db.SaveChangesAsync(ct);

        var since = now - options.Window;
        var earlier = await db.Set<SignInFailure>().AsNoTracking()
            .Where(f => f.Id < attempt.Id && f.At >= since && (f.Account == account || f.Address == address))
            .Select(f => new { f.Account, f.Address, f.At }).ToListAsync(ct);
        var wait = new[]
        {
            Wait(options.AccountAndAddress, earlier.Where(f => f.Account == account && f.Address == address).Select(f => f.At).ToList(), now),
            Wait(options.Address, earlier.Where(f => f.Address == address).Select(f => f.At).ToList(), now),
            Wait(options.Account, earlier.Where(f => f.Account == account).Select(f => f.At).ToList(), now),
        }.Max();
        if (wait > TimeSpan.Zero)
        {
            // Not checked, so not a failure: waiting is the only way on.
            await Forget(attempt, ct);
            return (null, wait);
        }

        var result = await check(ct);
        if (result is null)
        {
            // Now and then, not on every attempt: rows older than the window are of no use to anyone.
            if (attempt.Id % 50 == 0) await db.Set<SignInFailure>().Where(f => f.At < since).ExecuteDeleteAsync(ct);
            return (null, TimeSpan.Zero);
        }
        // The owner is in: their failures from this address are forgotten (others' are not).
        await db.Set<SignInFailure>().Where(f => f.Account == account && f.Address == address).ExecuteDeleteAsync(ct);
        db.Entry(attempt).State = EntityState.Detached;
        return (result, TimeSpan.Zero);
    }

    private async Task Forget(SignInFailure attempt, CancellationToken ct)
    {
        db.Remove(attempt);
        await db.SaveChangesAsync(ct);
    }

    private static TimeSpan Wait(ThrottleRule rule, List<DateTime> failures, DateTime now)
    {
        if (failures.Count < rule.Limit) return TimeSpan.Zero;
        var until = failures.Max() + rule.DelayAfter(failures.Count);
        return until > now ? until - now : TimeSpan.Zero;
    }

    internal static string AccountKey(string typed)
    {
        var trimmed = typed.Trim();
        var asNip = Organisation.Contracts.Nip.Normalise(trimmed);
        var key = asNip.Length > 0 && asNip.All(char.IsAsciiDigit) ? asNip : trimmed.ToUpperInvariant();
        return key.Length > 256 ? key[..256] : key;
    }

    /// <summary>The connection's address (forwarded headers are not trusted); an IPv6 client counts by its /64.</summary>
    internal static string AddressKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
