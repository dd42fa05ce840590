using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Evaluations.Pages;

/// <summary>
/// The reaction form on a phone, for a class or a course: radio groups 1–5 and a comment box; refused with the reason (403)
/// when the person may not fill it in yet, thanked when they have.
/// </summary>
[Authorize]
public abstract class ReactionFormPage(ReactionForms forms) : PageModel
{
    protected ReactionForms Forms => forms;

    public FormSubject Subject { get; private set; } = null!;
    public IReadOnlyList<FormQuestion> Questions { get; private set; } = [];
    public bool Answered { get; private set; }
    public bool Saved { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    /// <summary>What was sent, shown again beside the errors.</summary>
    public Dictionary<string, string?> Given { get; } = [];

    public static string Field(string questionId) => "a-" + questionId;

    protected abstract Task<FormSubject> Load(CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (await Prepare(ct) is { } refused) return refused;
        Saved = saved && Answered;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await Prepare(ct) is { } refused) return refused;
        if (Answered) return Page();
        foreach (var q in Questions)
        {
            var value = Request.Form[Field(q.Id)].ToString();
            if (value.Trim().Length > 0) Given[q.Id] = value;
        }
        var outcome = await forms.Submit(Subject, User.GetEmployeeId()!.Value, Given, ct);
        if (outcome.Status == 204) return Redirect(Request.Path + "?saved=true");
        if (outcome.Status == 409) { Answered = true; return Page(); }
        Errors = outcome.Errors;
        Response.StatusCode = 400;
        return Page();
    }

    private async Task<IActionResult?> Prepare(CancellationToken ct)
    {
        Subject = await Load(ct);
        if (Subject.Status == 404) return NotFound();
        if (!Subject.Open)
        {
            Response.StatusCode = 403;
            return Page();
        }
        Questions = await forms.Questions(Subject.Kind, Subject.Id, ct);
        Answered = await forms.HasAnswered(Subject.Kind, Subject.Id, User.GetEmployeeId()!.Value, ct);
        return null;
    }
}

public sealed class ClassFormModel(ReactionForms reactionForms) : ReactionFormPage(reactionForms)
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    protected override Task<FormSubject> Load(CancellationToken ct) => Forms.Class(Id, User.GetEmployeeId(), ct);
}

public sealed class CourseFormModel(ReactionForms reactionForms) : ReactionFormPage(reactionForms)
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";

    protected override Task<FormSubject> Load(CancellationToken ct) => Forms.Course(Slug, User.GetEmployeeId(), ct);
}
