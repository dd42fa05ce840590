using System.Text.Json;
using Learning.Assessments.Contracts;
using Learning.Assessments.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Assessments;

/// <summary>Difficulty and upper/lower-27% discrimination over submitted attempts (timed-out ones were never answered).</summary>
internal sealed class ItemStatistics(LearningDbContext db) : IItemStatistics
{
    public const decimal GroupShare = 0.27m;

    private sealed record Graded(Guid Id, decimal Score, string[] Drawn, HashSet<string> Wrong);

    public Task<string?> LatestAttemptedCourse(CancellationToken ct) =>
        db.Set<Attempt>().AsNoTracking().Where(a => a.Status == AttemptStatuses.Submitted)
            .OrderByDescending(a => a.SubmittedAt).Select(a => a.CourseSlug).FirstOrDefaultAsync(ct);

    public async Task<ItemAnalysis> For(string courseSlug, CancellationToken ct)
    {
        // Only what the arithmetic needs is kept per attempt: its score and question ids.
        var attempts = new List<Graded>();
        var rows = db.Set<Attempt>().AsNoTracking()
            .Where(a => a.CourseSlug == courseSlug && a.Status == AttemptStatuses.Submitted)
            .Select(a => new { a.Id, a.Score, a.DrawJson, a.WrongJson }).AsAsyncEnumerable();
        await foreach (var a in rows.WithCancellation(ct))
        {
            var drawn = JsonSerializer.Deserialize<List<DrawnQuestion>>(a.DrawJson)?.Select(q => q.Id).ToArray() ?? [];
            var wrong = JsonSerializer.Deserialize<List<string>>(a.WrongJson) ?? [];
            attempts.Add(new Graded(a.Id, a.Score ?? 0, drawn, wrong.ToHashSet(StringComparer.Ordinal)));
        }

        var ranked = attempts.OrderByDescending(a => a.Score).ThenBy(a => a.Id).ToList();
        var group = ranked.Count == 0 ? 0 : Math.Max(1, (int)Math.Round(ranked.Count * GroupShare, MidpointRounding.AwayFromZero));
        var upper = ranked.Take(group).ToList();
        var lower = ranked.Skip(ranked.Count - group).ToList();

        static (int Seen, int Right) Count(IEnumerable<Graded> set, string id)
        {
            var seen = 0; var right = 0;
            foreach (var a in set)
            {
                if (!a.Drawn.Contains(id)) continue;
                seen++;
                if (!a.Wrong.Contains(id)) right++;
            }
            return (seen, right);
        }

        var items = attempts.SelectMany(a => a.Drawn).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id =>
        {
            var (seen, right) = Count(attempts, id);
            var (upSeen, upRight) = Count(upper, id);
            var (lowSeen, lowRight) = Count(lower, id);
            decimal? discrimination = upSeen == 0 || lowSeen == 0
                ? null
                : Math.Round((decimal)upRight / upSeen - (decimal)lowRight / lowSeen, 3);
            return new ItemStatistic(id, seen, right, Math.Round((decimal)right / seen, 3), discrimination);
        }).ToList();
        return new ItemAnalysis(courseSlug, attempts.Count, group, items);
    }
}
