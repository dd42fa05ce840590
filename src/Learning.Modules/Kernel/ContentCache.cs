using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Kernel;

/// <summary>
/// Keeps reads of content (the catalogue, outlines, rendered lessons, the dictionary, the standards) in memory,
/// keyed by the content stamp, so a page reads none of it from the database until an author changes something.
/// Reads inside a transaction skip the cache: they may follow uncommitted changes of their own (an import checks
/// its paths against the courses it has just written).
/// </summary>
public sealed class ContentCache(IMemoryCache memory, Stamps stamps, IServiceProvider services)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);

    public async Task<T> Get<T>(LearningDbContext db, string key, Func<Task<T>> load, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return await load();
        return await Get(() => db, key, load, ct);
    }

    /// <summary>
    /// As above, outside any transaction (before the page runs: the cached page's own key), asking for the context
    /// only when the database must be read.
    /// </summary>
    public async Task<T> Get<T>(Func<LearningDbContext> db, string key, Func<Task<T>> load, CancellationToken ct)
    {
        // Per tenant: two cities' catalogues (and a subscriber's view of the shared one) are different content.
        var tenant = Tenancy.CurrentOrDefault(services);
        var entry = (tenant.Key, tenant.SubscribesToCatalogue, key, await stamps.Read(db, Stamps.ContentKeys(tenant), ct));
        if (memory.TryGetValue(entry, out T? cached)) return cached!;
        var value = await load();
        memory.Set(entry, value, new MemoryCacheEntryOptions { SlidingExpiration = Keep });
        return value;
    }
}

/// <summary>
/// Writes the stamps a transaction moved just before it commits, and tells <see cref="Stamps"/> once it has (the
/// change is visible to other requests only then).
/// </summary>
internal sealed class StampsCommitInterceptor : DbTransactionInterceptor
{
    public static readonly StampsCommitInterceptor Instance = new();

    public override InterceptionResult TransactionCommitting(System.Data.Common.DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result)
    {
        (eventData.Context as LearningDbContext)?.StampsCommitting();
        return result;
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(System.Data.Common.DbTransaction transaction,
        TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        (eventData.Context as LearningDbContext)?.StampsCommitting();
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as LearningDbContext)?.StampsCommitted();

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        (eventData.Context as LearningDbContext)?.StampsCommitted();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as LearningDbContext)?.StampsRolledBack();

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        (eventData.Context as LearningDbContext)?.StampsRolledBack();
        return Task.CompletedTask;
    }
}
