using Learning.Courses.Contracts;
using Learning.Kernel.Text;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Reports.Pages;

/// <summary>A bar chart drawn on the server as a small SVG: one bar per label, values 0..Max.</summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<(string Label, decimal Value)> Bars, decimal Max, string Suffix)
{
    private const int Row = 26, LabelWidth = 190, BarWidth = 300;

    /// <summary>Plain SVG, no script or fonts: a few hundred bytes per bar; labels are encoded.</summary>
    public string Svg(System.Globalization.CultureInfo culture)
    {
        static string N(decimal v) => v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        static string E(string s) => System.Net.WebUtility.HtmlEncode(s);
        var height = Math.Max(1, Bars.Count) * Row + 8;
        var svg = new System.Text.StringBuilder()
            .Append($"<svg role=\"img\" aria-labelledby=\"{Id}-title\" viewBox=\"0 0 {LabelWidth + BarWidth + 60} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append($"<title id=\"{Id}-title\">{E(Title)}</title>");
        for (var i = 0; i < Bars.Count; i++)
        {
            var (label, value) = Bars[i];
            var width = Max <= 0 ? 0 : Math.Clamp(value / Max, 0, 1) * BarWidth;
            var y = i * Row + 4;
            var shown = label.Length > 30 ? label[..29] + "…" : label;
            svg.Append($"<text x=\"0\" y=\"{y + 15}\" font-size=\"12\" fill=\"#1d2433\">{E(shown)}</text>")
               .Append($"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{BarWidth}\" height=\"18\" fill=\"#e4e8f0\"/>")
               .Append($"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{N(width)}\" height=\"18\" fill=\"#0b5cab\"/>")
               .Append($"<text x=\"{LabelWidth + BarWidth + 6}\" y=\"{y + 15}\" font-size=\"12\" fill=\"#1d2433\">{E(value.ToString("0.#", culture) + Suffix)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }
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
