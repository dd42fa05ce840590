using Learning.Kernel;
using Quartz;

namespace Learning.Web.Hosting;

/// <summary>
/// Before the scheduler starts: a job whose configured cron schedule (or time zone) differs from its stored trigger is
/// rescheduled; every other stored trigger is left as it was, so one missed while the app was down fires once on start.
/// </summary>
internal sealed class ScheduleReconciler(ISchedulerFactory schedulers, IEnumerable<JobDefinition> jobs, IConfiguration configuration,
    ILogger<ScheduleReconciler> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var zone = CityTime.Zone(configuration);
        foreach (var job in jobs)
        {
            var key = new TriggerKey(job.Name);
            // A missing trigger was just added by Quartz's own configuration step.
            if (await scheduler.GetTrigger(key, ct) is not ICronTrigger stored
                || (stored.CronExpressionString == job.Schedule && stored.TimeZone.Id == zone.Id)) continue;

            var trigger = TriggerBuilder.Create().ForJob(job.Name).WithIdentity(key)
                .WithCronSchedule(job.Schedule, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)).Build();
            await scheduler.RescheduleJob(key, trigger, ct);
            log.LogInformation("Job {Job} scheduled as {Schedule}", job.Name, job.Schedule);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
