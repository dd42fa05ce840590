using Learning.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Learning.Scheduling;

/// <summary>
/// Quartz hosted in the web process with its job store in our database (tables created by our
/// migrations; clustered on PostgreSQL), the record of every job run, and the administrator's page.
/// </summary>
public sealed class SchedulingModule : LearningModule
{
    public override string Id => "Scheduling";

    public override IReadOnlyList<string> DependsOn => ["Audit"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // The menu entries of this module's pages (Kernel/Menu.cs).
        services.AddMenuItem(Roles.Administrator, 40, "Scheduling.Menu.Jobs", "/admin/jobs");
        services.AddSingleton<IJobRunner, JobRunner>();
    }

    public override void ConfigureModel(ModelBuilder model) => model.Entity<JobRun>(b =>
    {
        b.ToTable(Table("JobRuns"));
        b.Property(r => r.Job).HasMaxLength(100);
        b.Property(r => r.Node).HasMaxLength(100);
        b.Property(r => r.Error).HasMaxLength(2000);
        b.HasIndex(r => new { r.Job, r.StartedAt });
    });

    public override void ConfigureJobs(IQuartzBuilder quartz, IConfiguration configuration) =>
        quartz.AddScheduledJob<OutboxDispatchJob>(configuration, "outbox-dispatch", "0/10 * * * * ?",
            "Scheduling.Jobs.OutboxDispatch", eachTenant: false); // one pass over every tenant's messages
}
