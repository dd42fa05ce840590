using Learning.Kernel.Text;
using System.Globalization;
using System.Text;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Audit;

/// <summary>What the administrator filters by: who (part of the name or NIP), the kind of action, and days in the city's time zone.</summary>
public sealed record AuditFilter(string? Who, string? Action, DateOnly? From, DateOnly? To);

/// <summary>Reading the audit log: newest first, filtered, a page at a time or all of it as CSV.</summary>
public sealed class AuditQueries(LearningDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;
    public const int MaxCsvRows = 100_000;

    public IQueryable<AuditEntry> Filtered(AuditFilter filter)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (filter.Who?.Trim() is { Length: > 0 } who) query = query.Where(e => e.Actor.Contains(who));
        if (filter.Action?.Trim() is { Length: > 0 } action) query = query.Where(e => e.Action == action);
        // Days are the city's: a day runs from its local midnight to the next.
        if (filter.From is { } from) { var start = Utc(from); query = query.Where(e => e.At >= start); }
        if (filter.To is { } to) { var end = Utc(to.AddDays(1)); query = query.Where(e => e.At < end); }
        return query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
    }

    public async Task<(IReadOnlyList<AuditEntry> Rows, bool More)> Page(AuditFilter filter, int page, CancellationToken ct)
    {
        var rows = await Filtered(filter).Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        return (rows.Take(PageSize).ToList(), rows.Count > PageSize);
    }

    public DateTime Local(DateTime utc) => clock.LocalDateTime(utc);

    private DateTime Utc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), clock.LocalTimeZone);

    /// <summary>Times in the city's zone; written by the one formula-safe writer (subjects and details come from what people typed).</summary>
    public async Task<byte[]> Csv(AuditFilter filter, IReadOnlyDictionary<string, string> labels, CancellationToken ct)
    {
        var rows = new List<object?[]>();
        await foreach (var e in Filtered(filter).Take(MaxCsvRows).AsAsyncEnumerable().WithCancellation(ct))
            rows.Add([Local(e.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), e.Actor,
                labels.GetValueOrDefault(e.Action, e.Action), e.Subject, e.Detail ?? "", e.Address ?? ""]);
        var csv = CsvText.Write(["at", "actor", "action", "subject", "detail", "address"], rows);
        return new UTF8Encoding(true).GetPreamble().Concat(CsvText.Bytes(csv)).ToArray();
    }
}
