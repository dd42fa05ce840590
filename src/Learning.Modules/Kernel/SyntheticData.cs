using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Kernel;

/// <summary>
/// One module's share of <c>generate-data</c>: it writes only its own tables, reading what earlier parts generated from
/// the <see cref="SyntheticCity"/> and adding what later parts need, each in a scope of its own. The order follows the data:
/// a part runs after every part that <see cref="Makes"/> a kind of row it <see cref="Needs"/> (<see cref="SyntheticDataParts.InOrder"/>).
/// </summary>
public interface ISyntheticDataPart
{
    /// <summary>The kinds of generated rows (records in their owners' Contracts) this part reads from the city.</summary>
    IReadOnlyList<Type> Needs { get; }

    /// <summary>The kinds of generated rows this part adds to the city.</summary>
    IReadOnlyList<Type> Makes { get; }

    Task Generate(SyntheticCity city, CancellationToken ct);
}

public static class SyntheticDataRegistration
{
    public static IServiceCollection AddSyntheticData<TPart>(this IServiceCollection services) where TPart : class, ISyntheticDataPart =>
        services.AddScoped<ISyntheticDataPart, TPart>();
}

public static class SyntheticDataParts
{
    /// <summary>
    /// The parts in an order where each runs after the makers of what it needs; otherwise as registered (modules in their
    /// dependency order). Fails when a part needs a kind of row no part makes, or when parts need each other.
    /// </summary>
    public static IReadOnlyList<ISyntheticDataPart> InOrder(IEnumerable<ISyntheticDataPart> parts)
    {
        var waiting = parts.ToList();
        var makers = waiting.SelectMany(p => p.Makes.Select(kind => (kind, p))).ToLookup(m => m.kind, m => m.p);
        foreach (var part in waiting)
        foreach (var kind in part.Needs.Where(k => !makers.Contains(k)))
            throw new InvalidOperationException($"{part.GetType().Name} needs {kind.Name}, which no synthetic data part makes.");
        var ordered = new List<ISyntheticDataPart>(waiting.Count);
        while (waiting.Count > 0)
        {
            var next = waiting.FirstOrDefault(p => p.Needs.All(kind => makers[kind].All(m => m == p || ordered.Contains(m))))
                ?? throw new InvalidOperationException("Synthetic data parts need each other: " + string.Join(", ", waiting.Select(p => p.GetType().Name)));
            ordered.Add(next);
            waiting.Remove(next);
        }
        return ordered;
    }
}

/// <summary>
/// The plain shared state of one <c>generate-data</c> run: sizes, seed, the clock, and what each part generated (ids and keys
/// later parts refer to), kept by kind of row. Deterministic for a seed and a day: every part draws from a random stream of its own.
/// </summary>
public sealed class SyntheticCity(int employees, int courses, int seed, DateTime now)
{
    /// <summary>Every generated login takes this password: synthetic data for load tests, like the demo's, never a real secret.</summary>
    public const string Password = "Belajar#2026";

    /// <summary>Rows per SaveChanges: large enough for few round trips, small enough for a flat memory profile.</summary>
    public const int BatchSize = 4000;

    public int EmployeeCount { get; } = employees;
    public int CourseCount { get; } = courses;
    public int Seed { get; } = seed;
    public DateTime Now { get; } = now;
    /// <summary>The city's date (in the zone of the tenant it is generated for, WIB without one), like every date people see.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(Now, DateTimeKind.Utc), _zone));

    private readonly TimeZoneInfo _zone = Tenancy.Current?.TimeZone ?? CityTime.DefaultTimeZone;

    private readonly Dictionary<Type, object> _generated = [];

    /// <summary>Keeps rows a part generated, for the parts after it (a part names their kind in its <see cref="ISyntheticDataPart.Makes"/>).</summary>
    public void AddRange<T>(IEnumerable<T> rows) where T : class => Kept<T>().AddRange(rows);

    public void Add<T>(T row) where T : class => Kept<T>().Add(row);

    /// <summary>Every row of a kind earlier parts generated, in the order they were added.</summary>
    public IReadOnlyList<T> All<T>() where T : class => Kept<T>();

    private List<T> Kept<T>() where T : class =>
        (List<T>)(_generated.TryGetValue(typeof(T), out var rows) ? rows : _generated[typeof(T)] = new List<T>());

    /// <summary>What was written, for the summary the verb prints: (part, what, how many).</summary>
    public List<(string Part, string What, long Count)> Generated { get; } = [];

    /// <summary>Keys a load test needs, e.g. "learner", "supervisor", "enrolment", "lesson", "certificate".</summary>
    public SortedDictionary<string, string> Samples { get; } = new(StringComparer.Ordinal);

    public void Count(string part, string what, long count) => Generated.Add((part, what, count));

    /// <summary>A random stream per part, so adding a part never changes what the others generate.</summary>
    public Random Random(string part)
    {
        var hash = 2166136261u; // FNV-1a: string.GetHashCode differs per process
        foreach (var c in part) hash = (hash ^ c) * 16777619u;
        return new Random(unchecked(Seed * 31 + (int)hash));
    }

    /// <summary>
    /// Writes the rows in batches of multi-row INSERTs (for the tables with many rows; EF's SaveChanges builds a command per row,
    /// several times slower). Each value goes through the column's EF type mapping, so it is stored exactly as EF stores it.
    /// Domain events are not dispatched: this is history, nobody reacts to it. <paramref name="children"/> (e.g. an
    /// enrolment's lesson progress) are written right after their parents' batch.
    /// </summary>
    public static async Task<long> Save<T>(LearningDbContext db, IEnumerable<T> rows, CancellationToken ct,
        Func<T, IEnumerable<object>>? children = null) where T : class
    {
        long count = 0;
        var batch = new List<T>(BatchSize);
        var kids = new List<object>();
        foreach (var row in rows)
        {
            batch.Add(row);
            if (children is not null) kids.AddRange(children(row));
            if (batch.Count < BatchSize) continue;
            count += await Flush(db, batch, kids, ct);
        }
        count += await Flush(db, batch, kids, ct);
        return count;
    }

    /// <summary>Through EF's change tracker, for the few rows of graphs the plain insert does not cover (a course with its lessons).</summary>
    public static async Task<long> SaveGraphs<T>(LearningDbContext db, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        long count = 0;
        foreach (var chunk in rows.Chunk(200))
        {
            foreach (var root in chunk.OfType<AggregateRoot>()) root.ClearDomainEvents();
            db.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            count += chunk.Length;
        }
        return count;
    }

    private static async Task<int> Flush<T>(LearningDbContext db, List<T> batch, List<object> children, CancellationToken ct) where T : class
    {
        if (batch.Count == 0) return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await Insert(db, batch, ct);
        foreach (var group in children.GroupBy(c => c.GetType())) await Insert(db, group.ToList(), ct);
        await transaction.CommitAsync(ct);
        var n = batch.Count;
        batch.Clear();
        children.Clear();
        return n;
    }

    private static async Task Insert<T>(LearningDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(rows[0]!.GetType()) ?? throw new InvalidOperationException($"{rows[0]!.GetType()} is not in the model.");
        var table = entity.GetTableName()!;
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => !p.IsShadowProperty() || p.Name == Tenancy.Column)
            .Select(p => (Property: p, Name: p.GetColumnName(store)!, Mapping: (Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping)p.GetTypeMapping()))
            .ToList();
        // SQLite: one prepared single-row statement, rebound per row (it looks parameters up by name, so long statements
        // cost quadratically). PostgreSQL: a hundred rows per statement, to save round trips.
        var perStatement = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true ? 1 : 100;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        string? prepared = null;
        for (var offset = 0; offset < rows.Count; offset += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - offset);
            command.Parameters.Clear();
            var sql = new System.Text.StringBuilder($"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ");
            var p = 0;
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = "p" + p++;
                    sql.Append(c == 0 ? "@" : ", @").Append(name);
                    // The tenant column is the context's (as a save would set it): rows are written behind the tracker.
                    var value = columns[c].Property.Name == Tenancy.Column ? db.TenantKey : columns[c].Property.GetGetter().GetClrValue(rows[offset + r]!);
                    command.Parameters.Add(columns[c].Mapping.CreateParameter(command, name, value, columns[c].Property.IsNullable));
                }
                sql.Append(')');
            }
            var text = sql.ToString();
            if (text != prepared) command.CommandText = prepared = text;
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}

/// <summary>
/// A generate-data run leaves a marker row (in <c>Kernel_Stamps</c>, one per tenant) from before its first write until after its
/// last, so a run that was killed midway is recognised by the next one for that tenant, which empties what the tenant had and
/// starts over. Everything here is the context's tenant's: another tenant's rows are never touched.
/// </summary>
public static class SyntheticRun
{
    private const string Marker = "generate-data:unfinished";

    /// <summary>
    /// Tables an emptying keeps: the stamps (they hold the marker), data-protection keys, and the audit log, which is
    /// append-only (the database refuses to empty it) and rightly keeps what the killed run did.
    /// </summary>
    private static readonly HashSet<string> Kept = [Stamps.Table, "Kernel_DataProtectionKeys", "Audit_Entries"];

    // The stamps are shared by all tenants: the marker names its tenant.
    private static string MarkerOf(LearningDbContext db) => $"{Marker}:{db.TenantKey}";

    public static Task<bool> Unfinished(LearningDbContext db, CancellationToken ct)
    {
        var marker = MarkerOf(db);
        return db.Set<Stamp>().AsNoTracking().AnyAsync(s => s.Id == marker, ct);
    }

    public static Task Begin(LearningDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync($"INSERT INTO \"{Stamps.Table}\" (\"Id\", \"Version\") VALUES ({{0}}, 1) ON CONFLICT (\"Id\") DO NOTHING", [MarkerOf(db)], ct);

    public static Task Finish(LearningDbContext db, CancellationToken ct)
    {
        var marker = MarkerOf(db);
        return db.Set<Stamp>().Where(s => s.Id == marker).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Deletes the context's tenant's rows from every tenant's table but the kept ones, in one transaction; tables every
    /// tenant shares (tenants, role names) and other tenants' rows stay. The marker stays until the next run finishes.
    /// </summary>
    public static async Task Clear(LearningDbContext db, CancellationToken ct)
    {
        var tables = TenantTablesDependentsFirst(db.Model).Where(t => !Kept.Contains(t)).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // SQLite checks foreign keys at commit, when the tenant's rows are all gone; PostgreSQL per statement, so the
        // order (rows that refer to others first) is what keeps a restricted reference from refusing a delete.
        if (db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true)
            await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON", ct);
#pragma warning disable EF1002 // table names come from the model, never from input; the tenant travels as a parameter
        foreach (var table in tables)
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{table}\" WHERE \"{Tenancy.Column}\" = {{0}}", [db.TenantKey], ct);
#pragma warning restore EF1002
        await transaction.CommitAsync(ct);
    }

    /// <summary>The tables of tenants' rows, each before every table it refers to.</summary>
    internal static IReadOnlyList<string> TenantTablesDependentsFirst(Microsoft.EntityFrameworkCore.Metadata.IModel model)
    {
        var types = model.GetEntityTypes().Where(t => t.GetTableName() is not null).ToList();
        var tenantTables = types.Where(t => Tenancy.IsTenantOwned(t)).Select(t => t.GetTableName()!).ToHashSet(StringComparer.Ordinal);
        // table -> the other tables it refers to
        var refersTo = tenantTables.ToDictionary(t => t, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var type in types)
        foreach (var key in type.GetForeignKeys())
            if (refersTo.TryGetValue(type.GetTableName()!, out var principals) && key.PrincipalEntityType.GetTableName() is { } principal
                && principal != type.GetTableName() && tenantTables.Contains(principal))
                principals.Add(principal);

        var ordered = new List<string>(tenantTables.Count);
        var waiting = tenantTables.Order(StringComparer.Ordinal).ToList();
        while (waiting.Count > 0)
        {
            // Free to go: no waiting table refers to it. A cycle (none today) goes as it stands.
            var free = waiting.Where(t => !waiting.Any(other => other != t && refersTo[other].Contains(t))).ToList();
            if (free.Count == 0) free = [.. waiting];
            ordered.AddRange(free);
            waiting.RemoveAll(free.Contains);
        }
        return ordered;
    }
}
