using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Assignments.Pages;

/// <summary>The learner's assigned learning: due dates, status, the note, and asking for more time.</summary>
[Authorize]
public sealed class MineModel(Extensions extensions, ItemNames names, IStringLocalizer text) : PageModel
{
    public IReadOnlyList<MyItem> Items { get; private set; } = [];
    private Func<string?, string?, string> _name = (slug, path) => slug ?? path ?? "";
    public string? Error { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostAsync(Guid id, string? reason, DateOnly? dueDate, CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return NotFound();
        var (asked, error, notFound) = await extensions.Ask(employeeId, id, reason, dueDate, ct);
        if (notFound) return NotFound();
        if (asked is not null)
        {
            Message = text["Assignments.Mine.Asked"];
            return RedirectToPage();
        }
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await Load(ct);
        return Page();
    }

    private async Task Load(CancellationToken ct)
    {
        _name = await names.Load(ct);
        Items = User.GetEmployeeId() is { } employeeId ? await extensions.Mine(employeeId, ct) : [];
    }

    public string Title(AssignmentItem item) => _name(item.CourseSlug, item.PathKey);
}
