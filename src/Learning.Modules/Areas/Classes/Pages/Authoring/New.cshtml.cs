using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Classes.Pages.Authoring;

/// <summary>"Jadwalkan kelas": a class of a course or a stand-alone one, its first sessions, trainers, audience and completion rules.</summary>
[Authorize(Policy = Roles.Coordinator)]
public sealed class NewModel(ClassPlanning planning, ICourseCatalog catalog, ICompetencyDictionary dictionary, IOrganisationDirectory directory,
    IStringLocalizer text) : PageModel
{
    public const int SessionRows = 3;

    [BindProperty] public ClassForm Form { get; set; } = new();
    public ClassChoices Choices { get; private set; } = null!;
    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    public async Task OnGetAsync(string? course, CancellationToken ct)
    {
        Form.Course = course;
        await Load(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var problems = new List<FieldProblem>();
        var input = Form.ToInput(problems, text);
        var (plan, found) = await planning.Check(input, ClassPlanning.Times.CityClock, ct);
        problems.AddRange(found);
        if (plan is null || problems.Count > 0)
        {
            Problems = problems;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await Load(ct);
            return Page();
        }
        var cls = await planning.Create(plan, User.GetUserId() ?? Guid.Empty, ct);
        TempData["Classes.Done"] = text["Classes.Authoring.Created", cls.Title].Value;
        return LocalRedirect($"~/authoring/classes/{cls.Id}");
    }

    private async Task Load(CancellationToken ct)
    {
        while (Form.Sessions.Count < SessionRows) Form.Sessions.Add(new());
        Choices = await ClassChoices.Load(catalog, dictionary, directory, ct);
    }
}

/// <summary>What the schedule forms offer: published courses, the competency dictionary, units and positions.</summary>
public sealed record ClassChoices(IReadOnlyList<CourseSummary> Courses, IReadOnlyList<CompetencyInfo> Competencies, IReadOnlyList<UnitInfo> Units,
    IReadOnlyList<PositionInfo> Positions)
{
    public static async Task<ClassChoices> Load(ICourseCatalog catalog, ICompetencyDictionary dictionary, IOrganisationDirectory directory, CancellationToken ct) =>
        new(await catalog.Published(ct), await dictionary.List(ct), (await directory.Units(ct)).OrderBy(u => u.Name).ToList(),
            (await directory.Positions(ct)).OrderBy(p => p.Name).ToList());
}
