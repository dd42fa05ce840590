using System.Globalization;
using System.Security.Claims;
using System.Text;
using Learning.Assessments.Contracts;
using Learning.CareerRecords.Contracts;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;

using Learning.Kernel.Text;

namespace Learning.Reports;

public sealed record LearningFigures(int Enrolments, int Completed, decimal CompletionRate, decimal? AverageScore, decimal? AverageDaysToComplete, int OverdueMandatory);

public sealed record UnitRow(string Unit, string Name, int People, LearningFigures Learning, int JpCompliant, decimal JpCompliance);

public sealed record CourseRow(string Course, string Title, LearningFigures Learning);

public sealed record ItemRow(string QuestionId, string Text, int Answered, int Correct, decimal Difficulty, decimal? Discrimination);

public sealed record UnitReport(int Year, decimal RequiredJp, IReadOnlyList<UnitRow> Units, UnitRow City);

public sealed record ItemReport(string Course, string Title, int Attempts, int GroupSize, IReadOnlyList<ItemRow> Items);

/// <summary>
/// Coordinator reports, computed from other modules' read-only contracts: enrolments streamed once and added up per
/// unit and per course, JP standing per unit, item analysis per course.
/// </summary>
public sealed class ReportQueries(
    IEnrolmentStatistics enrolments, IItemStatistics items, IAssessmentBank bank, IJpStanding jp, IOrganisationDirectory directory,
    ICourseCatalog catalog, ICoordinatorScope coordinators, TimeProvider clock)
{
    private sealed class Tally
    {
        public int Enrolments, Completed, Overdue, Scored, Timed;
        public decimal ScoreSum;
        public double DaysSum;

        public void Add(EnrolmentFact e, DateOnly today)
        {
            // A refused request was never learning: it is neither enrolled nor unfinished.
            if (e.Status == EnrolmentStatuses.Rejected) return;
            Enrolments++;
            if (e.Status == EnrolmentStatuses.Completed)
            {
                Completed++;
                if (e.Score is { } score) { Scored++; ScoreSum += score; }
                if (e.CompletedAt is { } done) { Timed++; DaysSum += (done - e.StartedAt).TotalDays; }
            }
            else if (e.Source == EnrolmentSource.Assigned && e.DueOn is { } due && due < today) Overdue++;
        }

        public LearningFigures Figures() => new(Enrolments, Completed,
            Enrolments == 0 ? 0 : Math.Round(Completed * 100m / Enrolments, 1),
            Scored == 0 ? null : Math.Round(ScoreSum / Scored, 1),
            Timed == 0 ? null : Math.Round((decimal)(DaysSum / Timed), 1),
            Overdue);
    }

    public decimal RequiredJp => jp.RequiredPerYear;

    private DateOnly Today => clock.Today();

    /// <summary>The units the coordinator reports on: the city, or their own unit and below (Team:CoordinatorScope=OwnUnit).</summary>
    public async Task<IReadOnlyList<UnitInfo>> UnitsFor(ClaimsPrincipal user, CancellationToken ct)
    {
        var all = await directory.Units(ct);
        if (user.IsInRole(Roles.Administrator) || await coordinators.UnitsOf(user.GetEmployeeId(), ct) is not { } mine) return all;
        return all.Where(u => mine.Contains(u.Id)).ToList();
    }

    public async Task<UnitReport> PerUnit(IReadOnlyList<UnitInfo> units, CancellationToken ct)
    {
        var today = Today;
        var people = await directory.EmployeesIn(units.Select(u => u.Id), ct);
        var unitOf = people.ToDictionary(p => p.Id, p => p.UnitId);
        var tallies = units.ToDictionary(u => u.Id, _ => new Tally());
        var city = new Tally();
        await foreach (var e in enrolments.Stream(null, ct))
        {
            if (!unitOf.TryGetValue(e.EmployeeId, out var unitId)) continue;
            tallies[unitId].Add(e, today);
            city.Add(e, today);
        }
        var required = RequiredJp;
        var standing = await jp.ThisYear(people.Select(p => p.Id).ToList(), today.Year, ct);
        var compliant = people.Where(p => JpLedger.IsCompliant(standing.GetValueOrDefault(p.Id), required)).GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.Count());
        var headcount = people.GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.Count());
        UnitRow Row(string code, string name, int n, Tally t, int ok) => new(code, name, n, t.Figures(), ok, n == 0 ? 0 : Math.Round(ok * 100m / n, 1));
        var rows = units.Select(u => Row(u.Code, u.Name, headcount.GetValueOrDefault(u.Id), tallies[u.Id], compliant.GetValueOrDefault(u.Id))).ToList();
        return new UnitReport(today.Year, required, rows, Row("", "", people.Count, city, compliant.Values.Sum()));
    }

    public async Task<IReadOnlyList<CourseRow>> PerCourse(IReadOnlyList<UnitInfo> units, CancellationToken ct)
    {
        var today = Today;
        var inScope = (await directory.EmployeesIn(units.Select(u => u.Id), ct)).Select(p => p.Id).ToHashSet();
        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        await foreach (var e in enrolments.Stream(null, ct))
        {
            if (!inScope.Contains(e.EmployeeId)) continue;
            (tallies.TryGetValue(e.CourseSlug, out var t) ? t : tallies[e.CourseSlug] = new Tally()).Add(e, today);
        }
        var titles = (await catalog.All(ct)).ToDictionary(c => c.Slug, c => c.Title);
        return tallies.Select(p => new CourseRow(p.Key, titles.GetValueOrDefault(p.Key, p.Key), p.Value.Figures()))
            .OrderBy(r => r.Title, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>The course item analysis opens on: the latest attempted one still in the catalogue, else the first there.</summary>
    public async Task<string?> DefaultItemsCourse(IReadOnlyList<CourseSummary> courses, CancellationToken ct) =>
        await items.LatestAttemptedCourse(ct) is { } latest && courses.Any(c => c.Slug == latest) ? latest : courses.FirstOrDefault()?.Slug;

    public async Task<ItemReport?> Items(string course, CancellationToken ct)
    {
        if (await catalog.Find(course, ct) is not { } outline) return null;
        var analysis = await items.For(course, ct);
        var texts = (await bank.Paper(course, ct))?.Questions.ToDictionary(q => q.Id, q => q.Text) ?? [];
        return new ItemReport(course, outline.Course.Title, analysis.Attempts, analysis.GroupSize,
            analysis.Items.Select(i => new ItemRow(i.QuestionId, texts.GetValueOrDefault(i.QuestionId, ""), i.Answered, i.Correct, i.Difficulty, i.Discrimination)).ToList());
    }

    // CSV through the one formula-safe writer: invariant numbers, one header row; what a spreadsheet opens as it is.
    private static string Csv(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows) => CsvText.Write(header, rows);

    private static IEnumerable<object?> Figures(LearningFigures f) =>
        [f.Enrolments, f.Completed, f.CompletionRate, f.AverageScore, f.AverageDaysToComplete, f.OverdueMandatory];

    private static readonly string[] FigureColumns = ["enrolments", "completed", "completionRate", "averageScore", "averageDaysToComplete", "overdueMandatory"];

    public static string UnitsCsv(UnitReport r) => Csv(["unit", "name", "people", .. FigureColumns, "jpCompliant", "jpCompliance"],
        r.Units.Append(r.City with { Unit = "*", Name = "*" }).Select(u => (IEnumerable<object?>)[u.Unit, u.Name, u.People, .. Figures(u.Learning), u.JpCompliant, u.JpCompliance]));

    public static string CoursesCsv(IReadOnlyList<CourseRow> rows) => Csv(["course", "title", .. FigureColumns],
        rows.Select(c => (IEnumerable<object?>)[c.Course, c.Title, .. Figures(c.Learning)]));

    public static string ItemsCsv(ItemReport r) => Csv(["question", "text", "answered", "correct", "difficulty", "discrimination"],
        r.Items.Select(i => (IEnumerable<object?>)[i.QuestionId, i.Text, i.Answered, i.Correct, i.Difficulty, i.Discrimination]));
}
