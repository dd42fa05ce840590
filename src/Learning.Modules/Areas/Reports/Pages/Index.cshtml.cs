using Learning.Courses.Contracts;
using Learning.Kernel.Text;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Reports.Pages;

/// <summary>
/// A bar chart as plain HTML (_Bars.cshtml): one row a label, values 0..Max. The label is text that wraps on a phone instead of
/// being cut short in a drawing scaled down to 390 px; the bar's length is a percentage of the row's width.
/// </summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<(string Label, decimal Value)> Bars, decimal Max, string Suffix)
{
    /// <summary>The bar's length in percent of its track, for a style attribute (invariant digits).</summary>
    public string Percent(decimal value) =>
        (Max <= 0 ? 0 : Math.Round(Math.Clamp(value / Max, 0, 1) * 100, 1)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Reports per unit, per course and item analysis of a course's questions; each table also as CSV.</summary>
[Authorize(Roles.Coordinator)]
public sealed class IndexModel(ReportQueries reports, ICourseCatalog catalog) : PageModel
{
    public string View { get; private set; } = "units";
    public UnitReport? Units { get; private set; }
    public IReadOnlyList<CourseRow> Courses { get; private set; } = [];
    public ItemReport? Items { get; private set; }
    public IReadOnlyList<CourseSummary> AllCourses { get; private set; } = [];
    public string? Course { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? view, string? course, string? format, CancellationToken ct)
    {
        View = view is "courses" or "items" ? view : "units";
        var units = await reports.UnitsFor(User, ct);
        AllCourses = await catalog.All(ct);
        switch (View)
        {
            case "units":
                Units = await reports.PerUnit(units, ct);
                if (format == "csv") return Csv(ReportQueries.UnitsCsv(Units), $"laporan-unit-{Units.Year}.csv");
                break;
            case "courses":
                Courses = await reports.PerCourse(units, ct);
                if (format == "csv") return Csv(ReportQueries.CoursesCsv(Courses), "laporan-kursus.csv");
                break;
            default:
                Course = course ?? await reports.DefaultItemsCourse(AllCourses, ct);
                if (Course is not null && await reports.Items(Course, ct) is { } items)
                {
                    Items = items;
                    if (format == "csv") return Csv(ReportQueries.ItemsCsv(items), $"analisis-butir-{Course}.csv");
                }
                else if (course is not null) return NotFound();
                break;
        }
        return Page();
    }

    private FileContentResult Csv(string body, string name) => File(CsvText.Bytes(body), CsvText.ContentType, name);
}
