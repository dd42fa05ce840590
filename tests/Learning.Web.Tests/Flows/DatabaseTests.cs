using Learning.Accounts.Contracts;
using System.Net;
using Learning.Kernel;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Tests.Flows;

public sealed class DatabaseTests
{
    [Fact]
    public async Task Should_migrate_PostgreSQL_seed_the_demo_and_log_everyone_in()
    {
        await using var app = new LearningApp(Db.Postgres);
        var provider = await app.WithScope(sp => Task.FromResult(sp.GetRequiredService<LearningDbContext>().Database.ProviderName));
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", provider);
        foreach (var account in DemoSeeder.Accounts) await app.ApiAs(account);
    }

    [Fact]
    public async Task Should_keep_the_SQLite_database_under_DataRoot_and_seed_only_once()
    {
        await using var app = new LearningApp(Db.Sqlite);
        app.CreateClient();
        Assert.True(File.Exists(Path.Combine(app.DataRoot, "learning.db")));
        await app.WithScope(async sp => await DemoSeeder.Seed(sp, TextWriter.Null, CancellationToken.None)); // seed-demo again
        var users = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<LearningUser>().CountAsync());
        Assert.Equal(DemoSeeder.Accounts.Count, users);
    }

    [Fact]
    public async Task Should_keep_data_protection_keys_in_the_database()
    {
        await using var app = new LearningApp(Db.Sqlite);
        await app.ApiAs("admin");
        var keys = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().DataProtectionKeys.CountAsync());
        Assert.True(keys > 0);
    }

    [Fact]
    public async Task Should_not_route_the_pages_of_a_module_switched_off()
    {
        // Assessments, Certification, Paths, CareerRecords, Classes and Evaluations build on Enrolments, so they go off with it.
        await using var app = new LearningApp(Db.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Modules:Enrolments:Enabled"] = "false", ["Modules:Assessments:Enabled"] = "false",
            ["Modules:Certification:Enabled"] = "false", ["Modules:CareerRecords:Enabled"] = "false",
            ["Modules:Paths:Enabled"] = "false", ["Modules:Assignments:Enabled"] = "false", ["Modules:Reports:Enabled"] = "false",
            ["Modules:Classes:Enabled"] = "false", ["Modules:Evaluations:Enabled"] = "false",
        });
        var client = await app.PagesAs("199005172015031001");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_to_start_when_a_needed_module_is_switched_off()
    {
        await using var app = new LearningApp(Db.Sqlite, settings: new Dictionary<string, string?> { ["Modules:Organisation:Enabled"] = "false" });
        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Contains("depends on module 'Organisation'", error.Message);
    }
}
