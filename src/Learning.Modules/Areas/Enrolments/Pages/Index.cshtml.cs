using Microsoft.AspNetCore.OutputCaching;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Enrolments.Pages;

/// <summary>My learning: what is assigned (overdue first), in progress and completed, then the sections other modules add.</summary>
[OutputCache(PolicyName = PersonalPagePolicy.Name)]
public sealed class IndexModel(Enrolling enrolling, ICourseCatalog catalog, IEnumerable<IHomeSection> sections, IEnumerable<IEnrolmentPaths> paths,
    TimeProvider clock) : PageModel
{
    /// <param name="Path">The title of the written path the enrolment is part of (blended training shows each course with it).</param>
    public sealed record Item(Enrolment Enrolment, string Title, int Percent, bool Overdue, string? Path = null);

    public IReadOnlyList<Item> Assigned { get; private set; } = [];
    public IReadOnlyList<Item> InProgress { get; private set; } = [];
    public IReadOnlyList<Item> Completed { get; private set; } = [];
    public IReadOnlyList<IHomeSection> Sections { get; } = HomeSections.InOrder(sections);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return;
        var today = clock.Today();
        var mine = await enrolling.Mine(employeeId, ct);
        // One look-up for all the courses, not one per enrolment.
        var courses = await catalog.Lessons(mine.Select(e => e.CourseSlug).Distinct().ToList(), ct);
        // Path titles only when some enrolment is on a written path (one look-up, not one per enrolment).
        var pathTitles = mine.Any(e => e.PathKey is not null) && paths.FirstOrDefault() is { } engine
            ? await engine.Titles(ct) : new Dictionary<string, string>();
        var items = new List<Item>();
        foreach (var e in mine)
        {
            var course = courses.GetValueOrDefault(e.CourseSlug);
            var percent = course is null ? 0 : e.ProgressPercent(course.LessonKeys);
            items.Add(new Item(e, course?.Title ?? e.CourseSlug, percent, !e.IsCompleted && e.DueOn < today,
                e.PathKey is { } key ? pathTitles.GetValueOrDefault(key, key) : null));
        }
        // A rejected request is no longer learning in progress (the course page says why and offers to ask again).
        var open = items.Where(i => !i.Enrolment.IsCompleted && !i.Enrolment.IsRejected).ToList();
        Assigned = open.Where(i => i.Enrolment.Source == EnrolmentSource.Assigned)
            .OrderByDescending(i => i.Overdue).ThenBy(i => i.Enrolment.DueOn ?? DateOnly.MaxValue).ToList();
        InProgress = open.Where(i => i.Enrolment.Source == EnrolmentSource.Self).ToList();
        Completed = items.Where(i => i.Enrolment.IsCompleted).OrderByDescending(i => i.Enrolment.CompletedAt).ToList();
    }
}
