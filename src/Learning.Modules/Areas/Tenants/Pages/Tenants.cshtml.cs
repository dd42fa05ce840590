using Learning.Kernel;
using Learning.Tenants.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Tenants.Pages;

/// <summary>The platform administrator lists the cities on the platform and adds one.</summary>
[Authorize(Policy = PlatformAdministration.Policy)]
public sealed class TenantsModel(LearningDbContext db, ITenantAdministration administration, ITenantDirectory directory, IStringLocalizer text)
    : PageModel
{
    /// <summary>A tenant as listed: its settings, and the address its QR codes and e-mail links use.</summary>
    public sealed record Row(Tenant Tenant, string? Address, bool IsDefault);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    [BindProperty] public TenantForm Input { get; set; } = new();
    public IReadOnlyList<string> Problems { get; private set; } = [];
    [TempData(Key = "Tenants.Done")] public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await List(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var settings = Input.ToSettings();
        if (settings is null) return await Refused([text["Tenants.JpNotNumber", Input.JpPerYear ?? ""]], ct, StatusCodes.Status400BadRequest);
        var change = await administration.Save(Input.Key ?? "", settings with { New = true }, ct);
        if (!change.Succeeded) return await Refused(change.Problems, ct, change.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        Done = text["Tenants.Added", change.Tenant!.Name];
        return LocalRedirect("~/admin/tenants");
    }

    /// <summary>The list again, with the form as typed and what was wrong with it.</summary>
    private async Task<IActionResult> Refused(IReadOnlyList<string> problems, CancellationToken ct, int status)
    {
        Problems = problems;
        Response.StatusCode = status;
        await List(ct);
        return Page();
    }

    private async Task List(CancellationToken ct)
    {
        var tenants = await db.Set<Tenant>().AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
        Rows = tenants.Select(t => new Row(t, directory.Find(t.Key)?.PublicUrl, t.Key == directory.Default.Key)).ToList();
    }
}
