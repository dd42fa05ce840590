using Learning.Accounts.Contracts;
using Learning.Kernel;
using Learning.Web.Data;
using Learning.Web.Demo;
using Microsoft.EntityFrameworkCore;

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
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await using var migrating = await SqliteMigrationGuard(db, ct);
            await db.Database.MigrateAsync(ct);
        }
        // After migrating, as a table a migration added needs its policy; a no-op once all are in place.
        await RowSecurity.Apply(db, ct);
        return askIfEmpty && !await db.Set<LearningUser>().AnyAsync(ct);
    }

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
