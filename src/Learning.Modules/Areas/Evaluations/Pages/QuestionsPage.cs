using Learning.Evaluations.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Evaluations.Pages;

/// <summary>A coordinator adds questions (scale or text) to a class's or a course's reaction form, or removes them.</summary>
[Authorize(Roles.Coordinator)]
public abstract class QuestionsPage(ReactionForms forms) : PageModel
{
    public FormSubject Subject { get; private set; } = null!;
    public IReadOnlyList<FormQuestion> Defaults { get; private set; } = [];
    public IReadOnlyList<EvaluationQuestion> Extra { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Type { get; set; }

    protected abstract string Kind { get; }
    protected abstract string SubjectId { get; }
    /// <summary>Where the report of this form is.</summary>
    public abstract string ReportUrl { get; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        Done = done switch { "added" => "Evaluations.Authoring.Added", "removed" => "Evaluations.Authoring.Removed", _ => null };
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        Error = await forms.Add(Subject, Text, Type, User.GetEmployeeId(), ct);
        if (Error is null) return Redirect(Request.Path + "?done=added");
        Response.StatusCode = 400;
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid question, CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        if (!await forms.Remove(Subject, question, ct)) return NotFound();
        return Redirect(Request.Path + "?done=removed");
    }

    private async Task<bool> Load(CancellationToken ct)
    {
        if (await forms.Find(Kind, SubjectId, ct) is not { } subject) return false;
        Subject = subject;
        Defaults = forms.Defaults(Kind);
        Extra = await forms.Extra(Kind, subject.Id, ct);
        return true;
    }
}

public sealed class ClassQuestionsModel(ReactionForms forms) : QuestionsPage(forms)
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    protected override string Kind => EvaluationSubjects.Class;
    protected override string SubjectId => Id.ToString();
    public override string ReportUrl => $"/reports/evaluations/classes/{Id}";
}

public sealed class CourseQuestionsModel(ReactionForms forms) : QuestionsPage(forms)
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    protected override string Kind => EvaluationSubjects.Course;
    protected override string SubjectId => Slug;
    public override string ReportUrl => $"/reports/evaluations/courses/{Slug}";
}
