using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;

namespace Learning.Assignments.Components;

/// <summary>Home section: the assigned learning still open, with its due date and status, and where to ask for more time.</summary>
public sealed class MyAssignmentsViewComponent(Extensions extensions) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var items = UserClaimsPrincipal.GetEmployeeId() is { } employeeId ? await extensions.Mine(employeeId, HttpContext.RequestAborted) : [];
        return View("/Areas/Assignments/Components/MyAssignments.cshtml", items.Where(i => i.Item.IsOpen).ToList());
    }
}
