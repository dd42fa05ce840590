using Learning.Audit.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Learning.Scheduling.Pages;

/// <summary>
/// Each job's schedule, last and next run, duration, items handled and last error, for this tenant (its runs, its trigger in
/// its time zone); run one now for this tenant.
/// </summary>
[Authorize(Policy = Roles.Administrator)]
public sealed class JobsModel(IEnumerable<JobDefinition> jobs, LearningDbContext db, ISchedulerFactory schedulers, IAuditLog audit) : PageModel
{
    public sealed record Row(string Name, string Schedule, string Description, JobRun? LastRun, JobRun? LastError, DateTimeOffset? NextRun, string? Zone);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    [TempData] public string? Started { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var rows = new List<Row>();
        foreach (var job in jobs.OrderBy(j => j.Name))
        {
            var runs = db.Set<JobRun>().AsNoTracking().Where(r => r.Job == job.Name).OrderByDescending(r => r.StartedAt);
            var trigger = await scheduler.GetTrigger(job.EachTenant ? ScheduledJobs.TriggerOf(job.Name, db.TenantKey) : new TriggerKey(job.Name), ct);
            rows.Add(new Row(job.Name, job.Schedule, job.Description,
                await runs.FirstOrDefaultAsync(ct), await runs.FirstOrDefaultAsync(r => r.Error != null, ct), trigger?.NextFireTimeUtc,
                (trigger as ICronTrigger)?.TimeZone.Id));
        }
        Rows = rows;
    }

    public async Task<IActionResult> OnPostAsync(string job, CancellationToken ct)
    {
        if (jobs.FirstOrDefault(j => j.Name == job) is not { } definition) return NotFound();
        // For this tenant only: another tenant's administrator decides when their jobs run.
        var data = definition.EachTenant ? new JobDataMap { [ScheduledJobs.TenantData] = db.TenantKey } : new JobDataMap();
        await (await schedulers.GetScheduler(ct)).TriggerJob(new JobKey(job), data, ct);
        audit.Record(AuditActions.JobRun, job, "/admin/jobs");
        await db.SaveChangesAsync(ct);
        Started = job;
        return RedirectToPage();
    }
}
