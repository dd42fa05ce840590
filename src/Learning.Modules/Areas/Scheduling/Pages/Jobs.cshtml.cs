using Learning.Audit.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Learning.Scheduling.Pages;

/// <summary>Each job's schedule, last and next run, duration, items handled and last error; run one now.</summary>
[Authorize(Policy = Roles.Administrator)]
public sealed class JobsModel(IEnumerable<JobDefinition> jobs, LearningDbContext db, ISchedulerFactory schedulers, IAuditLog audit) : PageModel
{
    public sealed record Row(string Name, string Schedule, string Description, JobRun? LastRun, JobRun? LastError, DateTimeOffset? NextRun);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    [TempData] public string? Started { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var rows = new List<Row>();
        foreach (var job in jobs.OrderBy(j => j.Name))
        {
            var runs = db.Set<JobRun>().AsNoTracking().Where(r => r.Job == job.Name).OrderByDescending(r => r.StartedAt);
            var trigger = await scheduler.GetTrigger(new TriggerKey(job.Name), ct);
            rows.Add(new Row(job.Name, job.Schedule, job.Description,
                await runs.FirstOrDefaultAsync(ct), await runs.FirstOrDefaultAsync(r => r.Error != null, ct), trigger?.NextFireTimeUtc));
        }
        Rows = rows;
    }

    public async Task<IActionResult> OnPostAsync(string job, CancellationToken ct)
    {
        if (!jobs.Any(j => j.Name == job)) return NotFound();
        await (await schedulers.GetScheduler(ct)).TriggerJob(new JobKey(job), ct);
        audit.Record(AuditActions.JobRun, job, "/admin/jobs");
        await db.SaveChangesAsync(ct);
        Started = job;
        return RedirectToPage();
    }
}
