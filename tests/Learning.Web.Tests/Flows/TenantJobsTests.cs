using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Accounts.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Learning.Organisation.Contracts;
using Learning.Scheduling;
using Learning.Tenants.Contracts;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Work that runs without a request, for two cities on one platform: each job runs for each tenant at its schedule in that
/// tenant's time zone and sees that tenant's rows only; the outbox sends a message as the tenant that raised it; generate-data
/// fills one tenant and leaves the other's data as it was.
/// </summary>
public sealed class TenantJobsTests
{
    private const string SemarangLearner = "199005172015031001";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_schedule_each_job_once_per_tenant_in_the_tenants_time_zone(Db db)
    {
        await using var app = new LearningApp(db, demo: false);
        app.CreateClient(); // starts the host: its reconciler and scheduler
        await app.AddTenant("salatiga", "Kota Salatiga", "salatiga.test", new TenantSettings { TimeZone = "Asia/Makassar" });
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        // The reconciler notices the new tenant by itself (the tenant directory is re-read within seconds).
        ICronTrigger? salatiga = null;
        for (var waited = 0; salatiga is null && waited < 60; waited++)
        {
            salatiga = await scheduler.GetTrigger(ScheduledJobs.TriggerOf("reassessment-sweep", "salatiga")) as ICronTrigger;
            if (salatiga is null) await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
        Assert.NotNull(salatiga);
        var semarang = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(ScheduledJobs.TriggerOf("reassessment-sweep", "semarang")));

        // "0 0 1 * * ?" is 01:00 in each city: 17:00 UTC in WITA, 18:00 UTC in WIB.
        Assert.Equal("0 0 1 * * ?", salatiga.CronExpressionString);
        Assert.Equal("Asia/Makassar", salatiga.TimeZone.Id);
        Assert.Equal("Asia/Jakarta", semarang.TimeZone.Id);
        Assert.Equal(17, salatiga.NextFireTimeUtc!.Value.UtcDateTime.Hour);
        Assert.Equal(18, semarang.NextFireTimeUtc!.Value.UtcDateTime.Hour);
        Assert.Equal("salatiga", salatiga.JobDataMap.GetString(ScheduledJobs.TenantData));
        Assert.Equal(["salatiga", "semarang"],
            (await scheduler.GetTriggersOfJob(new JobKey("reassessment-sweep"))).Select(t => t.Key.Group).Order().ToArray());

        // The outbox is one platform job that goes through every tenant's messages itself.
        Assert.Single(await scheduler.GetTriggersOfJob(new JobKey("outbox-dispatch")));

        // The operator's list names each trigger's city; with --tenant it is that city's (and the platform's jobs, which serve it too).
        // (Without a row of its own the default tenant has no name, and is shown by its key.)
        await app.WithScope(sp => sp.GetRequiredService<ITenantAdministration>().Save("semarang", new TenantSettings { Name = "Kota Semarang" }, CancellationToken.None));
        var all = await JobsList(app);
        Assert.Equal(["Kota Salatiga\tAsia/Makassar", "Kota Semarang\tAsia/Jakarta"], SweepCities(all));
        Assert.Contains(all, l => l.StartsWith("outbox-dispatch\t", StringComparison.Ordinal) && l.Contains("\tsemua tenant\t", StringComparison.Ordinal));
        var salatigaOnly = await JobsList(app, "--tenant", "salatiga");
        Assert.Equal(["Kota Salatiga\tAsia/Makassar"], SweepCities(salatigaOnly));
        Assert.DoesNotContain(salatigaOnly, l => l.Contains("Semarang", StringComparison.Ordinal));
        Assert.Contains(salatigaOnly, l => l.StartsWith("outbox-dispatch\t", StringComparison.Ordinal));
        Assert.Equal(["Kota Semarang\tAsia/Jakarta"], SweepCities(await JobsList(app, "--tenant=semarang")));
        Assert.Equal(2, await Verbs.Run(app.Services, "jobs", ["list", "--tenant", "salatigaa"], TextWriter.Null));
    }

    /// <summary>The lines of <c>jobs list</c>, as the operator reads them.</summary>
    private static async Task<string[]> JobsList(LearningApp app, params string[] args)
    {
        var output = new StringWriter();
        Assert.Equal(0, await Verbs.Run(app.Services, "jobs", ["list", .. args], output));
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>"city\tzone" of each reassessment-sweep line.</summary>
    private static string[] SweepCities(string[] lines) =>
        lines.Where(l => l.StartsWith("reassessment-sweep\t", StringComparison.Ordinal)).Select(l => string.Join('\t', l.Split('\t')[2..4])).ToArray();

    [Fact]
    public async Task Should_run_a_job_for_one_tenant_on_that_tenants_rows_only()
    {
        await using var app = new LearningApp();
        await app.AddTenant("salatiga", "Kota Salatiga", "salatiga.test");
        // Runs here are by hand: a trigger caught up meanwhile (the clock moves a year on) would sweep Semarang too.
        await (await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).Standby();
        var validUntil = await ReassessmentSweepTests.PassCourse(app, SemarangLearner);
        var tenDaysBefore = new DateTimeOffset(validUntil.AddDays(-10).ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);
        app.Clock.Set(tenDaysBefore);
        var asOf = tenDaysBefore.ToString("O", CultureInfo.InvariantCulture);

        // Salatiga's sweep, by the operator's verb: Semarang's certificate near its expiry is not Salatiga's to handle.
        Assert.Equal(0, await Verbs.Run(app.Services, "jobs", ["run", "reassessment-sweep", "--as-of", asOf, "--tenant", "salatiga"]));
        var api = await app.ApiAs(SemarangLearner);
        Assert.Equal("valid", await CertificateStatus(api));
        var salatigaRun = Assert.Single(await Runs(app, "salatiga"));
        Assert.Equal(0, salatigaRun.Items);
        Assert.Empty(await Runs(app, "semarang"));

        // Semarang's own run handles it, and is recorded as Semarang's.
        Assert.Equal(0, await Verbs.Run(app.Services, "jobs", ["run", "reassessment-sweep", "--as-of", asOf, "--tenant", "semarang"]));
        Assert.Equal("reassessment-due", await CertificateStatus(api));
        Assert.Contains(await Runs(app, "semarang"), r => r.Items == 1);
    }

    [Fact]
    public async Task Should_send_an_outbox_message_as_the_tenant_that_raised_it()
    {
        await using var smtp = new SmtpSink();
        await using var app = new LearningApp(settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:From"] = "learning@semarangkota.go.id", ["PublicUrl"] = "https://learning.semarangkota.go.id",
            ["Jobs:outbox-dispatch:Schedule"] = "0 0 3 1 1 ?", // once a year: the pass below is the test's own
        });
        await app.AddTenant("salatiga", "Kota Salatiga", "salatiga.test", new TenantSettings
        {
            MailFrom = "diklat@salatiga.go.id", MailFromName = "Diklat Kota Salatiga", PublicUrl = "https://belajar.salatiga.go.id",
        });
        var imported = await app.InTenant("salatiga", sp => sp.GetRequiredService<IOrganisationOnboarding>().Import(Salatiga.Files()));
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors.Select(p => p.Reason)));

        // Ratna Sari of Salatiga is notified in Salatiga; the e-mail waits in the outbox until the next pass.
        Assert.True(await app.InTenant("salatiga", async sp =>
        {
            var employee = await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(Salatiga.Teacher);
            var notified = await sp.GetRequiredService<INotifier>().NotifyEmployee(employee!.Id,
                new Notice("reminder:slg", "Notifications.CourseWaiting", ["SPBE Dasar"], "/courses/spbe-dasar"));
            await sp.GetRequiredService<LearningDbContext>().SaveChangesAsync();
            return notified;
        }));

        Assert.Equal(1, await app.Services.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None));

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["ratna.sari@example.salatiga.go.id"], mail.To);
        Assert.Equal("diklat@salatiga.go.id", mail.From);
        Assert.Contains("https://belajar.salatiga.go.id/courses/spbe-dasar", mail.Body);
        // Her notice is in Salatiga's inbox; Semarang has no such notice and nothing left to send.
        Assert.Equal(1, await app.InTenant("salatiga", sp => sp.GetRequiredService<LearningDbContext>().Set<Learning.Notifications.Notification>().CountAsync(n => n.DedupeKey == "reminder:slg")));
        Assert.Equal(1, await app.InTenant("salatiga", sp => sp.GetRequiredService<LearningDbContext>().Set<OutboxMessage>().CountAsync(m => m.ProcessedAt != null)));
        Assert.Equal(0, await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<Learning.Notifications.Notification>().CountAsync(n => n.DedupeKey == "reminder:slg")));
        Assert.Equal(0, await app.Services.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_generate_a_synthetic_city_into_one_tenant_and_leave_the_others_data_as_it_was(Db db)
    {
        await using var app = new LearningApp(db);
        app.CreateClient();
        await app.AddTenant("salatiga", "Kota Salatiga", "salatiga.test");
        var semarangBefore = await RowsOf(app, "semarang");
        Assert.True(semarangBefore.Values.Sum() > 0);

        // Salatiga had begun a run that was killed midway: what it wrote is emptied (Salatiga's rows only) and made again.
        await app.InTenant("salatiga", async sp =>
        {
            Assert.True((await sp.GetRequiredService<IOrganisationOnboarding>().Import(Salatiga.Files())).Succeeded);
            await SyntheticRun.Begin(sp.GetRequiredService<LearningDbContext>(), CancellationToken.None);
        });
        Assert.Equal(0, await Verbs.Run(app.Services, "generate-data", ["--employees", "120", "--courses", "6", "--seed", "3", "--tenant", "salatiga"]));

        Assert.Equal(semarangBefore, await RowsOf(app, "semarang"));
        var (employees, ratna, unfinished) = await app.InTenant("salatiga", async sp =>
        {
            var context = sp.GetRequiredService<LearningDbContext>();
            return (await context.Set<LearningUser>().CountAsync(u => u.EmployeeId != null),
                await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(Salatiga.Teacher),
                await SyntheticRun.Unfinished(context, CancellationToken.None));
        });
        Assert.Equal(120, employees);
        Assert.Null(ratna);
        Assert.False(unfinished);
        // Semarang's demo learner still signs in.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await (await app.PagesAs(SemarangLearner)).GetAsync("/")).StatusCode);
    }

    private static async Task<string?> CertificateStatus(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray().Single().GetProperty("status").GetString();

    private static Task<List<JobRun>> Runs(LearningApp app, string tenant) => app.InTenant(tenant, sp =>
        sp.GetRequiredService<LearningDbContext>().Set<JobRun>().AsNoTracking().Where(r => r.Job == "reassessment-sweep").ToListAsync());

    private static Task<string> SetPassword(LearningApp app, string tenant, string nip) => app.InTenant(tenant, async sp =>
    {
        const string password = "Salatiga#2026";
        var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<LearningUser>>();
        var user = (await users.FindByNameAsync(nip))!;
        if (await users.HasPasswordAsync(user)) await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, password);
        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Description)));
        return password;
    });

    /// <summary>Rows per table of one tenant, counted straight from the database.</summary>
    private static Task<Dictionary<string, long>> RowsOf(LearningApp app, string tenant) => app.InTenant(tenant, async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        // Not the job runs: the platform's outbox job records its passes in the default tenant every ten seconds.
        var tables = db.Model.GetEntityTypes().Where(Learning.Kernel.Tenancy.IsTenantOwned).Select(t => t.GetTableName()).OfType<string>()
            .Where(t => t != "Scheduling_JobRuns").Distinct().Order().ToList();
        // Opened by EF Core, so PostgreSQL's row security is told the tenant (a bare open would see no tenant's rows).
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE \"{Learning.Kernel.Tenancy.Column}\" = '{tenant}'";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        return counts;
    });
}
