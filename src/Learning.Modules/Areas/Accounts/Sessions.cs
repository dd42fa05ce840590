using System.Collections.Concurrent;
using System.Security.Claims;
using Learning.Accounts.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Accounts;

/// <summary>
/// One signed-in browser or one bearer token. The cookie or token names its row; a request whose row is gone is
/// treated as anonymous. Logging out removes the row; a password reset or change removes every row of that person.
/// </summary>
public sealed class Session
{
    public Guid Id { get; set; } = Ids.New();
    /// <summary>Named so: saving or removing a row moves the person's stamp, which every node reads before trusting a memo.</summary>
    public Guid UserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

/// <summary>Starts, checks and ends sessions (<see cref="Session"/>).</summary>
public sealed class Sessions(LearningDbContext db, OpenSessions memo, TimeProvider clock)
{
    public const string Claim = "learning:session";
    public const string MustChangePasswordClaim = "learning:must-change-password";

    /// <summary>A cookie's row lives as long as the cookie may (renewals extend it, <see cref="Extend"/>).</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(14);

    /// <summary>Starts a session; a write lost to another sign-in at the same moment is tried again (<see cref="Conflicts.Retrying{T}"/>).</summary>
    public Task<Guid> Start(Guid userId, DateTimeOffset expiresAt, CancellationToken ct) =>
        db.Retrying(c => StartOnce(userId, expiresAt, c), ct);

    private async Task<Guid> StartOnce(Guid userId, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A person's finished sessions go when they start a new one: the table holds live sessions and a few stale ones.
        await db.Set<Session>().Where(s => s.UserId == userId && s.ExpiresAt < now).ExecuteDeleteAsync(ct);
        var session = new Session { UserId = userId, CreatedAt = now, ExpiresAt = expiresAt.UtcDateTime };
        db.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>Signs the browser in with a new session (the cookie carries its id).</summary>
    public async Task SignIn(SignInManager<LearningUser> signIn, LearningUser user, CancellationToken ct, IReadOnlyList<Claim>? extra = null)
    {
        var id = await Start(user.Id, clock.GetUtcNow() + CookieLifetime, ct);
        await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = true }, [new Claim(Claim, id.ToString()), .. extra ?? []]);
    }

    public async Task End(Guid sessionId, CancellationToken ct)
    {
        if (await db.Set<Session>().FindAsync([sessionId], ct) is not { } session) return;
        db.Remove(session);
        await db.SaveChangesAsync(ct);
        memo.Forget(sessionId);
    }

    /// <summary>Ends every session and bearer token of the person, on every node (within a second on the others).</summary>
    public async Task EndAll(Guid userId, CancellationToken ct)
    {
        await db.Set<Session>().Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        db.MoveStamps([userId]);
        memo.ForgetUser(userId);
    }

    public async Task Extend(Guid sessionId, DateTimeOffset expiresAt, CancellationToken ct) =>
        await db.Set<Session>().Where(s => s.Id == sessionId && s.ExpiresAt < expiresAt.UtcDateTime)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, expiresAt.UtcDateTime), ct);
}

/// <summary>
/// Says whether a principal's session is still open. Cheap on a repeat request: this node remembers the sessions it found
/// open with the person's stamps at that time, and asks the database again only when those stamps moved (they move when
/// a session of the person starts or ends, on any node); the stamps are the ones a cached page of theirs reads anyway.
/// </summary>
public sealed class OpenSessions(Stamps stamps, TimeProvider clock)
{
    private sealed record Entry(Guid UserId, long Stamp, DateTime ExpiresAt);
    // Per tenant: a session is a row of one tenant, and a cookie shown to another (by /t/{key} on the same host) must be
    // looked up there, where it is not found, rather than taken from what this node remembers.
    private readonly ConcurrentDictionary<(string Tenant, Guid Session), Entry> _open = new();

    public async ValueTask<bool> IsOpen(ClaimsPrincipal user, IServiceProvider services, CancellationToken ct)
    {
        if (user.GetUserId() is not { } userId || !Guid.TryParse(user.FindFirstValue(Sessions.Claim), out var sessionId)) return false;
        // Only the person's stamps: a session starts and ends with them; an author's change to content is no reason to ask again.
        var personal = StampKeys.Personal(userId, user.GetEmployeeId());
        var now = clock.GetUtcNow().UtcDateTime;
        var key = (Tenancy.CurrentOrDefault(services).Key, sessionId);
        if (_open.TryGetValue(key, out var known) && known.ExpiresAt > now && known.UserId == userId
            && known.Stamp == await stamps.Read(() => services.GetRequiredService<LearningDbContext>(), personal, ct))
            return true;
        // First seen here, or the person's stamps moved: the session row and the stamps in one command (a person's first page
        // after signing in paid two), the stamps remembered for the rest of the request (page cache key, layout).
        var db = services.GetRequiredService<LearningDbContext>();
        var found = await stamps.ReadWith<DateTime>(personal, async ids =>
            await SessionWithStamps.For(db)(db, sessionId, userId, now, ids, ct) is { } row ? (row.ExpiresAt, row.Stamp) : null);
        if (found is not { } open)
        {
            _open.TryRemove(key, out _);
            return false;
        }
        var (expiresAt, stamp) = open;
        if (_open.Count > 100_000) _open.Clear(); // a bound, not a policy: a forgotten entry costs one query
        _open[key] = new Entry(userId, stamp, expiresAt);
        return true;
    }

    private sealed class SessionRow
    {
        public DateTime ExpiresAt { get; init; }
        public long Stamp { get; init; }
    }

    // Compiled once: it runs on a person's first page on a node and whenever their stamps moved (bench/README.md, "The floor,
    // fifth round"). The stamps are summed as Stamps.Read sums them.
    private static readonly CompiledQuery<Func<LearningDbContext, Guid, Guid, DateTime, List<string>, CancellationToken, Task<SessionRow?>>> SessionWithStamps =
        new(() => EF.CompileAsyncQuery((LearningDbContext db, Guid sessionId, Guid userId, DateTime now, List<string> ids, CancellationToken ct) =>
            db.Set<Session>().AsNoTracking().Where(s => s.Id == sessionId && s.UserId == userId && s.ExpiresAt > now)
                .Select(s => new SessionRow { ExpiresAt = s.ExpiresAt, Stamp = db.Set<Stamp>().Where(x => ids.Contains(x.Id)).Sum(x => x.Version) })
                .FirstOrDefault()));

    public void Forget(Guid sessionId)
    {
        foreach (var key in _open.Keys)
            if (key.Session == sessionId) _open.TryRemove(key, out _);
    }

    public void ForgetUser(Guid userId)
    {
        foreach (var (id, entry) in _open)
            if (entry.UserId == userId) _open.TryRemove(id, out _);
    }
}
