using System.Globalization;
using Learning.Assessments.Domain;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Assessments.Pages;

/// <summary>
/// The questions of an open attempt as one plain form; the time left is computed by the server on every load.
/// A submission with questions left unanswered (or answered with values the form never offered) comes back once,
/// everything given still selected, so a learner who scrolled past a question on a phone can answer it or send as it is.
/// </summary>
public sealed class AttemptModel(Attempts attempts, ICourseCatalog catalog, TimeProvider clock) : PageModel
{
    public Attempt Attempt { get; private set; } = null!;
    public string CourseTitle { get; private set; } = "";
    public IReadOnlyList<ShownQuestion> Questions { get; private set; } = [];
    public int? MinutesLeft { get; private set; }
    /// <summary>After a submission that was not complete: what the form carried, per question, to select again.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Selected { get; private set; } = new Dictionary<string, IReadOnlySet<string>>();
    /// <summary>The questions (by id) without a valid answer, when the page asks before grading; empty otherwise.</summary>
    public IReadOnlyDictionary<string, AnswerProblem> Problems { get; private set; } = new Dictionary<string, AnswerProblem>();

    public static string Field(string questionId) => "q_" + questionId;

    public async Task<IActionResult> OnGetAsync(Guid attemptId, CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId || await attempts.Find(attemptId, employeeId, ct) is not { } attempt) return NotFound();
        if (!attempt.IsOpen) return Redirect($"/attempts/{attemptId}/result");
        await Show(attempt, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid attemptId, string? confirm, CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId || await attempts.Find(attemptId, employeeId, ct) is not { } attempt) return NotFound();
        var questions = await attempts.Questions(attempt, ct);
        var read = AnswerForm.Read(questions, id => Request.Form[Field(id)].ToArray());
        // Asked once: "send as it is" confirms; a closed attempt or a clock that ran out takes what there is without asking.
        var timeUp = attempt.DeadlineAt is { } deadline && clock.GetUtcNow().UtcDateTime >= deadline;
        if (read.Problems.Count > 0 && confirm != "1" && attempt.IsOpen && !timeUp)
        {
            await Show(attempt, ct, questions);
            Selected = read.Selected;
            Problems = read.Problems;
            return Page();
        }
        await attempts.Submit(attemptId, employeeId, read.Answers, ct);
        return Redirect($"/attempts/{attemptId}/result");
    }

    /// <summary>The numbers (1-based, as shown) of the questions without a valid answer.</summary>
    public IReadOnlyList<int> ProblemNumbers =>
        Questions.Select((q, i) => (q.Id, Number: i + 1)).Where(q => Problems.ContainsKey(q.Id)).Select(q => q.Number).ToList();

    public bool IsSelected(string questionId, string value) => Selected.TryGetValue(questionId, out var values) && values.Contains(value);

    private async Task Show(Attempt attempt, CancellationToken ct, IReadOnlyList<ShownQuestion>? questions = null)
    {
        Attempt = attempt;
        CourseTitle = (await catalog.Find(attempt.CourseSlug, ct))?.Course.Title ?? attempt.CourseSlug;
        Questions = questions ?? await attempts.Questions(attempt, ct);
        if (attempt.DeadlineAt is { } deadline)
            MinutesLeft = (int)Math.Max(0, Math.Ceiling((deadline - clock.GetUtcNow().UtcDateTime).TotalMinutes));
    }
}

public enum AnswerProblem { Unanswered, Invalid }

/// <summary>Reads the attempt form: the answers to grade, the questions without a valid answer, and what to select again.</summary>
public static class AnswerForm
{
    private static readonly IReadOnlySet<string> TrueFalse = new HashSet<string> { "true", "false" };

    public sealed record Reading(
        IReadOnlyDictionary<string, GivenAnswer> Answers,
        IReadOnlyDictionary<string, AnswerProblem> Problems,
        IReadOnlyDictionary<string, IReadOnlySet<string>> Selected);

    /// <summary>
    /// A question's answer is valid when every value names one of its shown options (or true/false), with exactly one for
    /// single choice and true/false and at least one for multiple choice. Anything else is graded as no answer.
    /// </summary>
    public static Reading Read(IReadOnlyList<ShownQuestion> questions, Func<string, IReadOnlyList<string?>> valuesOf)
    {
        var answers = new Dictionary<string, GivenAnswer>();
        var problems = new Dictionary<string, AnswerProblem>();
        var selected = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var q in questions)
        {
            var values = valuesOf(q.Id).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct().ToList();
            if (values.Count == 0) { problems[q.Id] = AnswerProblem.Unanswered; continue; }
            IReadOnlySet<string> offered = q.Type == QuestionType.TrueFalse
                ? TrueFalse
                : q.Options.Select(o => o.Id.ToString(CultureInfo.InvariantCulture)).ToHashSet();
            var known = values.Where(offered.Contains).ToHashSet();
            var single = q.Type != QuestionType.Multiple;
            // Two radios of one question cannot both be shown selected: select neither and ask again.
            if (!single || known.Count == 1) selected[q.Id] = known;
            if (known.Count != values.Count || (single && known.Count != 1)) { problems[q.Id] = AnswerProblem.Invalid; continue; }
            answers[q.Id] = q.Type == QuestionType.TrueFalse
                ? new GivenAnswer(null, known.Single() == "true")
                : new GivenAnswer(known.Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToHashSet(), null);
        }
        return new Reading(answers, problems, selected);
    }
}
