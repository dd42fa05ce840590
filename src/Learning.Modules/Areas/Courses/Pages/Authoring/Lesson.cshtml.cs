using System.Globalization;
using Learning.Accounts.Contracts;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Courses.Rendering;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Pages.Authoring;

/// <summary>A coordinator writes one lesson in Markdown, previews it through the learners' renderer, saves it and uploads media.</summary>
[Authorize(Policy = Roles.Coordinator)]
public sealed class LessonModel(LearningDbContext db, ILessonRenderer renderer, IMediaUploads uploads, TimeProvider clock, IStringLocalizer text) : PageModel
{
    public Course Course { get; private set; } = null!;
    public Lesson Lesson { get; private set; } = null!;
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Minutes { get; set; }
    [BindProperty] public string? Markdown { get; set; }
    /// <summary>The course's revision the form was made on (hidden field): a save on an older one is refused.</summary>
    [BindProperty] public int? Revision { get; set; }
    /// <summary>Server-rendered preview, shown after "Pratinjau".</summary>
    public string? PreviewHtml { get; private set; }
    public StoredMedia? Uploaded { get; private set; }
    public string? UploadError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string key, CancellationToken ct)
    {
        if (!await Load(slug, key, ct)) return NotFound();
        Title = Lesson.Title;
        Minutes = Lesson.Minutes.ToString(CultureInfo.InvariantCulture);
        Markdown = Lesson.Markdown;
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string slug, string key, CancellationToken ct)
    {
        if (!await Load(slug, key, ct)) return NotFound();
        ModelState.Clear();
        PreviewHtml = await renderer.ToHtml(Markdown ?? "", ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string slug, string key, CancellationToken ct)
    {
        if (!await Load(slug, key, ct)) return NotFound();
        ModelState.Clear();
        var title = Authoring.Text(Title, nameof(Title), true, 300, ModelState, text);
        var minutes = Authoring.Int(Minutes, nameof(Minutes), true, 1, 10_000, ModelState, text);
        if (!ModelState.IsValid) return Page();
        if (await Authoring.Stale(db, Course, Revision, text, clock, ct) is { } stale)
        {
            ModelState.AddModelError("", stale);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var markdown = (Markdown ?? "").Replace("\r\n", "\n");
        if (!markdown.EndsWith('\n')) markdown += "\n";
        if (LessonHtml.Check(markdown) is { } refusal)
            ModelState.AddModelError(nameof(Markdown), $"{key}.md:{refusal.Line}: {text["Courses.Import." + refusal.Key, refusal.Args]}");
        if (!ModelState.IsValid) return Page();
        var definition = Course.ToDefinition();
        // Same key, new text: progress recorded against the key stays with the lesson.
        Course.Apply(definition with
        {
            Modules = definition.Modules.Select(m => m with
            {
                Lessons = m.Lessons.Select(l => l.Key == key ? l with { Title = title!, Minutes = minutes!.Value, Markdown = markdown } : l).ToList(),
            }).ToList(),
        });
        Authoring.Revise(Course, $"lesson:{key}", User, clock);
        await db.SaveChangesAsync(ct);
        TempData["Authoring.Done"] = text[Course.Status == CourseStatus.Published ? "Courses.Authoring.SavedPublished" : "Courses.Authoring.Saved"].Value;
        return Redirect($"/authoring/{slug}/lessons/{key}");
    }

    /// <summary>The upload without JavaScript: a plain multipart form, stored by the same checks as the media API.</summary>
    public async Task<IActionResult> OnPostUploadAsync(string slug, string key, IFormFile? file, CancellationToken ct)
    {
        if (!await Load(slug, key, ct)) return NotFound();
        ModelState.Clear();
        Title = Lesson.Title;
        Minutes = Lesson.Minutes.ToString(CultureInfo.InvariantCulture);
        Markdown = Lesson.Markdown;
        if (file is null || file.Length == 0)
        {
            UploadError = text["Courses.Authoring.NoFile"];
            return Page();
        }
        await using var stream = file.OpenReadStream();
        var result = await uploads.Store(stream, file.FileName, ct);
        if (result.Stored is null) UploadError = result.Message;
        Uploaded = result.Stored;
        return Page();
    }

    private async Task<bool> Load(string slug, string key, CancellationToken ct)
    {
        if (await Authoring.Load(db, slug, ct) is not { } course || course.Lessons.FirstOrDefault(l => l.Key == key) is not { } lesson) return false;
        Course = course;
        Lesson = lesson;
        return true;
    }
}
