using Learning.Audit.Contracts;
using Learning.Kernel.Text;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Audit.Pages;

/// <summary>Administrators read the audit log: filtered by who, kind and days, a page at a time, or downloaded as CSV. Nothing here changes it.</summary>
[Authorize(Policy = Roles.Administrator)]
public sealed class AuditModel(AuditQueries queries, IStringLocalizer text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Who { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Rows { get; private set; } = [];
    public bool More { get; private set; }
    public AuditQueries Queries => queries;

    private AuditFilter Filter => new(Who, AuditActions.All.Contains(Kind) ? Kind : null, From, To);

    public string Label(string action) => text[$"Audit.Action.{action}"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        (Rows, More) = await queries.Page(Filter, PageNumber, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var labels = AuditActions.All.ToDictionary(a => a, Label);
        return File(await queries.Csv(Filter, labels, ct), CsvText.ContentType, "audit-log.csv");
    }

    /// <summary>This page's address with the same filters and another page number (or the CSV handler).</summary>
    public string Link(int? page = null, string? handler = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["who"] = Who, ["kind"] = Kind, ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"),
            ["p"] = page?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["handler"] = handler,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/audit",
            query.Where(q => !string.IsNullOrEmpty(q.Value)).ToDictionary(q => q.Key, q => q.Value));
    }
}
