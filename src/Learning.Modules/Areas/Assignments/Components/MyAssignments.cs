using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;

namespace Learning.Assignments.Components;

public sealed record MyAssignmentsModel(IReadOnlyList<MyItem> Items, Func<string?, string?, string> Title);

/// <summary>Home section: the assigned learning still open, with its due date and status, and where to ask for more time.</summary>
public sealed class MyAssignmentsViewComponent(Extensions extensions, ItemNames names) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var items = UserClaimsPrincipal.GetEmployeeId() is { } employeeId ? await extensions.Mine(employeeId, HttpContext.RequestAborted, openOnly: true) : [];
        var open = items.Where(i => i.Item.IsOpen).ToList();
        Func<string?, string?, string> titles = open.Count == 0 ? (_, _) => "" : await names.Load(HttpContext.RequestAborted);
        return View("/Areas/Assignments/Components/MyAssignments.cshtml", new MyAssignmentsModel(open, titles));
    }
}
