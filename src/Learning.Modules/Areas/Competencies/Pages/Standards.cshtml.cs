using Learning.Competencies.Api;
using Learning.Competencies.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Competencies.Pages;

/// <summary>Coordinators see the competency dictionary and each position's standard, and upload standards as CSV.</summary>
[Authorize(Policy = Roles.Coordinator)]
public sealed class StandardsModel(ICompetencyDictionary dictionary, IPositionStandards standards, IOrganisationDirectory organisation,
    IStringLocalizer text) : PageModel
{
    private const int ShownErrors = 200;

    public IReadOnlyList<CompetencyInfo> Dictionary { get; private set; } = [];
    public IReadOnlyDictionary<string, CompetencyInfo> ByCode { get; private set; } = new Dictionary<string, CompetencyInfo>();
    public IReadOnlyList<(PositionInfo Position, IReadOnlyList<RequiredCompetency> Required)> Positions { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public int HiddenErrors { get; private set; }
    public StandardsCounts? Imported { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => Load(ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        var (name, content, error) = await StandardsUpload.Read(file, text, ct);
        if (error is not null) Errors = [error];
        else
        {
            var result = await standards.Import(name, content!, ct);
            if (result.Succeeded) Imported = result.Counts;
            else
            {
                Errors = result.Problems.Take(ShownErrors).Select(p => p.ToString()).ToList();
                HiddenErrors = result.Problems.Count - Errors.Count;
            }
        }
        if (Errors.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        await Load(ct);
        return Page();
    }

    private async Task Load(CancellationToken ct)
    {
        Dictionary = await dictionary.List(ct);
        ByCode = Dictionary.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        var all = (await standards.All(ct)).ToDictionary(s => s.PositionCode, s => s.Competencies, StringComparer.OrdinalIgnoreCase);
        Positions = (await organisation.Positions(ct))
            .Select(p => (p, all.GetValueOrDefault(p.Code) ?? (IReadOnlyList<RequiredCompetency>)[])).ToList();
    }
}
