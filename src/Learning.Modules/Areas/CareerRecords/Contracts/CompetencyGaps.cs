using Learning.Organisation.Contracts;
namespace Learning.CareerRecords.Contracts;

/// <summary>
/// A competency the person's position requires above what they hold now (null: not held at all), and the published courses
/// that award it at the required level or higher.
/// </summary>
public sealed record CompetencyGap(string Code, string Name, int RequiredLevel, int? CurrentLevel, IReadOnlyList<string> CourseSlugs);

/// <summary>Gaps against each person's position standard, for the team page, reports and recommendations.</summary>
public interface ICompetencyGaps
{
    /// <summary>Every asked person is in the answer; someone without a position or standard has no gaps.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<CompetencyGap>>> For(IReadOnlyCollection<Guid> employeeIds, CancellationToken ct = default);

    /// <summary>As <see cref="For"/>, for people the caller has already read (their positions): a team is not read twice.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<CompetencyGap>>> Of(IReadOnlyCollection<EmployeeInfo> people, CancellationToken ct = default);
}

/// <summary>JP earned this year (verified trainings only) per person, for team pages and compliance jobs.</summary>
public interface IJpStanding
{
    /// <summary>The JP each person should earn in a year (CareerRecords:RequiredJpPerYear, read by CareerRecords alone).</summary>
    decimal RequiredPerYear { get; }

    Task<IReadOnlyDictionary<Guid, decimal>> ThisYear(IReadOnlyCollection<Guid> employeeIds, int year, CancellationToken ct = default);
}
