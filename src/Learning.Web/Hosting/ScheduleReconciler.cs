using Learning.Kernel;
using Quartz;

namespace Learning.Web.Hosting;

/// <summary>
/// Keeps the stored triggers as the jobs and tenants say: a job for each tenant has one trigger per tenant (in the tenant's
/// group, carrying its key, in its time zone); a platform job has its one trigger. Before the scheduler starts, and again
/// whenever the tenants (their keys or zones) change: a trigger is added for a new tenant, rescheduled when its schedule or
/// zone changed, removed when its tenant is gone; every other stored trigger is left as it was, so one missed while the app
/// was down fires once on start. Every node does this; the job store is shared, so the first to see a change applies it.
/// It runs once the server listens (the host's Started step, before ApplicationStarted starts the scheduler), so the first
/// page need not wait for it (issue 21; bench/README.md, "Start-up, sixth round").
/// </summary>
internal sealed class ScheduleReconciler(ISchedulerFactory schedulers, IEnumerable<JobDefinition> jobs, IServiceProvider services,
    IConfiguration configuration, ILogger<ScheduleReconciler> log) : IHostedLifecycleService
{
    // Never disposed: a host may be stopped after it is disposed (tests), and a source without a timer holds nothing.
    private readonly CancellationTokenSource _stopping = new();
    private Task? _watching;
    private string? _applied;

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken ct)
    {
        await Reconcile(ct);
        _watching = Watch(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _stopping.CancelAsync();
        if (_watching is not null) await _watching.WaitAsync(ct).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    // The tenant directory is cached for seconds; asking it this often costs nothing until the tenants change.
    private async Task Watch(CancellationToken ct)
    {
        var every = TimeSpan.FromSeconds(configuration.GetValue("Jobs:ReconcileSeconds", 5));
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, ct);
                if (Signature(Tenants()) != _applied) await Reconcile(ct);
            }
            catch (OperationCanceledException) { return; }
            catch (Exception e) { log.LogError(e, "Reconciling the schedule failed"); }
        }
    }

    /// <summary>Brings the stored triggers in line with the jobs and the tenants there are now.</summary>
    public async Task Reconcile(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var tenants = Tenants();
        foreach (var job in jobs)
        {
            await AskForRecovery(scheduler, job, ct);
            if (!job.EachTenant)
            {
                // A missing trigger was just added by Quartz's own configuration step.
                await Apply(scheduler, job, new TriggerKey(job.Name), CityTime.Zone(configuration), tenant: null, addMissing: false, ct);
                continue;
            }
            var keys = tenants.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
            // Triggers of tenants that are gone, and the single trigger of the time before tenants (default group).
            foreach (var stored in await scheduler.GetTriggersOfJob(new JobKey(job.Name), ct))
                if (!keys.Contains(stored.Key.Group))
                {
                    await scheduler.UnscheduleJob(stored.Key, ct);
                    log.LogInformation("Job {Job}: trigger {Trigger} removed", job.Name, stored.Key);
                }
            foreach (var tenant in tenants)
                await Apply(scheduler, job, ScheduledJobs.TriggerOf(job.Name, tenant.Key), tenant.TimeZone, tenant.Key, addMissing: true, ct);
        }
        _applied = Signature(tenants);
    }

    /// <summary>
    /// A job stored before its runs asked to be recovered (the store keeps the first definition it saw) is stored again as it is
    /// configured now, its triggers kept: a run cut short by a dying node then finishes on another.
    /// </summary>
    private async Task AskForRecovery(IScheduler scheduler, JobDefinition job, CancellationToken ct)
    {
        if (await scheduler.GetJobDetail(new JobKey(job.Name), ct) is not { RequestsRecovery: false } stored) return;
        await scheduler.AddJob(stored.GetJobBuilder().RequestRecovery().Build(), AddJobOptions.Replacing, ct);
        log.LogInformation("Job {Job}: a run cut short by a stopped node is now run again by another", job.Name);
    }

    private async Task Apply(IScheduler scheduler, JobDefinition job, TriggerKey key, TimeZoneInfo zone, string? tenant, bool addMissing, CancellationToken ct)
    {
        var stored = await scheduler.GetTrigger(key, ct);
        if (stored is null && !addMissing) return;
        if (stored is ICronTrigger cron && cron.CronExpressionString == job.Schedule && cron.TimeZone.Id == zone.Id) return;

        var builder = TriggerBuilder.Create().ForJob(job.Name).WithIdentity(key)
            .WithCronSchedule(job.Schedule, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed));
        if (tenant is not null) builder = builder.UsingJobData(ScheduledJobs.TenantData, tenant);
        var trigger = builder.Build();
        if (stored is not null) await scheduler.RescheduleJob(key, trigger, ct);
        else await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, ct); // another node may have added it a moment ago
        log.LogInformation("Job {Job} scheduled as {Schedule} ({Zone}) for {Tenant}", job.Name, job.Schedule, zone.Id, tenant ?? "the platform");
    }

    private IReadOnlyList<TenantInfo> Tenants() =>
        services.GetService<ITenantDirectory>()?.All ?? [Tenancy.CurrentOrDefault(services)];

    private static string Signature(IReadOnlyList<TenantInfo> tenants) =>
        string.Join(";", tenants.Select(t => $"{t.Key}={t.TimeZone.Id}").Order(StringComparer.Ordinal));
}
