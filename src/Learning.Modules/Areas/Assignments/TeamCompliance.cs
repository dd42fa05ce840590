using Learning.CareerRecords.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Assignments;

public sealed record TeamAssignment(Guid Id, string? Course, string? Path, DateOnly DueDate, string Status);

public sealed record TeamGap(string Code, string Name, int RequiredLevel, int? CurrentLevel, IReadOnlyList<string> Courses);

public sealed record TeamMember(
    string Nip, string Name, string UnitCode, string UnitName, string? Position, decimal JpThisYear, decimal JpRequired,
    IReadOnlyList<TeamAssignment> Assignments, IReadOnlyList<TeamGap> Gaps)
{
    public int Overdue => Assignments.Count(a => a.Status == AssignmentStatuses.Overdue);
}

/// <summary>Each person in the caller's scope: assignments and their status, JP this year against the requirement, competency gaps.</summary>
public sealed class TeamCompliance(LearningDbContext db, TeamScope scopes, IJpStanding jp, IServiceProvider services,
    TimeProvider clock)
{
    /// <summary>Null when the unit is unknown.</summary>
    public async Task<IReadOnlyList<TeamMember>?> Of(Scope scope, string? unitCode, CancellationToken ct)
    {
        var people = await scopes.People(scope, unitCode, ct);
        if (people is null) return null;
        if (people.Count == 0) return [];
        var ids = people.Select(p => p.Id).ToList();
        var year = clock.Today().Year;
        var yearStart = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var items = (await db.Set<AssignmentItem>().AsNoTracking()
                .Where(i => ids.Contains(i.EmployeeId) && (i.Status != AssignmentStatuses.Completed || i.CompletedAt >= yearStart))
                .ToListAsync(ct))
            .ToLookup(i => i.EmployeeId);
        var standing = await jp.ThisYear(ids, year, ct);
        // Gaps come from the competency records when that part runs; without it nobody shows a gap.
        var gaps = services.GetService<ICompetencyGaps>() is { } gapSource
            ? await gapSource.Of(people, ct)
            : new Dictionary<Guid, IReadOnlyList<CompetencyGap>>();

        return people.Select(p => new TeamMember(
                p.Nip, p.Name, p.UnitCode, p.UnitName, p.PositionName, standing.GetValueOrDefault(p.Id), jp.RequiredPerYear,
                items[p.Id].OrderBy(i => Rank(i.Status)).ThenBy(i => i.DueOn)
                    .Select(i => new TeamAssignment(i.Id, i.CourseSlug, i.PathKey, i.DueOn, i.Status)).ToList(),
                (gaps.GetValueOrDefault(p.Id) ?? []).Select(g => new TeamGap(g.Code, g.Name, g.RequiredLevel, g.CurrentLevel, g.CourseSlugs)).ToList()))
            .OrderByDescending(m => m.Overdue).ThenBy(m => m.Name, StringComparer.CurrentCulture).ToList();
    }

    private static int Rank(string status) => status switch
    {
        AssignmentStatuses.Overdue => 0, AssignmentStatuses.InProgress => 1, AssignmentStatuses.Assigned => 2, _ => 3,
    };
}
