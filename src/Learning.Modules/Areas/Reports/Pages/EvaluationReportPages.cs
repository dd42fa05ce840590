using Learning.Classes.Contracts;
using Learning.Evaluations.Contracts;
using Learning.Kernel;
using Learning.Kernel.Text;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Reports.Pages;

/// <summary>Who may read evaluation reports: the city's training staff all of them, a trainer those of their own classes.</summary>
internal static class EvaluationReaders
{
    public static bool IsStaff(System.Security.Claims.ClaimsPrincipal user) => user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Administrator);
}

/// <summary>The classes (and, for staff, courses) whose reaction forms have a report: all for staff, the ones they teach for a trainer.</summary>
[Authorize]
public sealed class EvaluationsIndexModel(IEvaluationReports reports) : PageModel
{
    public IReadOnlyList<EvaluatedSubject> Subjects { get; private set; } = [];
    public bool Staff { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Staff = EvaluationReaders.IsStaff(User);
        Subjects = Staff ? await reports.Subjects(null, ct)
            : User.GetEmployeeId() is { } me ? await reports.Subjects(me, ct) : [];
    }
}

/// <summary>One report on a page, with its CSV (<c>?format=csv</c>).</summary>
public abstract class EvaluationReportPage(IEvaluationReports reports) : PageModel
{
    protected IEvaluationReports Reports => reports;

    public EvaluationReport Report { get; protected set; } = null!;
    /// <summary>The trainers of a class (staff only), linked to their reports.</summary>
    public IReadOnlyList<EmployeeInfo> Trainers { get; protected set; } = [];
    public bool Staff => EvaluationReaders.IsStaff(User);
    /// <summary>Where the form's questions are edited (staff), or null.</summary>
    public virtual string? FormUrl => null;

    protected IActionResult Answer(EvaluationReport report, string? format, string fileName)
    {
        Report = report;
        if (format == "csv") return File(CsvText.Bytes(reports.Csv(report)), CsvText.ContentType, fileName);
        return Page();
    }
}

[Authorize]
public sealed class EvaluationClassModel(IEvaluationReports evaluations, IClassDirectory classes, IOrganisationDirectory organisation) : EvaluationReportPage(evaluations)
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public override string? FormUrl => Staff ? $"/authoring/evaluations/classes/{Id}" : null;

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        var info = await classes.Find(Id, ct);
        if (info is null) return NotFound();
        if (!Staff && (User.GetEmployeeId() is not { } me || !await classes.IsTrainer(Id, me, ct))) return Forbid();
        if (await Reports.ForClass(Id, ct) is not { } report) return NotFound();
        if (Staff) Trainers = await organisation.FindEmployees(info.TrainerIds, ct);
        return Answer(report, format, $"evaluasi-kelas-{Id:N}.csv");
    }
}

[Authorize]
public sealed class EvaluationTrainerModel(IEvaluationReports evaluations, IOrganisationDirectory organisation) : EvaluationReportPage(evaluations)
{
    [BindProperty(SupportsGet = true)] public string Nip { get; set; } = "";

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        // A trainer reads their own report only; asked first, so another person's NIP tells nothing of whether it exists.
        if (!Staff && User.FindFirst(LearningClaims.Nip)?.Value != Nip) return Forbid();
        if (await organisation.FindEmployeeByNip(Nip, ct) is not { } trainer) return NotFound();
        if (await Reports.ForTrainer(trainer.Id, ct) is not { } report) return NotFound();
        return Answer(report, format, $"evaluasi-pengajar-{trainer.Nip}.csv");
    }
}

[Authorize(Roles.Coordinator)]
public sealed class EvaluationCourseModel(IEvaluationReports evaluations) : EvaluationReportPage(evaluations)
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    public override string? FormUrl => $"/authoring/evaluations/courses/{Slug}";

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        if (await Reports.ForCourse(Slug, ct) is not { } report) return NotFound();
        return Answer(report, format, $"evaluasi-kursus-{report.SubjectId}.csv");
    }
}
