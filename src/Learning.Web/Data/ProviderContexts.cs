using System.Data.Common;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Learning.Web.Data;

// One context type per database provider, so each keeps its own migrations (Data/Migrations/<Provider>).
public sealed class SqliteLearningDbContext(DbContextOptions<SqliteLearningDbContext> options, ModuleSet modules, IServiceProvider services)
    : LearningDbContext(options, modules, services)
{
    public static new DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) =>
        LearningDbContext.Configure(options).AddInterceptors(KeptOpen.Instance);

    protected override void OnConfiguring(DbContextOptionsBuilder options)
    {
        if (!Holds(options, KeptOpen.Instance)) Configure(options);
    }
}

public sealed class PostgresLearningDbContext(DbContextOptions<PostgresLearningDbContext> options, ModuleSet modules, IServiceProvider services)
    : LearningDbContext(options, modules, services)
{
    // Each connection names this context's tenant, which the row-level security policies read (RowSecurity).
    public static new DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) =>
        LearningDbContext.Configure(options).AddInterceptors(RowSecurity.Session);

    protected override void OnConfiguring(DbContextOptionsBuilder options)
    {
        if (!Holds(options, RowSecurity.Session)) Configure(options);
    }
}

/// <summary>
/// SQLite: a context keeps the connection it opened until it is disposed (the end of its request or job) instead of closing it
/// after every command. Each open of a pooled SQLite connection registers EF Core's SQL functions on it again
/// (<c>sqlite3_create_function</c>, a dozen calls), and a page runs 5–12 commands: part of the ~2 ms every page paid for
/// opening connections (bench/README.md, "The floor every page pays"). A connection with no statement running holds no lock
/// (write-ahead log), so keeping it costs the others nothing; disposing the context gives it back to the pool.
/// </summary>
internal sealed class KeptOpen : DbConnectionInterceptor
{
    public static readonly KeptOpen Instance = new();

    // SQLite's page cache is per connection (default 2 MB) and the pool keeps every connection a burst opened: 64 requests at
    // once held ~35 of them, ~70 MB of native memory (bench/README.md, "Memory under load"). The file's pages stay in the
    // OS's cache either way, so a smaller one only reads them from there. Set on each open: a pragma without I/O.
    private const string CacheSize = "PRAGMA cache_size = -512";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = CacheSize;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = CacheSize;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result) => ValueTask.FromResult(InterceptionResult.Suppress());
}
