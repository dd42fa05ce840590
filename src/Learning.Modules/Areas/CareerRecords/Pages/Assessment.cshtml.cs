using Learning.CareerRecords.Competencies;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.CareerRecords.Pages;

/// <summary>
/// An ASN rates themselves against the level descriptors of their position's competencies (saving a draft part-way if they
/// wish), and sees every past assessment.
/// </summary>
public sealed class AssessmentModel(CompetencyAssessments assessments, IOrganisationDirectory organisation, LearningDbContext db) : PageModel
{
    public AssessmentSheet? Sheet { get; private set; }
    public EmployeeInfo? Supervisor { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Sent { get; private set; }
    public bool DraftSaved { get; private set; }

    [BindProperty] public Dictionary<string, int?> Levels { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Notes { get; set; } = [];

    public async Task OnGetAsync(bool sent, bool saved, CancellationToken ct)
    {
        Sent = sent;
        DraftSaved = saved;
        await Load(ct);
        // Reopened: the draft's ratings and notes are on the form again.
        if (Sheet?.Draft is { } draft && Sheet.Pending is null)
            foreach (var r in draft.Ratings)
            {
                Levels[r.CompetencyCode] = r.SelfLevel == 0 ? null : r.SelfLevel;
                if (r.SelfNote is not null) Notes[r.CompetencyCode] = r.SelfNote;
            }
    }

    /// <summary>Keeps what is rated so far; nobody else sees it until it is sent.</summary>
    public async Task<IActionResult> OnPostDraftAsync(CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return NotFound();
        var (draft, errors) = await assessments.SaveDraft(employeeId, Ratings(), ct);
        if (draft is null) return await Refused(errors, ct);
        return RedirectToPage(new { saved = true });
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return NotFound();
        var (assessment, errors) = await assessments.Submit(employeeId, Ratings(), ct);
        if (assessment is null) return await Refused(errors, ct);
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { sent = true });
    }

    /// <summary>Every competency on the form: one with only a note (no level chosen) counts too.</summary>
    private List<RatingInput> Ratings() => Levels.Keys.Union(Notes.Keys, StringComparer.OrdinalIgnoreCase)
        .Select(code => new RatingInput(code, Levels.GetValueOrDefault(code), Notes.GetValueOrDefault(code))).ToList();

    private async Task<IActionResult> Refused(IReadOnlyList<string> errors, CancellationToken ct)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await Load(ct);
        return Page();
    }

    private async Task Load(CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return;
        Sheet = await assessments.SheetOf(employeeId, ct);
        if (Sheet?.Employee.SupervisorId is { } supervisorId) Supervisor = await organisation.FindEmployee(supervisorId, ct);
    }

    /// <summary>The level shown as chosen: what was just posted or saved in the draft, else (without a draft) the current level.</summary>
    public int? Chosen(StandardLine line) =>
        Levels.TryGetValue(line.Competency.Code, out var given) ? given : Sheet?.Draft is null ? line.CurrentLevel : null;
}
