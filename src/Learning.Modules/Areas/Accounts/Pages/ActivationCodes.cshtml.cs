using Learning.Accounts.Contracts;
using Learning.Kernel;
using Learning.Kernel.Text;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Accounts.Pages;

/// <summary>
/// An administrator issues activation codes for a unit: a printable sheet (one slip per person) or a CSV file. Issuing
/// replaces earlier codes, so it is a POST (antiforgery) and the codes are shown this once.
/// </summary>
[Authorize(Policy = Roles.Administrator)]
public sealed class ActivationCodesModel(ActivationCodes activation, IOrganisationDirectory organisation, IStringLocalizer text) : PageModel
{
    [BindProperty] public string? Unit { get; set; }
    public IReadOnlyList<UnitInfo> Units { get; private set; } = [];
    public IReadOnlyList<IssuedActivationCode>? Issued { get; private set; }
    public string? UnitName { get; private set; }
    public string? Error { get; private set; }
    /// <summary>Where a person goes with their slip: the city's public address, else this request's.</summary>
    public string ActivateAddress => (Tenancy.Current?.PublicUrl is { Length: > 0 } url ? url.TrimEnd('/')
        : $"{Request.Scheme}://{Request.Host}{Request.PathBase}") + "/activate";

    public async Task OnGetAsync(CancellationToken ct) => Units = await organisation.Units(ct);

    public async Task<IActionResult> OnPostSheetAsync(CancellationToken ct)
    {
        if (!await Issue(ct)) return Page();
        return Page();
    }

    public async Task<IActionResult> OnPostCsvAsync(CancellationToken ct)
    {
        if (!await Issue(ct)) return Page();
        var file = $"kode-aktivasi-{Unit!.Trim().ToLowerInvariant()}.csv";
        return File(CsvText.Bytes(ActivationCodes.Csv(Issued!)), CsvText.ContentType, file);
    }

    private async Task<bool> Issue(CancellationToken ct)
    {
        Units = await organisation.Units(ct);
        var unit = Units.FirstOrDefault(u => string.Equals(u.Code, Unit?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (unit is null)
        {
            Error = text["Accounts.Activation.Sheet.UnknownUnit"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }
        UnitName = unit.Name;
        Issued = await activation.Issue(unit.Code, ct);
        return Issued is not null;
    }
}
