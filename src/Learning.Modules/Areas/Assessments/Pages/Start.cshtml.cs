using Learning.Assessments.Domain;
using Learning.Assessments.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Assessments.Pages;

/// <summary>Before an attempt: the rules, the attempts so far, and a button that starts (or resumes) one.</summary>
public sealed class StartModel(Attempts attempts, IAssessedEnrolments enrolments, ICourseCatalog catalog) : PageModel
{
    public AssessedEnrolment Enrolment { get; private set; } = null!;
    public CourseOutline Course { get; private set; } = null!;
    public IReadOnlyList<Attempt> Previous { get; private set; } = [];
    public string? Refusal { get; private set; }
    /// <summary>Why the assessment cannot be sat yet (the path waits for something), already worded.</summary>
    public string? Held { get; private set; }

    public Attempt? Open => Previous.FirstOrDefault(a => a.IsOpen);
    /// <summary>0 for the course's own attempts; a reassessment round opened by the path gives fresh ones.</summary>
    public int Round { get; private set; }
    public int? AttemptsLeft => Course.Assessment?.MaxAttempts is { } max ? Math.Max(0, max - Previous.Count(a => a.Round == Round)) : null;
    public bool Passed => Round == 0 ? Enrolment.AssessmentPassed : Previous.Any(a => a.Round == Round && a.Passed == true);

    public async Task<IActionResult> OnGetAsync(Guid enrolmentId, CancellationToken ct) =>
        await Load(enrolmentId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid enrolmentId, CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return NotFound();
        if (await attempts.Hold(enrolmentId, employeeId, ct) is not null)
        {
            if (!await Load(enrolmentId, ct)) return NotFound();
            Response.StatusCode = StatusCodes.Status409Conflict; // the page says why (Held)
            return Page();
        }
        var (outcome, attempt) = await attempts.Start(enrolmentId, employeeId, ct);
        if (attempt is not null) return Redirect($"/attempts/{attempt.Id}");
        if (outcome == StartOutcome.NotFound || !await Load(enrolmentId, ct)) return NotFound();
        Refusal = outcome switch
        {
            StartOutcome.AlreadyPassed => "Assessments.Api.AlreadyPassed",
            StartOutcome.NoAttemptsLeft => "Assessments.Api.NoAttemptsLeft",
            _ => "Assessments.Api.NoAssessment",
        };
        return Page();
    }

    private async Task<bool> Load(Guid enrolmentId, CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId || await enrolments.Find(enrolmentId, employeeId, ct) is not { } enrolment) return false;
        if (await catalog.Find(enrolment.CourseSlug, ct) is not { Assessment: not null } course) return false;
        Enrolment = enrolment;
        Course = course;
        Previous = await attempts.OfEnrolment(enrolmentId, employeeId, ct);
        Held = await attempts.Hold(enrolmentId, employeeId, ct);
        Round = await attempts.Round(enrolmentId, ct);
        return true;
    }
}
