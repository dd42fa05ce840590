using System.Diagnostics;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Learning.Scheduling;

/// <summary>One run of a job: for the administrator's page and for operators.</summary>
public sealed class JobRun
{
    public Guid Id { get; private set; } = Ids.New();
    public string Job { get; private set; } = "";
    public DateTime AsOf { get; private set; }
    public DateTime StartedAt { get; private set; }
    public int DurationMs { get; private set; }
    public int Items { get; private set; }
    public string? Error { get; private set; }
    public string Node { get; private set; } = "";

    private JobRun() { }

    public JobRun(string job, DateTime asOf, DateTime startedAt, int durationMs, int items, string? error, string node)
    {
        Job = job; AsOf = asOf; StartedAt = startedAt; DurationMs = durationMs; Items = items;
        Error = error is { Length: > 2000 } ? error[..2000] : error;
        Node = node.Length > 100 ? node[..100] : node;
    }
}

internal sealed class JobRunner(IServiceProvider services, TimeProvider clock, IConfiguration configuration, ILogger<JobRunner> log) : IJobRunner
{
    // The machine alone would name two web nodes on one host alike.
    private readonly string _node = WebNode.Name(configuration);

    private const int KeptRunsPerJob = 200;

    public async Task<JobRunResult> Run(string name, ScheduledJob job, DateTimeOffset? asOf, CancellationToken ct)
    {
        var at = asOf ?? clock.GetUtcNow();
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        int items = 0;
        string? error = null;
        try { items = await job.Run(at, ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = e.Message;
            log.LogError(e, "Job {Job} failed", name);
        }
        var result = new JobRunResult(name, at, items, watch.Elapsed, error);

        // The record is written on its own, so a failed job's rolled-back work still leaves its trace; it is a row of the
        // tenant the run was for (the current one), kept and listed with that tenant's runs.
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        db.Set<JobRun>().Add(new JobRun(name, at.UtcDateTime, started.UtcDateTime, (int)watch.ElapsedMilliseconds, items, error, _node));
        await db.SaveChangesAsync(CancellationToken.None);
        var old = await db.Set<JobRun>().Where(r => r.Job == name).OrderByDescending(r => r.StartedAt)
            .Skip(KeptRunsPerJob).Select(r => r.Id).ToListAsync(CancellationToken.None);
        if (old.Count > 0) await db.Set<JobRun>().Where(r => old.Contains(r.Id)).ExecuteDeleteAsync(CancellationToken.None);
        if (items > 0 || error is not null) log.LogInformation("Job {Job} for {Tenant} as of {AsOf}: {Items} items in {Ms} ms", name, db.TenantKey, at, items, watch.ElapsedMilliseconds);
        return result;
    }
}

/// <summary>
/// Sends committed outbox messages (e-mail and other work that leaves the process), on one node at a time. A platform job:
/// one pass handles every tenant's messages, each in its tenant's scope (<see cref="OutboxProcessor"/>).
/// </summary>
internal sealed class OutboxDispatchJob(OutboxProcessor outbox) : ScheduledJob
{
    public override async Task<int> Run(DateTimeOffset asOf, CancellationToken ct)
    {
        var total = 0;
        for (int sent; (sent = await outbox.ProcessPending(ct)) > 0;) total += sent;
        return total;
    }
}
