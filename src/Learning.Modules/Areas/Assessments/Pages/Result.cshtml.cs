using Learning.Assessments.Domain;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Assessments.Pages;

/// <summary>The grade of an attempt: score, passed or not, which questions were wrong — never the right answers.</summary>
public sealed class ResultModel(Attempts attempts, ICourseCatalog catalog) : PageModel
{
    public Attempt Attempt { get; private set; } = null!;
    public string CourseTitle { get; private set; } = "";
    /// <summary>The wrong questions with their number in the attempt.</summary>
    public IReadOnlyList<(int Number, string Text)> Wrong { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid attemptId, CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId || await attempts.Find(attemptId, employeeId, ct) is not { } attempt) return NotFound();
        if (attempt.IsOpen) return Redirect($"/attempts/{attemptId}");
        Attempt = attempt;
        CourseTitle = (await catalog.Find(attempt.CourseSlug, ct))?.Course.Title ?? attempt.CourseSlug;
        var questions = await attempts.Questions(attempt, ct);
        var wrong = attempt.WrongQuestions.ToHashSet();
        Wrong = questions.Select((q, i) => (Number: i + 1, q)).Where(x => wrong.Contains(x.q.Id)).Select(x => (x.Number, x.q.Text)).ToList();
        return Page();
    }
}
