using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Learning.Kernel;

/// <summary>
/// Marks rows that every page reads and only authors change: courses and their lessons, the competency
/// dictionary, position standards, path definitions, the organisation. Saving one moves the content stamp.
/// </summary>
public interface IContentRecord;

/// <summary>Marks the row of a person whose key is their employee id (the Organisation employee).</summary>
public interface IPersonRecord
{
    Guid Id { get; }
}

/// <summary>
/// Version counters that say when cached reads are stale: "content" for what authors change, and one per person
/// (employee id or user id) for everything that person's pages show. <see cref="LearningDbContext"/> moves them in
/// the same transaction as the change, by convention: a saved row moves the stamp of every person it names in a
/// Guid property called EmployeeId, SupervisorId, ApproverId or LearnerId, or ending in EmployeeId or UserId.
/// Rows changed behind the change tracker (ExecuteUpdate) move theirs with <see cref="LearningDbContext.MoveStamps"/>.
///
/// A node remembers a stamp it read for at most a quarter of a second, and forgets everything it remembers as soon as it commits
/// a change itself: its own users see their changes at once, other web nodes within a second.
/// </summary>
public sealed class Stamps(TimeProvider clock)
{
    internal const string Table = "Kernel_Stamps";
    private const string Content = "content";
    // A quarter of the promised second: the rest is for the requests that read it on a busy node (the two-node test found a
    // whole second too long). One read of a few indexed rows per key, four times a second at most, costs nothing measurable.
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    public static string Person(Guid id) => "p:" + id.ToString("N");

    /// <summary>The content stamp of one tenant (the platform's moves when the shared catalogue changes).</summary>
    public static string ContentOf(string tenantKey) => Content + ":" + tenantKey;

    private static readonly ConcurrentDictionary<(string, bool), StampKeys> ContentKeysByTenant = new();

    /// <summary>What a tenant's content reads depend on: its own content, and the shared catalogue's when it subscribes.</summary>
    public static StampKeys ContentKeys(TenantInfo tenant) => ContentKeysByTenant.GetOrAdd((tenant.Key, tenant.SubscribesToCatalogue),
        t => new StampKeys(t.Item2 && t.Item1 != Tenancy.PlatformKey ? [ContentOf(t.Item1), ContentOf(Tenancy.PlatformKey)] : [ContentOf(t.Item1)]));

    private sealed record Memo(long Value, long ReadAt, long Generation);
    private readonly ConcurrentDictionary<string, Memo> _memos = new();
    private long _generation;
    // Content stamps are remembered apart from people's: a lesson opened or completed here (many a second on a busy morning)
    // says nothing about content, and forgetting the content stamp on each made every request read it again (issue 21).
    private long _contentGeneration;

    private static bool IsContent(string key) => key.StartsWith(Content + ":", StringComparison.Ordinal);

    /// <summary>The sum of the named stamps: it moves when any of them moves.</summary>
    public ValueTask<long> Read(LearningDbContext db, StampKeys keys, CancellationToken ct) => Read(() => db, keys, ct);

    /// <summary>As above; the context is only asked for when the database must be read (a cached page needs none).</summary>
    public async ValueTask<long> Read(Func<LearningDbContext> db, StampKeys keys, CancellationToken ct)
    {
        var memoKey = keys.Joined;
        var now = clock.GetTimestamp();
        var generation = keys.Keys.All(IsContent) ? Interlocked.Read(ref _contentGeneration) : Interlocked.Read(ref _generation);
        if (_memos.TryGetValue(memoKey, out var memo) && memo.Generation == generation && clock.GetElapsedTime(memo.ReadAt, now) < Refresh)
            return memo.Value;
        var value = 0L;
        // In chunks: a city-wide coordinator's team page names every employee, more than a command may carry.
        if (keys.Keys.Count <= 1000) value = await SumOf(db(), keys.List, ct);
        else foreach (var chunk in keys.Keys.Chunk(1000)) value += await SumOf(db(), chunk.ToList(), ct);
        // Remembered only when nothing was committed here while we read: a change must never hide behind an older value.
        _memos[memoKey] = new Memo(value, now, generation);
        if (_memos.Count > 50_000) _memos.Clear(); // a bound, not a policy: memos live a second
        return value;
    }


    /// <summary>
    /// The named stamps read in the same command as a row (the session check's first look at a session: one command instead of
    /// two), and remembered as <see cref="Read(Func{LearningDbContext}, StampKeys, CancellationToken)"/> would, so the page
    /// cache's key and the layout read them from the memo. <paramref name="read"/> is given the keys and runs the command (a
    /// compiled query of the caller's, summing as <see cref="Read(Func{LearningDbContext}, StampKeys, CancellationToken)"/> does); null when there is no row (nothing is
    /// remembered). For a few keys (a person's), not a team's.
    /// </summary>
    public async Task<(T Row, long Stamp)?> ReadWith<T>(StampKeys keys, Func<List<string>, Task<(T Row, long Stamp)?>> read)
    {
        var now = clock.GetTimestamp();
        var generation = keys.Keys.All(IsContent) ? Interlocked.Read(ref _contentGeneration) : Interlocked.Read(ref _generation);
        if (await read(keys.List) is not { } found) return null;
        _memos[keys.Joined] = new Memo(found.Stamp, now, generation);
        if (_memos.Count > 50_000) _memos.Clear();
        return found;
    }

    // Compiled once: every page reads stamps, and EF's per-query work (the expression's parameters, the cache lookup) was a fifth
    // of a page's time (bench/README.md, "Per-page CPU").
    private static readonly CompiledQuery<Func<LearningDbContext, List<string>, CancellationToken, Task<long>>> Sum = new(() => EF.CompileAsyncQuery(
        (LearningDbContext db, List<string> ids, CancellationToken ct) => db.Set<Stamp>().Where(s => ids.Contains(s.Id)).Sum(s => s.Version)));

    private static Task<long> SumOf(LearningDbContext db, List<string> ids, CancellationToken ct) => Sum.For(db)(db, ids, ct);

    /// <summary>This node committed a change of these stamps: nothing remembered of people may be trusted, nor of content when it moved.</summary>
    internal void Moved(IEnumerable<string> keys)
    {
        if (keys.Any(IsContent)) Interlocked.Increment(ref _contentGeneration);
        Interlocked.Increment(ref _generation);
    }

    /// <summary>Moves the stamps in the database (inside the caller's transaction): one statement per 500 keys.</summary>
    internal static void Move(LearningDbContext db, IReadOnlyCollection<string> keys)
    {
        foreach (var chunk in keys.Distinct().Order(StringComparer.Ordinal).Chunk(500))
        {
            var values = string.Join(", ", chunk.Select((_, i) => $"({{{i}}}, 1)"));
            // Only placeholders and the constant table name are concatenated; the keys travel as parameters.
#pragma warning disable EF1003
            db.Database.ExecuteSqlRaw(
                $"INSERT INTO \"{Table}\" (\"Id\", \"Version\") VALUES {values} " +
                $"ON CONFLICT (\"Id\") DO UPDATE SET \"Version\" = \"{Table}\".\"Version\" + 1",
                chunk.Cast<object>().ToArray());
#pragma warning restore EF1003
        }
    }
}

/// <summary>Stamp keys read together; kept (as the team's members are) so the joined form is built once.</summary>
public sealed class StampKeys(IReadOnlyList<string> keys)
{
    /// <summary>
    /// A signed-in person's own stamps, their login's and their employee's, in the order the session check reads them: what
    /// another reader of the same request names this way finds remembered.
    /// </summary>
    public static StampKeys Personal(Guid userId, Guid? employeeId) =>
        new(employeeId is { } employee ? new List<string> { Stamps.Person(userId), Stamps.Person(employee) } : new List<string> { Stamps.Person(userId) });

    public IReadOnlyList<string> Keys { get; } = keys;
    /// <summary>The keys as a compiled query's parameter takes them.</summary>
    internal List<string> List { get; } = keys as List<string> ?? [.. keys];
    public string Joined { get; } = string.Join('|', keys);
}

/// <summary>One counter of <see cref="Stamps"/>.</summary>
public sealed class Stamp
{
    public string Id { get; set; } = "";
    public long Version { get; set; }
}
