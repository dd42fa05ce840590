using Learning.Courses.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;

namespace Learning.Assignments.Components;

public sealed record MyAssignmentsModel(IReadOnlyList<MyItem> Items, IReadOnlyDictionary<string, string> Titles);

/// <summary>Home section: the assigned learning still open, with its due date and status, and where to ask for more time.</summary>
public sealed class MyAssignmentsViewComponent(Extensions extensions, ICourseCatalog catalog) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var items = UserClaimsPrincipal.GetEmployeeId() is { } employeeId ? await extensions.Mine(employeeId, HttpContext.RequestAborted) : [];
        var open = items.Where(i => i.Item.IsOpen).ToList();
        var titles = open.Count == 0 ? new Dictionary<string, string>() : (await catalog.Published(HttpContext.RequestAborted)).ToDictionary(c => c.Slug, c => c.Title);
        return View("/Areas/Assignments/Components/MyAssignments.cshtml", new MyAssignmentsModel(open, titles));
    }
}
