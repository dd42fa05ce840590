using Learning.CareerRecords.Competencies;
using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;

namespace Learning.CareerRecords.Components;

/// <summary>Home section for supervisors: self-assessments of their people waiting for confirmation (nothing when none).</summary>
public sealed class PendingAssessmentsViewComponent(CompetencyAssessments assessments) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var count = UserClaimsPrincipal.GetEmployeeId() is { } employeeId
            ? await assessments.CountAwaitingConfirmation(employeeId, HttpContext.RequestAborted) : 0;
        return count == 0 ? Content("") : View("/Areas/CareerRecords/Components/PendingAssessments.cshtml", count);
    }
}
