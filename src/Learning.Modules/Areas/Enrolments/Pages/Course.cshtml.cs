using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Enrolments.Pages;

/// <summary>A course: outline, JP, competencies and levels, certificate validity, and what I have done of it (Daftar / Lanjutkan).</summary>
public sealed class CourseModel(Enrolling enrolling, ICourseCatalog catalog, ICompetencyDictionary dictionary) : PageModel
{
    public CourseOutline Outline { get; private set; } = null!;
    public Enrolment? Enrolment { get; private set; }
    public IReadOnlyDictionary<string, CompetencyInfo> Competencies { get; private set; } = new Dictionary<string, CompetencyInfo>();
    public IReadOnlySet<string> Done { get; private set; } = new HashSet<string>();
    public int Percent { get; private set; }
    /// <summary>Why nothing can be learned yet (the path waits for an approval, …), with what comes next; null when learning is open.</summary>
    public string? Hold { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var outline = await catalog.Find(slug, ct);
        if (outline is null || outline.Course.Status != CourseStatus.Published) return NotFound();
        Outline = outline;
        Competencies = (await dictionary.List(ct)).ToDictionary(c => c.Code);
        if (User.GetEmployeeId() is { } employeeId && await enrolling.OfCourse(employeeId, slug, ct) is { } enrolment)
        {
            Enrolment = enrolment;
            Done = enrolment.Lessons.Select(l => l.LessonKey).ToHashSet();
            Percent = enrolment.ProgressPercent(Enrolling.LessonKeys(outline).ToList());
            Hold = await enrolling.Hold(enrolment, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return Forbid();
        var enrolled = await enrolling.Enrol(employeeId, slug, ct);
        if (enrolled is null) return NotFound();
        var first = (await catalog.Find(slug, ct)) is { } outline ? Enrolling.LessonKeys(outline).FirstOrDefault() : null;
        return Redirect(first is null ? $"/courses/{slug}" : $"/learn/{enrolled.Enrolment.Id}/{first}");
    }
}
