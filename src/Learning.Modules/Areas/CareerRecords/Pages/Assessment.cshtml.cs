using Learning.CareerRecords.Competencies;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.CareerRecords.Pages;

/// <summary>An ASN rates themselves against the level descriptors of their position's competencies, and sees every past assessment.</summary>
public sealed class AssessmentModel(CompetencyAssessments assessments, IOrganisationDirectory organisation, LearningDbContext db) : PageModel
{
    public AssessmentSheet? Sheet { get; private set; }
    public EmployeeInfo? Supervisor { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Sent { get; private set; }

    [BindProperty] public Dictionary<string, int?> Levels { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Notes { get; set; } = [];

    public async Task OnGetAsync(bool sent, CancellationToken ct)
    {
        Sent = sent;
        await Load(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return NotFound();
        var ratings = Levels.Select(l => new RatingInput(l.Key, l.Value, Notes.GetValueOrDefault(l.Key))).ToList();
        var (assessment, errors) = await assessments.Submit(employeeId, ratings, ct);
        if (assessment is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await Load(ct);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { sent = true });
    }

    private async Task Load(CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return;
        Sheet = await assessments.SheetOf(employeeId, ct);
        if (Sheet?.Employee.SupervisorId is { } supervisorId) Supervisor = await organisation.FindEmployee(supervisorId, ct);
    }

    /// <summary>The level shown as chosen: what was just posted, else the current level.</summary>
    public int? Chosen(StandardLine line) => Levels.TryGetValue(line.Competency.Code, out var posted) ? posted : line.CurrentLevel;
}
