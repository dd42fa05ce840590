using System.Net;
using Learning.Kernel;
using Learning.Scheduling;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Learning.Web.Tests.Flows;

public sealed class SchedulingTests
{
    [Theory]
    [InlineData(Db.Sqlite, false)]
    [InlineData(Db.Postgres, true)]
    public async Task Should_keep_the_schedule_in_our_database_clustered_on_PostgreSQL(Db db, bool clustered)
    {
        await using var app = new LearningApp(db, demo: false);
        app.CreateClient();
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var meta = await scheduler.GetMetadata();
        Assert.True(meta.JobStorePersistent);
        Assert.Equal(clustered, meta.JobStoreClustered);

        // The trigger is a row in the tables our migrations created.
        var rows = await app.WithScope(async sp =>
        {
            var connection = sp.GetRequiredService<LearningDbContext>().Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Scheduling_QRTZ_TRIGGERS WHERE TRIGGER_NAME = 'outbox-dispatch'";
            return Convert.ToInt32(await command.ExecuteScalarAsync());
        });
        Assert.Equal(1, rows);
        var next = (await scheduler.GetTrigger(new TriggerKey("outbox-dispatch")))!.NextFireTimeUtc;
        Assert.NotNull(next);
    }

    [Fact]
    public async Task Should_apply_a_changed_schedule_on_the_next_start_and_keep_an_unchanged_one()
    {
        var dataRoot = Directory.CreateTempSubdirectory("learning-schedule-").FullName;
        try
        {
            await using (var first = new LearningApp(demo: false, settings: new Dictionary<string, string?> { ["DataRoot"] = dataRoot }))
                first.CreateClient();

            await using var second = new LearningApp(demo: false, settings: new Dictionary<string, string?>
            {
                ["DataRoot"] = dataRoot,
                ["Jobs:reassessment-sweep:Schedule"] = "0 30 2 * * ?",
            });
            second.CreateClient();
            var scheduler = await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.Equal("0 30 2 * * ?", ((ICronTrigger)(await scheduler.GetTrigger(ScheduledJobs.TriggerOf("reassessment-sweep", "semarang")))!).CronExpressionString);
            Assert.Equal("0/10 * * * * ?", ((ICronTrigger)(await scheduler.GetTrigger(new TriggerKey("outbox-dispatch")))!).CronExpressionString);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataRoot, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Should_run_a_job_once_as_of_the_given_time_and_record_the_run()
    {
        await using var app = new LearningApp(demo: false);
        app.CreateClient();
        var exit = await Verbs.Run(app.Services, "jobs", ["run", "outbox-dispatch", "--as-of", "2026-12-01T02:00:00+07:00"]);

        Assert.Equal(0, exit);
        var run = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<JobRun>()
            .Where(r => r.Job == "outbox-dispatch" && r.AsOf == new DateTime(2026, 11, 30, 19, 0, 0, DateTimeKind.Utc)).SingleOrDefaultAsync());
        Assert.NotNull(run);
        Assert.Null(run.Error);
    }

    [Theory]
    [InlineData("run", "tidak-ada")]
    [InlineData("run", "outbox-dispatch", "--as-of", "kemarin")]
    [InlineData("run", "outbox-dispatch", "--asof", "2026-12-01T02:00:00+07:00")]
    [InlineData("jalan")]
    public async Task Should_refuse_an_unknown_job_or_a_bad_time_with_exit_code_2(params string[] args)
    {
        await using var app = new LearningApp(demo: false);
        app.CreateClient();
        Assert.Equal(2, await Verbs.Run(app.Services, "jobs", args));
    }

    [Fact]
    public async Task Should_show_the_jobs_to_an_administrator_only()
    {
        await using var app = new LearningApp();
        var admin = await app.PagesAs("admin");
        var run = await admin.PostAsync("/admin/jobs", await LearningApp.FormWithToken(admin, "/admin/jobs", new() { ["job"] = "outbox-dispatch" }));
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        var page = await admin.GetStringAsync("/admin/jobs");
        Assert.Contains("outbox-dispatch", page);
        Assert.Contains("Tugas outbox-dispatch dijalankan.", page);
        Assert.Contains("0/10 * * * * ?", page);

        var learner = await app.PagesAs("199005172015031001");
        Assert.StartsWith("/forbidden", (await learner.GetAsync("/admin/jobs")).Headers.Location!.OriginalString);
    }
}
