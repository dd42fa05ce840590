using Learning.CareerRecords.Api;
using Learning.CareerRecords.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;

namespace Learning.CareerRecords.Components;

/// <summary>Home section: the competencies my position needs that I do not hold yet, and the courses that close each gap.</summary>
public sealed class CompetencyGapsViewComponent(ICompetencyGaps gaps, ICourseCatalog catalog) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        // Service accounts (admin) have no position, so no gaps to show.
        if (UserClaimsPrincipal.GetEmployeeId() is not { } employeeId) return Content("");
        var items = await CompetencyApi.GapsOf(employeeId, gaps, catalog, HttpContext.RequestAborted);
        return View("/Areas/CareerRecords/Components/CompetencyGaps.cshtml", items);
    }
}
