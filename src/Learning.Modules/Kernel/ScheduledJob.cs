using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Learning.Kernel;

/// <summary>
/// A job the scheduler runs (and an operator can run with <c>jobs run NAME --as-of …</c>). Schedules
/// are data swept by jobs, so a job handles every item due at <paramref name="asOf"/>, idempotently,
/// and returns how many it handled. Never two runs of one job at once, across all nodes.
/// </summary>
public abstract class ScheduledJob
{
    public abstract Task<int> Run(DateTimeOffset asOf, CancellationToken ct);
}

/// <summary>What Quartz runs: the job, through the runner that records it. Never concurrent, cluster-wide.</summary>
[DisallowConcurrentExecution]
public sealed class QuartzJob<TJob>(TJob job, IJobRunner runner) : IJob where TJob : ScheduledJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) =>
        await runner.Run(context.JobDetail.Key.Name, job, asOf: null, ct);
}

/// <summary>A job as the scheduler and the operator know it: its name and cron schedule (Asia/Jakarta time).</summary>
public sealed record JobDefinition(string Name, Type JobType, string Schedule, string Description);

/// <summary>Runs a job and records the run (when, as of, how long, items handled, error).</summary>
public interface IJobRunner
{
    Task<JobRunResult> Run(string name, ScheduledJob job, DateTimeOffset? asOf, CancellationToken ct);
}

public sealed record JobRunResult(string Job, DateTimeOffset AsOf, int Items, TimeSpan Duration, string? Error);

public static class ScheduledJobs
{
    /// <summary>
    /// Registers a job with its cron schedule, overridable as <c>Jobs:{name}:Schedule</c>. A trigger
    /// missed while the app was down fires once on start (catch-up), not once per missed slot.
    /// </summary>
    public static void AddScheduledJob<TJob>(this IQuartzBuilder quartz, IConfiguration configuration, string name, string defaultSchedule, string description)
        where TJob : ScheduledJob
    {
        var schedule = configuration[$"Jobs:{name}:Schedule"] ?? defaultSchedule;
        var zone = CityTime.Zone(configuration);
        quartz.Services.AddSingleton(new JobDefinition(name, typeof(TJob), schedule, description));
        quartz.Services.AddTransient<TJob>();
        quartz.AddJob<QuartzJob<TJob>>(j => j.WithIdentity(name).StoreDurably());
        quartz.AddTrigger(t => t.ForJob(name).WithIdentity(name)
            .WithCronSchedule(schedule, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
