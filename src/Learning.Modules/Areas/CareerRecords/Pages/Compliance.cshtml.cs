using Learning.CareerRecords.Api;
using Learning.Kernel.Text;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.CareerRecords.Pages;

/// <summary>20-JP compliance per unit and for the city, for a year; also as CSV.</summary>
[Authorize(Roles.Coordinator)]
public sealed class ComplianceModel(CareerRecordQueries queries, TimeProvider clock) : PageModel
{
    public ComplianceReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int? year, string? format)
    {
        Report = await queries.Compliance(year is >= 2000 and <= 9999 ? year.Value : clock.ThisYear());
        if (format == "csv")
            return File(CsvText.Bytes(CareerRecordsApi.ComplianceCsv(Report)), CsvText.ContentType, $"kepatuhan-jp-{Report.Year}.csv");
        return Page();
    }
}
