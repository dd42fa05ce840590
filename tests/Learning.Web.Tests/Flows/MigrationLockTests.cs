using System.Net;
using Learning.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Learning.Web.Tests.Flows;

/// <summary>A process killed with -9 while it migrated the database (bench/fault.sh does it) must not keep every later start waiting.</summary>
public sealed class MigrationLockTests
{
    [Fact]
    public async Task Should_start_on_a_sqlite_database_whose_first_migration_was_killed()
    {
        await using var app = new LearningApp(Db.Sqlite, demo: false);
        // What a kill during the first start leaves: EF Core's lock row, taken and never released, and no migration applied.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataRoot, "learning.db")}"))
        {
            await connection.OpenAsync();
            var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-04 15:44:25.0960355+00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        // Before the fix the start waited on the lock forever; two minutes is ample for a start on a busy machine.
        var client = await Task.Run(() => app.CreateClient()).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
