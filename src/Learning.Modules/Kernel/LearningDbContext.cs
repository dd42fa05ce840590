using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Kernel;

/// <summary>
/// The one database context. Each module adds its model (tables prefixed with the module id), so one
/// transaction covers a change and every reaction to it. Domain events raised by entities are
/// dispatched inside that transaction, before commit.
/// </summary>
public abstract class LearningDbContext : DbContext, IDataProtectionKeyContext
{
    private readonly ModuleSet modules;
    private readonly IServiceProvider services;

    protected LearningDbContext(DbContextOptions options, ModuleSet modules, IServiceProvider services) : base(options)
    {
        this.modules = modules;
        this.services = services;
        _tenant = Tenancy.CurrentOrDefault(services);
        // Rows added take the context's tenant, and a row of another tenant is never changed: once per row, when the
        // tracker sees it, rather than by looking over everything tracked at each save (a sweep saves thousands of times).
        ChangeTracker.Tracked += (_, e) => Tenancy.OnTracked(e.Entry, TenantKey);
        ChangeTracker.StateChanged += (_, e) => Tenancy.OnStateChanged(e.Entry, TenantKey);
    }

    private const int MaxDispatchRounds = 32;

    public ModuleSet ModuleSet => modules;

    // The tenant current when the context is made (see Tenancy); without one, the configured default tenant.
    private readonly TenantInfo _tenant;

    /// <summary>The tenant whose rows this context reads and writes (its query filters read this).</summary>
    public string TenantKey => _tenant.Key;

    /// <summary>Catalogue rows the platform keeps are seen too (a subscribed tenant).</summary>
    public bool SeesSharedCatalogue => _tenant.SubscribesToCatalogue && _tenant.Key != Tenancy.PlatformKey;

    public TenantInfo Tenant => _tenant;



    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        builder.Entity<DataProtectionKey>().ToTable("Kernel_DataProtectionKeys").SharedByAllTenants();
        builder.Entity<Stamp>(b =>
        {
            b.ToTable(Stamps.Table);
            b.SharedByAllTenants(); // keys name their tenant (Stamps.ContentOf) or a person, whose id is unique everywhere
            b.Property(s => s.Id).HasMaxLength(40);
        });
        builder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("Kernel_OutboxMessages");
            b.Property(m => m.Type).HasMaxLength(300);
            b.HasIndex(m => new { m.ProcessedAt, m.OccurredAt });
        });

        foreach (var module in modules.Schema) module.ConfigureModel(builder);
        Tenancy.Apply(builder, this);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Instants are stored as UTC and come back as UTC on both SQLite and PostgreSQL.
        conventions.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        conventions.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    /// <summary>What every context needs beside its provider. The host does it once, in options it makes once: options changed
    /// in <see cref="OnConfiguring"/> are copied for every context, and EF Core then looks up its services for the copy again
    /// (a share of every page's first command; bench/README.md, "Home and memory, seventh round").</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) =>
        options.ReplaceService<IModelCacheKeyFactory, ModuleSetModelCacheKeyFactory>()
            .AddInterceptors(StampsCommitInterceptor.Instance);

    /// <summary>Whether the options already hold <paramref name="interceptor"/> (made by <see cref="Configure"/> or the like).</summary>
    protected static bool Holds(DbContextOptionsBuilder options, Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor interceptor) =>
        options.Options.FindExtension<CoreOptionsExtension>()?.Interceptors?.Contains(interceptor) == true;

    // Options made elsewhere (tests, tools) get the same, per context.
    protected override void OnConfiguring(DbContextOptionsBuilder options)
    {
        if (!Holds(options, StampsCommitInterceptor.Instance)) Configure(options);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        DetectChangesOnce();
        if (WithoutDetecting(() => PendingEvents().Any()))
            throw new InvalidOperationException("Entities raised domain events: save them with SaveChangesAsync.");
        var stamps = WithoutDetecting(ChangedStamps);
        if (stamps.Count == 0) return WithoutDetecting(() => base.SaveChanges(acceptAllChangesOnSuccess));

        using var ownTransaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var written = WithoutDetecting(() => base.SaveChanges(acceptAllChangesOnSuccess));
        MoveStamps(stamps);
        ownTransaction?.Commit();
        return written;
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        Save(lookEverywhere: true, acceptAllChangesOnSuccess, cancellationToken);

    /// <summary>
    /// Saves only what the tracker already knows changed (rows added or removed, or found by <c>Entry(x).DetectChanges()</c>),
    /// without looking over every tracked row; anything else changed is saved by the next full save of the same
    /// transaction. For a save inside a handler that knows what it touched: the path engine claims an event once per
    /// instance, thousands of times in a sweep's batch.
    /// </summary>
    public Task<int> SaveKnownChangesAsync(CancellationToken ct) => Save(lookEverywhere: false, true, ct);

    private async Task<int> Save(bool lookEverywhere, bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        if (lookEverywhere) DetectChangesOnce();
        var stamps = WithoutDetecting(ChangedStamps);
        if (stamps.Count == 0 && !WithoutDetecting(() => PendingEvents().Any()))
            return await SaveWithoutDetecting(acceptAllChangesOnSuccess, cancellationToken);

        // Save, let handlers react (they may change more and raise more), save again: all in one transaction,
        // with the stamps of everything changed (cached pages go stale exactly when the change is committed).
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var written = 0;
            for (var round = 0; ; round++)
            {
                if (round == MaxDispatchRounds)
                    throw new InvalidOperationException("Domain events keep raising each other; stopped after 32 rounds.");
                if (round > 0)
                {
                    DetectChangesOnce();
                    stamps.UnionWith(WithoutDetecting(ChangedStamps));
                }
                var events = WithoutDetecting(TakePendingEvents);
                written += await SaveWithoutDetecting(acceptAllChangesOnSuccess, cancellationToken);
                if (events.Count == 0) break;
                foreach (var run in RunsOfOneType(events)) await DispatchAsync(run, cancellationToken);
            }
            MoveStamps(stamps);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }

    // A save asks the tracker several questions (events? stamps? then the save itself), and each would look for
    // changes across every tracked row again: with thousands tracked (a sweep's batch), saving per event went
    // quadratic. One look per round, then the questions; handlers run with the caller's setting restored.
    private void DetectChangesOnce()
    {
        if (ChangeTracker.AutoDetectChangesEnabled) ChangeTracker.DetectChanges();
    }

    /// <summary>
    /// The rows of a type this unit of work tracks (as DbSet.Local, without the deleted), without first looking for changes
    /// across everything tracked as Local does: for checks on values set at creation inside a batch that tracks thousands
    /// of rows (the sweep's notices).
    /// </summary>
    public List<T> Tracked<T>() where T : class => WithoutDetecting(() =>
        ChangeTracker.Entries<T>().Where(e => e.State != EntityState.Deleted).Select(e => e.Entity).ToList());

    private T WithoutDetecting<T>(Func<T> read)
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try { return read(); }
        finally { ChangeTracker.AutoDetectChangesEnabled = detect; }
    }

    private async Task<int> SaveWithoutDetecting(bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try { return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct); }
        finally { ChangeTracker.AutoDetectChangesEnabled = detect; }
    }

    private readonly HashSet<string> _stampsToMove = new(StringComparer.Ordinal);
    private string[]? _stampsMoved;

    /// <summary>
    /// For rows changed behind the change tracker (ExecuteUpdate, ExecuteDelete): moves the stamps of the people they
    /// belong to, with the current transaction if there is one.
    /// </summary>
    public void MoveStamps(IEnumerable<Guid> people) => MoveStamps(people.Select(Stamps.Person).ToHashSet());

    /// <summary>
    /// Moves a tenant's content stamp (with the current transaction if there is one): what every page of that tenant shows
    /// changed outside its content rows (the tenant's own settings: name, logo, colour, institution).
    /// </summary>
    public void MoveContentStamp(string tenantKey) => MoveStamps([Stamps.ContentOf(tenantKey)]);

    private void MoveStamps(HashSet<string> keys)
    {
        if (keys.Count == 0) return;
        if (Database.CurrentTransaction is null)
        {
            Stamps.Move(this, keys);
            services.GetService<Stamps>()?.Moved(keys);
            return;
        }
        // Written once, just before the transaction commits: a sweep's batch saves hundreds of times.
        _stampsToMove.UnionWith(keys);
    }

    internal void StampsCommitting()
    {
        if (_stampsToMove.Count == 0) return;
        Stamps.Move(this, _stampsToMove);
        _stampsMoved = [.. _stampsToMove];
        _stampsToMove.Clear();
    }

    internal void StampsCommitted()
    {
        if (_stampsMoved is not { } moved) return;
        _stampsMoved = null;
        services.GetService<Stamps>()?.Moved(moved);
    }

    internal void StampsRolledBack()
    {
        _stampsToMove.Clear();
        _stampsMoved = null;
    }

    private HashSet<string> ChangedStamps()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is IContentRecord) keys.Add(Stamps.ContentOf(TenantKey));
            if (entry.Entity is IPersonRecord person) keys.Add(Stamps.Person(person.Id));
            foreach (var property in PersonProperties.GetOrAdd(entry.Metadata.ClrType, _ => PeopleIn(entry.Metadata)))
            {
                var value = entry.Property(property);
                if (value.CurrentValue is Guid current) keys.Add(Stamps.Person(current));
                if (entry.State == EntityState.Modified && value.OriginalValue is Guid original) keys.Add(Stamps.Person(original));
            }
        }
        return keys;
    }

    private static readonly ConcurrentDictionary<Type, string[]> PersonProperties = new();

    private static string[] PeopleIn(Microsoft.EntityFrameworkCore.Metadata.IEntityType type) => type.GetProperties()
        .Where(p => (p.ClrType == typeof(Guid) || p.ClrType == typeof(Guid?)) && !p.IsShadowProperty()
            && (p.Name is "EmployeeId" or "SupervisorId" or "ApproverId" or "LearnerId"
                || p.Name.EndsWith("EmployeeId", StringComparison.Ordinal) || p.Name.EndsWith("UserId", StringComparison.Ordinal)))
        .Select(p => p.Name).ToArray();

    private IEnumerable<IDomainEvent> PendingEvents() =>
        ChangeTracker.Entries<AggregateRoot>().SelectMany(e => e.Entity.DomainEvents);

    private List<IDomainEvent> TakePendingEvents()
    {
        var events = new List<IDomainEvent>();
        foreach (var entry in ChangeTracker.Entries<AggregateRoot>().ToList())
        {
            events.AddRange(entry.Entity.DomainEvents);
            entry.Entity.ClearDomainEvents();
        }
        return events;
    }

    // Events of one type raised in a row travel together, so a batch handler sees them at once; the order of the runs
    // is the order the events were raised in.
    private static IEnumerable<List<IDomainEvent>> RunsOfOneType(List<IDomainEvent> events)
    {
        List<IDomainEvent>? run = null;
        foreach (var domainEvent in events)
        {
            if (run is not null && run[0].GetType() != domainEvent.GetType())
            {
                yield return run;
                run = null;
            }
            (run ??= []).Add(domainEvent);
        }
        if (run is not null) yield return run;
    }

    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, List<IDomainEvent>, CancellationToken, Task>> Dispatchers = new();

    private Task DispatchAsync(List<IDomainEvent> run, CancellationToken cancellationToken) =>
        Dispatchers.GetOrAdd(run[0].GetType(), BuildDispatcher)(services, run, cancellationToken);

    private static Func<IServiceProvider, List<IDomainEvent>, CancellationToken, Task> BuildDispatcher(Type eventType)
    {
        var method = typeof(LearningDbContext)
            .GetMethod(nameof(DispatchTyped), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(eventType);
        return method.CreateDelegate<Func<IServiceProvider, List<IDomainEvent>, CancellationToken, Task>>();
    }

    // Each handler takes the whole run before the next handler starts (a batch handler in one call).
    private static async Task DispatchTyped<TEvent>(IServiceProvider services, List<IDomainEvent> run, CancellationToken cancellationToken)
        where TEvent : IDomainEvent
    {
        var events = run.ConvertAll(e => (TEvent)e);
        foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
        {
            if (handler is IDomainEventBatchHandler<TEvent> batch) await batch.HandleAll(events, cancellationToken);
            else foreach (var domainEvent in events) await handler.Handle(domainEvent, cancellationToken);
        }
    }

    // Public: the compiled models (Learning.Web, Data/CompiledModels) name them.
    public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    public sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));

    private sealed class ModuleSetModelCacheKeyFactory : IModelCacheKeyFactory
    {
        public object Create(DbContext context, bool designTime) =>
            (context.GetType(), ((LearningDbContext)context).ModuleSet.Key, designTime);
    }
}
