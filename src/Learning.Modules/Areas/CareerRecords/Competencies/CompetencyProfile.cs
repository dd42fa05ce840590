using Learning.CareerRecords.Contracts;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;

namespace Learning.CareerRecords.Competencies;

/// <summary>A certificate's claim to a competency, as the profile rules read it.</summary>
public sealed record CertifiedLevel(string Code, int Level, CompetencyRecordStatus Status, DateOnly? ValidUntil, string CertificateNumber);

/// <summary>
/// Where a person stands on one competency. <paramref name="Source"/> is "certificate" or "assessment"; a competency whose
/// certificates all lapsed and that no assessment agreed shows its last level with status lapsed (and counts as not held).
/// </summary>
public sealed record CompetencyStanding(string Code, int Level, string Status, string Source, string? CertificateNumber, DateOnly? ValidUntil)
{
    public bool Counts => Status != "lapsed";
}

/// <summary>
/// The current-level rules: the level agreed with the supervisor, or a higher one proven by a certificate that still counts
/// (not lapsed and not past its validity). Pure, so the pages, the API, the gaps and the tests share it.
/// </summary>
public static class CompetencyProfile
{
    public static bool StillCounts(CertifiedLevel level, DateOnly today) =>
        level.Status != CompetencyRecordStatus.Lapsed && (level.ValidUntil is not { } until || until >= today);

    public static IReadOnlyList<CompetencyStanding> Of(IEnumerable<CertifiedLevel> certified, IReadOnlyDictionary<string, int> agreed, DateOnly today)
    {
        var byCode = certified.ToLookup(c => c.Code, StringComparer.OrdinalIgnoreCase);
        var codes = byCode.Select(g => g.Key).Concat(agreed.Keys).Distinct(StringComparer.OrdinalIgnoreCase);
        var result = new List<CompetencyStanding>();
        foreach (var code in codes)
        {
            // The best certificate that still counts: highest level, then the longest valid.
            var best = byCode[code].Where(c => StillCounts(c, today))
                .OrderByDescending(c => c.Level).ThenByDescending(c => c.ValidUntil ?? DateOnly.MaxValue).FirstOrDefault();
            var agreedLevel = agreed.TryGetValue(code, out var a) ? a : (int?)null;
            if (best is not null && (agreedLevel is null || best.Level >= agreedLevel))
                result.Add(new(code, best.Level, best.Status.Name(), "certificate", best.CertificateNumber, best.ValidUntil));
            else if (agreedLevel is { } level)
                result.Add(new(code, level, CompetencyRecordStatus.Active.Name(), "assessment", null, null));
            else
            {
                var last = byCode[code].OrderByDescending(c => c.ValidUntil ?? DateOnly.MinValue).ThenByDescending(c => c.Level).First();
                result.Add(new(code, last.Level, CompetencyRecordStatus.Lapsed.Name(), "certificate", last.CertificateNumber, last.ValidUntil));
            }
        }
        return result;
    }

    /// <summary>The level that counts now per competency (lapsed ones left out).</summary>
    public static IReadOnlyDictionary<string, int> CurrentLevels(IEnumerable<CompetencyStanding> standings) =>
        standings.Where(s => s.Counts).ToDictionary(s => s.Code, s => s.Level, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Each required competency held below its level (or not at all), with the published courses that award it at the
    /// required level or higher, in catalogue order.
    /// </summary>
    /// <param name="awarding">The courses found per competency and level, shared by the callers that work out many people's gaps
    /// (a team shares a few standards): the catalogue is searched once per required level, not once per person.</param>
    public static IReadOnlyList<CompetencyGap> Gaps(IReadOnlyList<RequiredCompetency> standard, IReadOnlyDictionary<string, int> current,
        IReadOnlyDictionary<string, string> names, IReadOnlyList<CourseSummary> published,
        Dictionary<(string Code, int Level), IReadOnlyList<string>>? awarding = null)
    {
        var gaps = new List<CompetencyGap>();
        foreach (var required in standard)
        {
            var held = current.TryGetValue(required.Code, out var level) ? level : (int?)null;
            if (held >= required.Level) continue;
            if (awarding is null || !awarding.TryGetValue((required.Code, required.Level), out var courses))
            {
                courses = published
                    .Where(c => c.Competencies.Any(a => string.Equals(a.Code, required.Code, StringComparison.OrdinalIgnoreCase) && a.Level >= required.Level))
                    .Select(c => c.Slug).ToList();
                awarding?.Add((required.Code, required.Level), courses);
            }
            gaps.Add(new CompetencyGap(required.Code, names.GetValueOrDefault(required.Code, required.Code), required.Level, held, courses));
        }
        return gaps;
    }
}
