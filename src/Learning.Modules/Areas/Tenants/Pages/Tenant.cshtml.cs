using Learning.Kernel;
using Learning.Tenants.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Tenants.Pages;

/// <summary>The platform administrator changes one city's settings.</summary>
[Authorize(Policy = PlatformAdministration.Policy)]
public sealed class TenantModel(LearningDbContext db, ITenantAdministration administration, IStringLocalizer text) : PageModel
{
    public Tenant Tenant { get; private set; } = null!;
    [BindProperty] public TenantForm Input { get; set; } = new();
    /// <summary>The tenant's revision the form was read at: a save on an older one is refused, not written over.</summary>
    [BindProperty] public int? Revision { get; set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        if (!await Load(key, ct)) return NotFound();
        Input = TenantForm.Of(Tenant);
        Revision = Tenant.Revision;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken ct)
    {
        if (!await Load(key, ct)) return NotFound();
        var settings = Input.ToSettings();
        if (settings is null) return Refused([text["Tenants.JpNotNumber", Input.JpPerYear ?? ""]], StatusCodes.Status400BadRequest);
        // A form without its revision is treated as read now: it still cannot undo a save it never saw after this point.
        var change = await administration.Save(Tenant.Key, settings with { ExpectedRevision = Revision ?? Tenant.Revision }, ct);
        if (!change.Succeeded)
            return Refused(change.Problems, change.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        TempData["Tenants.Done"] = text["Tenants.Saved", change.Tenant!.Name].Value;
        return LocalRedirect("~/admin/tenants");
    }

    /// <summary>The form again as typed (the key is the tenant's, not the form's), with what was wrong.</summary>
    private PageResult Refused(IReadOnlyList<string> problems, int status)
    {
        Problems = problems;
        Input.Key = Tenant.Key;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> Load(string key, CancellationToken ct)
    {
        var found = await db.Set<Tenant>().AsNoTracking().SingleOrDefaultAsync(t => t.Key == key, ct);
        if (found is null) return false;
        Tenant = found;
        return true;
    }
}
