using System.Collections.Concurrent;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Learning.Enrolments;

/// <summary>
/// Where each learner resumes (the last lesson opened), written behind the page. Opening a lesson is the busiest write of a
/// morning, and on SQLite every writer waits for the one before it (issue 21: 64 first visits queueing on that lock made the
/// lesson page ten times slower than the rest). So the page only notes the lesson here and this one writer saves what was
/// noted, a batch per transaction, as soon as it can. Until then <see cref="Pending"/> answers for the row (Enrolling.Find reads
/// it), so the learner's next request on this node already resumes there.
/// A resume point is a hint, not a record: it moves no change stamp (no cached page shows it; the lesson page without a key,
/// which resumes, is never kept) and takes no concurrency token, so a lesson completed at that moment simply wins or loses.
/// On a clean shutdown the host stops the web server first (its requests drain), then this service, which writes what is left
/// before it returns, so no resume point is lost; a killed process loses at most the last instant's.
/// </summary>
public sealed class ResumePoints(IServiceScopeFactory scopes, ILogger<ResumePoints> log) : BackgroundService
{
    private sealed record Point(TenantInfo Tenant, string LessonKey);

    private readonly ConcurrentDictionary<Guid, Point> _pending = new();
    private readonly SemaphoreSlim _signal = new(0);
    private volatile bool _running;

    /// <summary>The lesson noted for the enrolment and not saved yet, if any. Read it before the row: it is dropped only after the row has it.</summary>
    public string? Pending(Guid enrolmentId) => _pending.TryGetValue(enrolmentId, out var point) ? point.LessonKey : null;

    /// <summary>Notes the lesson as where to resume; false when this writer is not running (a command, or the host stopping): then the caller writes it.</summary>
    public bool Note(Guid enrolmentId, string lessonKey, TenantInfo tenant)
    {
        if (!_running) return false;
        _pending[enrolmentId] = new Point(tenant, lessonKey);
        // Stopped meanwhile: its last flush may have run already, so the caller writes this one (twice at worst, harmless).
        if (!_running) { _pending.TryRemove(enrolmentId, out _); return false; }
        if (_signal.CurrentCount == 0) _signal.Release();
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = true;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try { await _signal.WaitAsync(stoppingToken); }
                catch (OperationCanceledException) { break; }
                await Flush(CancellationToken.None);
            }
        }
        finally
        {
            // Stopping: nothing new is noted from now on (a late request writes its own), and what is noted is written.
            _running = false;
            await Flush(CancellationToken.None);
        }
    }

    /// <summary>Writes every noted point, one transaction per tenant; a point noted again meanwhile stays for the next round.</summary>
    internal async Task Flush(CancellationToken ct)
    {
        while (!_pending.IsEmpty)
        {
            var batch = _pending.ToArray();
            foreach (var tenant in batch.GroupBy(p => p.Value.Tenant.Key))
            {
                try
                {
                    using var _ = Tenancy.Use(tenant.First().Value.Tenant);
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    foreach (var (id, point) in tenant) await Write(db, id, point.LessonKey, ct);
                    await transaction.CommitAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Only a hint is lost; the next lesson opened writes it again.
                    log.LogWarning(e, "Resume points of {Count} enrolments were not saved", tenant.Count());
                }
                foreach (var pair in tenant) _pending.TryRemove(pair); // only if not noted again since
            }
        }
    }

    /// <summary>One small UPDATE of the one column, without reading the row.</summary>
    internal static Task<int> Write(LearningDbContext db, Guid enrolmentId, string lessonKey, CancellationToken ct) =>
        db.Set<Enrolment>().Where(e => e.Id == enrolmentId && (e.LastLessonKey == null || e.LastLessonKey != lessonKey))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LastLessonKey, lessonKey), ct);
}
