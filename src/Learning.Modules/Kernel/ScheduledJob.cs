using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    /// <summary>The scheduler's firing this run belongs to; null when an operator runs the job.</summary>
    public JobFiring? Firing { get; internal set; }
}

/// <summary>
/// A firing of a job's trigger: the time it was due, and whether this run is the firing again on another node because the
/// node that began it died (every job asks for that: each is idempotent, so finishing the work twice changes nothing).
/// </summary>
public sealed record JobFiring(DateTimeOffset ScheduledFor, bool Recovering);

/// <summary>This web node's name, for the record of a job run and the logs: Node:Name, or the machine and the process.</summary>
public static class WebNode
{
    public static string Name(IConfiguration configuration) =>
        configuration["Node:Name"] is { Length: > 0 } name ? name : $"{Environment.MachineName}/{Environment.ProcessId}";
}

/// <summary>
/// What Quartz runs: the job, through the runner that records it, for the tenant its trigger names (one trigger per job and
/// tenant, see <see cref="ScheduledJobs"/>). The job and its contexts are made inside that tenant's scope, so a run sees and
/// changes that tenant's rows only. One job never runs twice at once, cluster-wide, not even for two tenants.
/// </summary>
[DisallowConcurrentExecution]
public sealed class QuartzJob<TJob>(IServiceProvider services, IJobRunner runner) : IJob where TJob : ScheduledJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var name = context.JobDetail.Key.Name;
        var key = context.MergedJobDataMap.GetString(ScheduledJobs.TenantData);
        if (key is null)
        {
            // A job for the whole platform (it makes a scope per tenant itself), or one run without naming a tenant.
            await Run(name, context, ct);
            return;
        }
        if (services.GetService<ITenantDirectory>()?.Find(key) is not { } tenant)
        {
            services.GetService<ILogger<TJob>>()?.LogWarning("Job {Job} skipped: no tenant {Tenant}", name, key);
            return;
        }
        using var _ = Tenancy.Use(tenant);
        await Run(name, context, ct);
    }

    // The job is made here, after the tenant is set: a context takes the tenant current when it is made.
    private async Task Run(string name, IJobExecutionContext context, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<TJob>();
        job.Firing = new JobFiring(ScheduledFor(context), context.Recovering);
        await runner.Run(name, job, asOf: null, ct);
    }

    // A recovering run's own trigger is the recovery trigger; the firing it stands for is in that trigger's data.
    private static DateTimeOffset ScheduledFor(IJobExecutionContext context)
    {
        if (context.Recovering && context.MergedJobDataMap.GetString(SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime) is { } original)
        {
            if (long.TryParse(original, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var ms))
                return DateTimeOffset.FromUnixTimeMilliseconds(ms);
            if (DateTimeOffset.TryParse(original, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
                return at;
        }
        return context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
    }
}

/// <summary>
/// A job as the scheduler and the operator know it: its name and cron schedule. A job for each tenant (the default) runs once
/// per tenant at the schedule read in that tenant's time zone; a platform job (<see cref="EachTenant"/> false) runs once, in the
/// configured zone, and handles every tenant itself.
/// </summary>
public sealed record JobDefinition(string Name, Type JobType, string Schedule, string Description, bool EachTenant = true);

/// <summary>Runs a job and records the run (when, as of, how long, items handled, error) as a row of the current tenant.</summary>
public interface IJobRunner
{
    Task<JobRunResult> Run(string name, ScheduledJob job, DateTimeOffset? asOf, CancellationToken ct);
}

public sealed record JobRunResult(string Job, DateTimeOffset AsOf, int Items, TimeSpan Duration, string? Error);

public static class ScheduledJobs
{
    /// <summary>The trigger's data naming the tenant a run is for.</summary>
    public const string TenantData = "tenant";

    /// <summary>A tenant's trigger of a job: named after the job, in the tenant's group.</summary>
    public static TriggerKey TriggerOf(string job, string tenant) => new(job, tenant);

    /// <summary>
    /// Registers a job with its cron schedule, overridable as <c>Jobs:{name}:Schedule</c>. A job for each tenant gets its
    /// triggers (one per tenant, in the tenant's zone) from the schedule reconciler, which knows the tenants; a platform job
    /// gets its one trigger here. A trigger missed while the app was down fires once on start (catch-up), not once per missed slot.
    /// A run whose node dies midway is run again by another node (clustered store: once the dead node misses its check-in),
    /// which is why every job must be idempotent.
    /// </summary>
    public static void AddScheduledJob<TJob>(this IQuartzBuilder quartz, IConfiguration configuration, string name, string defaultSchedule,
        string description, bool eachTenant = true)
        where TJob : ScheduledJob
    {
        var schedule = configuration[$"Jobs:{name}:Schedule"] ?? defaultSchedule;
        quartz.Services.AddSingleton(new JobDefinition(name, typeof(TJob), schedule, description, eachTenant));
        quartz.Services.AddTransient<TJob>();
        quartz.AddJob<QuartzJob<TJob>>(j => j.WithIdentity(name).StoreDurably().RequestRecovery());
        if (eachTenant) return;
        var zone = CityTime.Zone(configuration);
        quartz.AddTrigger(t => t.ForJob(name).WithIdentity(name)
            .WithCronSchedule(schedule, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
