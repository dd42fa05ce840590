using System.Globalization;
using Learning.Assessments.Domain;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Assessments.Pages;

/// <summary>The questions of an open attempt as one plain form; the time left is computed by the server on every load.</summary>
public sealed class AttemptModel(Attempts attempts, ICourseCatalog catalog, TimeProvider clock) : PageModel
{
    public Attempt Attempt { get; private set; } = null!;
    public string CourseTitle { get; private set; } = "";
    public IReadOnlyList<ShownQuestion> Questions { get; private set; } = [];
    public int? MinutesLeft { get; private set; }

    public static string Field(string questionId) => "q_" + questionId;

    public async Task<IActionResult> OnGetAsync(Guid attemptId, CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId || await attempts.Find(attemptId, employeeId, ct) is not { } attempt) return NotFound();
        if (!attempt.IsOpen) return Redirect($"/attempts/{attemptId}/result");
        Attempt = attempt;
        CourseTitle = (await catalog.Find(attempt.CourseSlug, ct))?.Course.Title ?? attempt.CourseSlug;
        Questions = await attempts.Questions(attempt, ct);
        if (attempt.DeadlineAt is { } deadline)
            MinutesLeft = (int)Math.Max(0, Math.Ceiling((deadline - clock.GetUtcNow().UtcDateTime).TotalMinutes));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid attemptId, CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId || await attempts.Find(attemptId, employeeId, ct) is not { } attempt) return NotFound();
        var answers = new Dictionary<string, GivenAnswer>();
        foreach (var q in await attempts.Questions(attempt, ct))
        {
            var values = Request.Form[Field(q.Id)];
            if (values.Count == 0) continue;
            if (q.Type == QuestionType.TrueFalse)
            {
                if (bool.TryParse(values[0], out var b)) answers[q.Id] = new GivenAnswer(null, b);
                continue;
            }
            var chosen = values.Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1)
                .Where(i => q.Options.Any(o => o.Id == i)).ToHashSet();
            if (q.Type == QuestionType.Single && chosen.Count > 1) continue;
            answers[q.Id] = new GivenAnswer(chosen, null);
        }
        await attempts.Submit(attemptId, employeeId, answers, ct);
        return Redirect($"/attempts/{attemptId}/result");
    }
}
