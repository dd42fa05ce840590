using System.Data.Common;
using Learning.Accounts.Contracts;
using Learning.Kernel;
using Learning.Web.Data;
using Learning.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Learning.Web.Hosting;

/// <summary>Migrates the database on start, and seeds the demo on the first start of an empty one when Demo=true.</summary>
internal sealed class DatabaseInitializer(IServiceProvider services, IConfiguration configuration, ILogger<DatabaseInitializer> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var demo = configuration.GetValue("Demo", false);
        // Only the demo asks whether the database is empty: a query that would build the whole EF model before the first page.
        var empty = await Migrate(services, ct, askIfEmpty: demo);
        if (empty && demo)
        {
            log.LogInformation("Empty database and Demo=true: seeding the demo organisation and content.");
            await DemoSeeder.Seed(services, Console.Out, ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Applies pending migrations; returns true when the database held no logins before (asked only with <paramref name="askIfEmpty"/>).</summary>
    public static async Task<bool> Migrate(IServiceProvider services, CancellationToken ct, bool askIfEmpty = true)
    {
        // The tenant is named here, not looked up: before the first migration there is no table of tenants to look in.
        using var _ = Tenancy.Use(new TenantInfo(Tenancy.DefaultKey(services.GetRequiredService<IConfiguration>()), ""));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        // Most starts have nothing to apply: asking first spares every start (and every verb, such as the nightly sweep) the
        // migrator's own checks, which compare the model with the last migration's snapshot (about half a second).
        var pending = await AnyPending(db, ct);
        await using (pending ? await SqliteMigrationGuard(db, ct) ?? await PostgresMigrationGuard(db, ct) : null)
        {
            // A node that waited for another's migration finds nothing left to apply: the migrator reads the history again.
            if (pending) await db.Database.MigrateAsync(ct);
            // After migrating, as a table a migration added needs its policy; a no-op once all are in place.
            await RowSecurity.Apply(db, ct);
        }
        await WriteAheadLog(db, ct);
        return askIfEmpty && !await db.Set<LearningUser>().AnyAsync(ct);
    }

    /// <summary>
    /// Whether this build carries a migration the database has not applied: one read of the history table compared with the
    /// migration ids of the assembly. GetPendingMigrationsAsync asks the same through the history table's own EF model and a
    /// LINQ query; the plain read spares those, though no start-up gain could be measured on the machines here (bench/README.md,
    /// "Start-up under a second"). Any failure to read (no database yet, no history table yet) counts as pending: the
    /// migrator then does it the careful way.
    /// </summary>
    private static async Task<bool> AnyPending(LearningDbContext db, CancellationToken ct)
    {
        var known = db.GetService<IMigrationsAssembly>().Migrations.Keys;
        var applied = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\"";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
        }
        catch (DbException) { return true; }
        finally { await db.Database.CloseConnectionAsync(); }
        return known.Any(id => !applied.Contains(id));
    }

    /// <summary>
    /// Web nodes started together on a new or older PostgreSQL database would each apply the same migrations, and all but one
    /// fail on what the first already added (the two-node test found it: "column already exists"). The first to take a
    /// session lock on the database migrates; the others wait for it, then find nothing left to do. The lock is the
    /// session's, so a node that dies while migrating lets the next one in.
    /// </summary>
    private static async Task<IAsyncDisposable?> PostgresMigrationGuard(LearningDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return null;
        var creator = db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            try { await creator.CreateAsync(ct); }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase) { } // another node's, a moment ago
        }
        // Not from the pool: a pooled connection's session outlives its closing, and so would the lock.
        var session = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        await session.OpenAsync(ct);
        await using var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", session);
        await take.ExecuteNonQueryAsync(ct);
        return session; // closing the session lets the lock go
    }

    /// <summary>
    /// SQLite in write-ahead-log mode: readers no longer wait for a writer nor a writer for readers, and a commit is one
    /// sync of the log instead of a rollback journal's several. In the default mode each lesson opened (a write) held off every
    /// page's reads and took some 100 ms to commit on a busy disk (issue 21). The mode is kept in the database file, so this
    /// is a no-op on later starts; a database another process holds at that moment stays as it is until the next start.
    /// </summary>
    private static async Task WriteAheadLog(LearningDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL";
            await command.ExecuteScalarAsync(ct);
        }
        catch (Microsoft.Data.Sqlite.SqliteException) { } // busy: the mode is a speed-up, never a reason not to start
        finally { await db.Database.CloseConnectionAsync(); }
    }

    // Any fixed number no other lock in the database uses: "LEARNMIG" in ASCII.
    private const long MigrationLockKey = 0x4C4541524E4D4947;

    /// <summary>
    /// A process killed while migrating a SQLite database leaves EF Core's lock row behind, and every later start waited on it
    /// forever (bench/fault.sh found it). SQLite lives on one machine, so an OS file lock — which dies with its process — says
    /// who migrates; whoever holds it knows a lock row is a dead process's and clears it.
    /// </summary>
    private static async Task<IAsyncDisposable?> SqliteMigrationGuard(LearningDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return null;
        var file = db.Database.GetDbConnection().DataSource + ".migrating";
        FileStream? held = null;
        while (held is null)
        {
            try { held = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) { await Task.Delay(200, ct); } // another process is migrating: wait for it
        }
        var table = await db.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'").SingleAsync(ct);
        if (table > 0) await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", ct);
        return held;
    }
}
