using Microsoft.AspNetCore.OutputCaching;
using System.Globalization;
using Learning.Courses.Contracts;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Enrolments.Pages;

/// <summary>
/// The lesson player: the rendered lesson, previous / next and "Tandai selesai". Time spent is the span between
/// this page being served and the form coming back, carried in a signed hidden field, so no script is needed.
/// </summary>
// Cached a minute at most: the page carries the time the lesson was opened, for the time spent on it.
[OutputCache(PolicyName = PersonalPagePolicy.Lesson)]
public sealed class LearnModel(Enrolling enrolling, IDataProtectionProvider protection, TimeProvider clock) : PageModel
{
    /// <summary>A stamp is good only for the enrolment and lesson it was given for, so one old stamp cannot time every lesson.</summary>
    private IDataProtector Stamps(Guid enrolmentId, string key) => protection.CreateProtector("Enrolments.LessonOpened", enrolmentId.ToString(), key);

    public Enrolment Enrolment { get; private set; } = null!;
    public CourseOutline Course { get; private set; } = null!;
    public LessonContent Lesson { get; private set; } = null!;
    public IReadOnlyList<LessonOutline> Lessons { get; private set; } = [];
    public int Index { get; private set; }
    public int Percent { get; private set; }
    public bool IsDone { get; private set; }
    public string OpenedStamp { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid enrolmentId, string? key, CancellationToken ct)
    {
        if (!await Load(enrolmentId, ct)) return NotFound();
        // Held by the path (waiting for approval): the course page says why and what comes next.
        if (await enrolling.Hold(Enrolment, ct) is not null) return Redirect($"/courses/{Enrolment.CourseSlug}");
        // Resume where I left off, or at the first lesson not done yet. That page is never kept: where I resume moves no stamp.
        if (key is null && HttpContext.Features.Get<IOutputCacheFeature>() is { } resuming) resuming.Context.AllowCacheStorage = false;
        key ??= Enrolment.LastLessonKey ?? Lessons.FirstOrDefault(l => Enrolment.Lessons.All(p => p.LessonKey != l.Key))?.Key ?? Lessons.FirstOrDefault()?.Key;
        if (key is null) return Redirect($"/courses/{Enrolment.CourseSlug}");
        // Saved for reading offline (the app fetching every page at once): not where the learner is, so not where they resume,
        // and not kept for the next real visit, which must record it.
        var saving = Request.Headers[OfflineLearning.SaveHeader] == OfflineLearning.SaveValue;
        if (saving && HttpContext.Features.Get<IOutputCacheFeature>() is { } cache) cache.Context.AllowCacheStorage = false;
        var opened = saving ? await enrolling.ReadLesson(Enrolment, key, ct) : await enrolling.OpenLesson(Enrolment, key, ct);
        if (opened is not { } lesson) return NotFound();
        Lesson = lesson;
        Index = Lessons.ToList().FindIndex(l => l.Key == key);
        IsDone = Enrolment.Lessons.Any(l => l.LessonKey == key);
        OpenedStamp = Stamps(enrolmentId, key).Protect(clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid enrolmentId, string key, string? opened, CancellationToken ct)
    {
        if (!await Load(enrolmentId, ct)) return NotFound();
        if (await enrolling.Hold(Enrolment, ct) is not null) return Redirect($"/courses/{Enrolment.CourseSlug}");
        if (await enrolling.CompleteLesson(Enrolment, key, SecondsSince(enrolmentId, key, opened), ct) is not { } saved) return NotFound();
        Enrolment = saved;
        var index = Lessons.ToList().FindIndex(l => l.Key == key);
        if (index + 1 < Lessons.Count) return Redirect($"/learn/{enrolmentId}/{Lessons[index + 1].Key}");
        return Redirect(Course.Assessment is not null && !Enrolment.IsCompleted ? $"/assessment/{enrolmentId}" : $"/courses/{Enrolment.CourseSlug}");
    }

    private int SecondsSince(Guid enrolmentId, string key, string? opened)
    {
        try
        {
            var at = long.Parse(Stamps(enrolmentId, key).Unprotect(opened ?? ""), CultureInfo.InvariantCulture);
            return (int)Math.Clamp(clock.GetUtcNow().ToUnixTimeSeconds() - at, 0, Enrolment.MaxSecondsPerLesson);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
        {
            // A tampered or missing stamp records the lesson as done without counting time.
            return 0;
        }
    }

    private async Task<bool> Load(Guid enrolmentId, CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId || await enrolling.Find(enrolmentId, employeeId, ct) is not { } enrolment) return false;
        if (await enrolling.Course(enrolment, ct) is not { } course) return false;
        Enrolment = enrolment;
        Course = course;
        Lessons = course.Modules.SelectMany(m => m.Lessons).ToList();
        Percent = enrolment.ProgressPercent(Lessons.Select(l => l.Key).ToList());
        return true;
    }
}
