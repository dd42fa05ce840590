using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// PostgreSQL's row-level security, the wall behind the query filters: SQL that names no tenant (raw queries, a forgotten
/// filter) still reads and writes only the rows of the tenant whose context opened the connection.
/// </summary>
public sealed class RowSecurityTests
{
    private static async Task<LearningApp> SemarangAndSalatiga()
    {
        var app = new LearningApp(Db.Postgres);
        await app.AddTenant("salatiga", "Kota Salatiga", "salatiga.test");
        await app.InTenant("salatiga", async sp =>
        {
            var result = await sp.GetRequiredService<IOrganisationOnboarding>().Import(Salatiga.Files());
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        });
        return app;
    }

    private static Task<List<string>> NipsBehindTheFilters(LearningApp app, string tenant) => app.InTenant(tenant, sp =>
        sp.GetRequiredService<LearningDbContext>().Database
            .SqlQueryRaw<string>("SELECT \"Nip\" AS \"Value\" FROM \"Organisation_Employees\"").OrderBy(n => n).ToListAsync());

    [Fact]
    public async Task Should_read_only_the_own_tenants_rows_with_sql_that_bypasses_the_query_filters()
    {
        await using var app = await SemarangAndSalatiga();

        // Several rounds, alternating tenants: pooled connections come back holding the other tenant's setting.
        for (var round = 0; round < 3; round++)
        {
            var salatiga = await NipsBehindTheFilters(app, "salatiga");
            Assert.Equal(new[] { Salatiga.Head, Salatiga.Teacher, Salatiga.PppkTeacher, Salatiga.Coordinator }.Order().ToList(), salatiga);

            var semarang = await NipsBehindTheFilters(app, "semarang");
            Assert.Contains("199005172015031001", semarang); // a demo learner of Semarang
            Assert.DoesNotContain(Salatiga.Head, semarang);
        }
    }

    [Fact]
    public async Task Should_refuse_a_row_of_another_tenant_written_through_a_tenants_connection()
    {
        await using var app = await SemarangAndSalatiga();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => app.InTenant("semarang", sp =>
            sp.GetRequiredService<LearningDbContext>().Database.ExecuteSqlRawAsync(
                """INSERT INTO "Certification_Counters" ("TenantKey", "UnitCode", "Year", "Last") VALUES ('salatiga', 'DISDIK', 2026, 0)""")));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState); // "new row violates row-level security policy"

        // Changing or removing another tenant's rows finds none to change.
        var changed = await app.InTenant("semarang", sp => sp.GetRequiredService<LearningDbContext>().Database.ExecuteSqlRawAsync(
            """UPDATE "Organisation_Employees" SET "Name" = 'Diubah' WHERE "TenantKey" = 'salatiga'"""));
        Assert.Equal(0, changed);
        Assert.Equal(4, (await NipsBehindTheFilters(app, "salatiga")).Count);
        var names = await app.InTenant("salatiga", sp => sp.GetRequiredService<LearningDbContext>().Database
            .SqlQueryRaw<string>("SELECT \"Name\" AS \"Value\" FROM \"Organisation_Employees\"").ToListAsync());
        Assert.DoesNotContain("Diubah", names);
    }
}
