using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;

namespace Learning.CareerRecords.Components;

public sealed record JpBarModel(int Year, decimal Total, decimal Required);

/// <summary>Home section: "JP tahun {year}: X dari 20" with a progress bar.</summary>
public sealed class JpBarViewComponent(CareerRecordQueries queries, CareerRecordsOptions options, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var year = clock.ThisYear();
        var total = UserClaimsPrincipal.GetEmployeeId() is { } employeeId ? await queries.JpOf(employeeId, year) : 0;
        return View("/Areas/CareerRecords/Components/JpBar.cshtml", new JpBarModel(year, total, options.RequiredJpPerYear));
    }
}
