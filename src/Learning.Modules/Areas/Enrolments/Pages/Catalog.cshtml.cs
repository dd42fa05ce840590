using Learning.Kernel;
using Microsoft.AspNetCore.OutputCaching;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Enrolments.Pages;

/// <summary>The catalogue: a plain GET form searches title, summary and competency, and filters by type, JP and duration.</summary>
[OutputCache(PolicyName = PersonalPagePolicy.Name)]
public sealed class CatalogModel(ICourseCatalog catalog, ICompetencyDictionary dictionary) : PageModel
{
    /// <summary>JP bands and duration bands offered by the filters: (value, lowest, highest).</summary>
    public static readonly IReadOnlyList<(string Value, decimal Min, decimal Max)> JpBands = [("1-2", 0, 2), ("3-4", 2.01m, 4), ("5+", 4.01m, decimal.MaxValue)];
    public static readonly IReadOnlyList<(string Value, int Min, int Max)> DurationBands = [("60", 0, 60), ("120", 61, 120), ("121", 121, int.MaxValue)];

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "jp")] public string? Jp { get; set; }
    [BindProperty(SupportsGet = true, Name = "duration")] public string? Duration { get; set; }
    // "p", not "page": Razor Pages keeps "page" for the route of the page itself.
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    /// <summary>Twenty cards a page: a city's catalogue runs to hundreds of courses, read on a phone.</summary>
    public const int PageSize = 20;

    public IReadOnlyList<CourseSummary> Courses { get; private set; } = [];
    public int Found { get; private set; }
    public int Pages { get; private set; } = 1;
    public IReadOnlyDictionary<string, CompetencyInfo> Competencies { get; private set; } = new Dictionary<string, CompetencyInfo>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Competencies = (await dictionary.List(ct)).ToDictionary(c => c.Code);
        IEnumerable<CourseSummary> found = await catalog.Published(ct);
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var q = Query.Trim();
            found = found.Where(c => c.Title.Contains(q, StringComparison.OrdinalIgnoreCase) || c.Summary.Contains(q, StringComparison.OrdinalIgnoreCase)
                || c.Competencies.Any(a => a.Code.Contains(q, StringComparison.OrdinalIgnoreCase)
                    || (Competencies.TryGetValue(a.Code, out var info) && info.Name.Contains(q, StringComparison.OrdinalIgnoreCase))));
        }
        if (CompetencyTypes.TryParse(Type, out var type))
            found = found.Where(c => c.Competencies.Any(a => Competencies.TryGetValue(a.Code, out var info) && info.Type == type));
        if (JpBands.FirstOrDefault(b => b.Value == Jp) is { Value: not null } jp)
            found = found.Where(c => c.Jp >= jp.Min && c.Jp <= jp.Max);
        if (DurationBands.FirstOrDefault(b => b.Value == Duration) is { Value: not null } duration)
            found = found.Where(c => c.Minutes >= duration.Min && c.Minutes <= duration.Max);
        var all = found.ToList();
        Found = all.Count;
        Pages = Math.Max(1, (Found + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Courses = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
    }

    /// <summary>The link to another page of the same search.</summary>
    public string PageLink(int page)
    {
        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = Query, ["type"] = Type, ["jp"] = Jp, ["duration"] = Duration,
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));
        return "/courses" + query.ToUriComponent();
    }

    public string CompetencyName(string code) => Competencies.TryGetValue(code, out var info) ? info.Name : code;
}
