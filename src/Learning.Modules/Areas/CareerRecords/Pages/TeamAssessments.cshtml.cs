using Learning.CareerRecords.Competencies;
using Learning.Competencies.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.CareerRecords.Pages;

/// <summary>A supervisor confirms or adjusts the self-assessments their own people submitted, each with a comment.</summary>
public sealed class TeamAssessmentsModel(CompetencyAssessments assessments, ICompetencyDictionary dictionary, LearningDbContext db) : PageModel
{
    public IReadOnlyList<(EmployeeInfo Person, CompetencyAssessment Assessment)> Pending { get; private set; } = [];
    public IReadOnlyDictionary<string, CompetencyInfo> Competencies { get; private set; } = new Dictionary<string, CompetencyInfo>();
    public Guid? Failed { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Done { get; private set; }

    [BindProperty] public Dictionary<string, int?> Levels { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Comments { get; set; } = [];

    public async Task OnGetAsync(bool done, CancellationToken ct)
    {
        Done = done;
        await Load(ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return NotFound();
        var decisions = Levels.Select(l => new RatingInput(l.Key, l.Value, Comments.GetValueOrDefault(l.Key))).ToList();
        var (outcome, _, errors) = await assessments.Confirm(id, employeeId, decisions, ct);
        if (outcome == CompetencyAssessments.ConfirmOutcome.NotFound) return NotFound();
        if (outcome != CompetencyAssessments.ConfirmOutcome.Confirmed)
        {
            Failed = id;
            Errors = errors;
            Response.StatusCode = outcome switch
            {
                CompetencyAssessments.ConfirmOutcome.Invalid => StatusCodes.Status400BadRequest,
                CompetencyAssessments.ConfirmOutcome.Own => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status409Conflict,
            };
            await Load(ct);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { done = true });
    }

    private async Task Load(CancellationToken ct)
    {
        Competencies = (await dictionary.List(ct)).ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        if (User.GetEmployeeId() is { } employeeId) Pending = await assessments.AwaitingConfirmation(employeeId, ct);
    }

    /// <summary>After a refused post the supervisor's own choices come back; otherwise the self-rating is offered.</summary>
    public int Chosen(CompetencyAssessment a, AssessmentRating r) =>
        Failed == a.Id && Levels.TryGetValue(r.CompetencyCode, out var posted) && posted is { } level ? level : r.SelfLevel;
}
