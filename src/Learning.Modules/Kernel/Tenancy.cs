using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Kernel;

/// <summary>
/// A government on the platform (Kota Semarang, Kota Salatiga) and what differs between them: its host names, clock,
/// the institution and official on its certificates, the address its QR codes point to, its mail sender, its theme and its
/// yearly JP. Rows are kept by the Tenants module; everything else reads <see cref="Tenancy.Current"/>.
/// </summary>
public sealed record TenantInfo(string Key, string Name)
{
    /// <summary>Host names this tenant answers on (besides <c>/t/{key}</c> on any host).</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public TimeZoneInfo TimeZone { get; init; } = CityTime.DefaultTimeZone;
    /// <summary>The organiser named on certificates and career-record lines (SIASN institusiPenyelenggara).</summary>
    public string Institution { get; init; } = "";
    public string OfficialName { get; init; } = "";
    public string OfficialTitle { get; init; } = "";
    /// <summary>The official's NIP, printed under the name on certificates.</summary>
    public string OfficialNip { get; init; } = "";
    /// <summary>
    /// Where this tenant's QR codes and e-mail links point. The directory fills it in where the tenant sets none: the
    /// platform's PublicUrl, under <c>/t/{key}</c> for a tenant other than the default (null only outside the directory).
    /// </summary>
    public string? PublicUrl { get; init; }
    public string? MailFrom { get; init; }
    public string? MailFromName { get; init; }
    public string Theme { get; init; } = "Default";
    /// <summary>Logo path or URL and the main colour of the theme (null: the theme's own).</summary>
    public string? Logo { get; init; }
    public string? Colour { get; init; }
    /// <summary>Yearly JP each ASN must reach (null: the platform's rule).</summary>
    public decimal? JpPerYear { get; init; }
    /// <summary>Sees the platform's shared catalogue (courses the province publishes) beside its own.</summary>
    public bool SubscribesToCatalogue { get; init; }
    /// <summary>Moves with every change of these settings: a cached page varies by it, so it never shows older ones.</summary>
    public int Revision { get; init; }
}

/// <summary>The tenants there are (kept by the Tenants module; a host without it has only the configured default).</summary>
public interface ITenantDirectory
{
    TenantInfo Default { get; }
    IReadOnlyList<TenantInfo> All { get; }
    TenantInfo? Find(string key);
}

/// <summary>
/// Which tenant this flow of work is for. Set once where work enters: a request (by host name or <c>/t/{key}</c>), a command
/// (<c>--tenant</c>), a scheduled job's run for one tenant, an outbox message. A database context takes the tenant current when
/// it is made and keeps it for life: every query it runs is filtered to that tenant's rows, every row it adds carries that
/// tenant, and changing a row of another tenant throws. Work that spans tenants makes one scope per tenant.
/// </summary>
public static class Tenancy
{
    /// <summary>The column every tenant's row carries.</summary>
    public const string Column = "TenantKey";

    /// <summary>The owner of the shared catalogue: rows subscribers see beside their own, and never change.</summary>
    public const string PlatformKey = "platform";

    /// <summary>The default tenant's key when configuration names none (Tenants:Default).</summary>
    public const string FallbackKey = "semarang";

    private const string SharedAnnotation = "Learning:SharedByAllTenants";
    private const string CatalogueAnnotation = "Learning:SharedCatalogue";

    private static readonly AsyncLocal<TenantInfo?> Ambient = new();

    /// <summary>
    /// Design time only (eng/Design, for <c>eng/compiled-model.sh</c>): the model is built without its query filters, which
    /// EF Core's compiled-model generator refuses; the compiled model adds them back (<see cref="AddFilters"/>).
    /// </summary>
    public static bool WithoutQueryFilters { get; set; }

    /// <summary>The platform as the owner of the shared catalogue: where its courses are imported (<c>--tenant platform</c>).</summary>
    public static TenantInfo Platform { get; } = new(PlatformKey, "Katalog bersama");

    public static TenantInfo? Current => Ambient.Value;

    /// <summary>The current tenant, or the default one where work entered without naming one.</summary>
    public static TenantInfo CurrentOrDefault(IServiceProvider services) =>
        Ambient.Value ?? services.GetService<ITenantDirectory>()?.Default
        ?? new TenantInfo(services.GetService<IConfiguration>() is { } configuration ? DefaultKey(configuration) : FallbackKey, "");

    /// <summary>Makes <paramref name="tenant"/> current until the result is disposed (within this async flow).</summary>
    public static IDisposable Use(TenantInfo tenant)
    {
        var previous = Ambient.Value;
        Ambient.Value = tenant;
        return new Restore(previous);
    }

    /// <summary>Tenants:Default, the tenant that answers on any host no other tenant claims.</summary>
    public static string DefaultKey(IConfiguration configuration) => configuration["Tenants:Default"] is { Length: > 0 } key ? key : FallbackKey;

    /// <summary>A table every tenant shares (tenants themselves, role names, data-protection keys): not filtered.</summary>
    public static EntityTypeBuilder SharedByAllTenants(this EntityTypeBuilder entity)
    {
        entity.Metadata.SetAnnotation(SharedAnnotation, true);
        return entity;
    }

    /// <summary>Catalogue rows: a tenant subscribed to the shared catalogue also sees those the platform keeps.</summary>
    public static EntityTypeBuilder SharedCatalogue(this EntityTypeBuilder entity)
    {
        entity.Metadata.SetAnnotation(CatalogueAnnotation, true);
        return entity;
    }

    /// <summary>
    /// Rows of the context's own tenant only: what it may change, and where a new natural key must be free. A subscriber's
    /// plain queries also read the shared catalogue's rows.
    /// </summary>
    public static IQueryable<T> Own<T>(this LearningDbContext db) where T : class
    {
        var tenant = db.TenantKey;
        return db.Set<T>().Where(row => EF.Property<string>(row, Column) == tenant);
    }

    public static bool IsTenantOwned(IReadOnlyEntityType type) =>
        type.BaseType is null && !type.IsOwned() && type.FindAnnotation(SharedAnnotation)?.Value is not true;

    public static bool IsSharedCatalogue(IReadOnlyEntityType type) => type.FindAnnotation(CatalogueAnnotation)?.Value is true;

    /// <summary>The tenant a tracked row belongs to (null for a shared table).</summary>
    public static string? KeyOf(EntityEntry entry) =>
        IsTenantOwned(entry.Metadata) ? entry.Property(Column).CurrentValue as string : null;

    /// <summary>
    /// Gives every tenant's table its tenant column, the tenant in front of every unique index and natural key (a NIP, a
    /// slug or a unit code may exist in two tenants), and one query filter that reads the context's tenant.
    /// </summary>
    internal static void Apply(ModelBuilder model, LearningDbContext context)
    {
        foreach (var type in model.Model.GetEntityTypes().Where(IsTenantOwned).ToList())
        {
            // Types only discovered by convention (a record inside a converted column) go away when the model is built:
            // configuring them here would keep them.
            if (type is IConventionEntityType { } found && found.GetConfigurationSource() == ConfigurationSource.Convention) continue;
            var entity = model.Entity(type.ClrType);
            // Generated on add from the context, so a key that includes it is whole before the row is tracked.
            entity.Property<string>(Column).HasMaxLength(40).IsRequired().HasValueGeneratorFactory<TenantKeyGeneratorFactory>();

            // A Guid or a number the database counts is unique across tenants already; a natural key (a slug, a code) is not.
            if (type.FindPrimaryKey() is { } key
                && !key.Properties.Any(p => p.ClrType == typeof(Guid) || p.ValueGenerated.HasFlag(ValueGenerated.OnAdd)))
                entity.HasKey([Column, .. key.Properties.Select(p => p.Name)]);

            foreach (var index in type.GetIndexes().Where(i => i.IsUnique && i.Properties.All(p => p.Name != Column)).ToList())
            {
                var names = index.Properties.Select(p => p.Name).ToArray();
                var databaseName = index.GetDatabaseName();
                var filter = index.GetFilter();
                type.RemoveIndex(index);
                var replaced = entity.HasIndex([Column, .. names]).IsUnique();
                if (databaseName is not null) replaced.HasDatabaseName(databaseName);
                if (filter is not null) replaced.HasFilter(filter);
            }

            if (!WithoutQueryFilters) entity.HasQueryFilter(Filter(type.ClrType, Expression.Constant(context), IsSharedCatalogue(type)));
        }
    }

    /// <summary>
    /// The tenant filters of a compiled model (generated without them, see <see cref="WithoutQueryFilters"/>): the same filter
    /// on the same types as <see cref="Apply"/> gives the model built from code. Its context is a constant typed as the context
    /// and holding none: EF Core replaces any expression of the context's type in a filter with the context running the query
    /// (its funcletizer's ContextParameterReplacer matches by type, not by value), exactly as it replaces the model builder's
    /// context in the code model. <c>CompiledModelTests</c> checks the tenant is read per query.
    /// </summary>
    public static void AddFilters(Microsoft.EntityFrameworkCore.Metadata.RuntimeModel model)
    {
        var context = Expression.Constant(null, typeof(LearningDbContext));
        foreach (var type in ((IModel)model).GetEntityTypes().Where(IsTenantOwned))
        {
            var runtime = (Microsoft.EntityFrameworkCore.Metadata.RuntimeEntityType)type;
            // EF1001: RuntimeQueryFilter and the annotation are EF Core's internal way of holding a filter in a runtime model
            // (what it builds from HasQueryFilter); compiled models have no public one in EF Core 10 (dotnet/efcore#24897).
#pragma warning disable EF1001
            runtime.AddAnnotation(Microsoft.EntityFrameworkCore.Metadata.Internal.CoreAnnotationNames.QueryFilter,
                new Microsoft.EntityFrameworkCore.Metadata.Internal.QueryFilterCollection(
                    [new Microsoft.EntityFrameworkCore.Metadata.Internal.RuntimeQueryFilter(null, Filter(type.ClrType, context, IsSharedCatalogue(type)))]));
#pragma warning restore EF1001
        }
    }

    // e => EF.Property<string>(e, "TenantKey") == context.TenantKey [|| (context.SeesSharedCatalogue && ... == "platform")]
    // The context appears as a constant: EF Core swaps in the context running the query, so the model is built once.
    private static LambdaExpression Filter(Type clrType, Expression self, bool catalogue)
    {
        var row = Expression.Parameter(clrType, "row");
        var tenantOfRow = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(string)], row, Expression.Constant(Column));
        Expression test = Expression.Equal(tenantOfRow, Expression.Property(self, nameof(LearningDbContext.TenantKey)));
        if (catalogue)
            test = Expression.OrElse(test, Expression.AndAlso(
                Expression.Property(self, nameof(LearningDbContext.SeesSharedCatalogue)),
                Expression.Equal(tenantOfRow, Expression.Constant(PlatformKey))));
        return Expression.Lambda(test, row);
    }

    /// <summary>A row starting to be tracked as new takes the context's tenant.</summary>
    internal static void OnTracked(EntityEntry entry, string tenantKey)
    {
        if (entry.State == EntityState.Added && IsTenantOwned(entry.Metadata)) TakeTenant(entry, tenantKey);
    }

    /// <summary>A row becoming new takes the tenant; a row of another tenant (the shared catalogue's) is never changed here.</summary>
    internal static void OnStateChanged(EntityEntry entry, string tenantKey)
    {
        if (!IsTenantOwned(entry.Metadata)) return;
        if (entry.State == EntityState.Added) TakeTenant(entry, tenantKey);
        else if (entry.State is EntityState.Modified or EntityState.Deleted
                 && entry.Property(Column).CurrentValue is string owner && owner != tenantKey)
            throw new InvalidOperationException(
                $"A {entry.Metadata.ClrType.Name} of tenant '{owner}' cannot be changed by tenant '{tenantKey}'.");
    }

    private static void TakeTenant(EntityEntry entry, string tenantKey)
    {
        var column = entry.Property(Column);
        if (column.CurrentValue is not string { Length: > 0 }) column.CurrentValue = tenantKey;
    }

    /// <summary>The tenant column's value on add: the context's tenant (a factory, as a compiled model names it).</summary>
    public sealed class TenantKeyGeneratorFactory : Microsoft.EntityFrameworkCore.ValueGeneration.ValueGeneratorFactory
    {
        private static readonly TenantKeyGenerator Generator = new();
        public override Microsoft.EntityFrameworkCore.ValueGeneration.ValueGenerator Create(IProperty property, ITypeBase typeBase) => Generator;
    }

    private sealed class TenantKeyGenerator : Microsoft.EntityFrameworkCore.ValueGeneration.ValueGenerator<string>
    {
        public override bool GeneratesTemporaryValues => false;
        public override string Next(EntityEntry entry) => ((LearningDbContext)entry.Context).TenantKey;
    }

    private sealed class Restore(TenantInfo? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
