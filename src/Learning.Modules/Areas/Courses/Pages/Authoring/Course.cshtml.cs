using System.Globalization;
using System.IO.Compression;
using Learning.Accounts.Contracts;
using Learning.Audit.Contracts;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Pages.Authoring;

/// <summary>A coordinator edits one course: its settings, its modules and lessons, publication and export.</summary>
[Authorize(Policy = Roles.Coordinator)]
public sealed class CourseModel(LearningDbContext db, ICompetencyDictionary dictionary, IContentExporter exporter,
    IAuditLog audit, IAccountNames names, TimeProvider clock, IStringLocalizer text) : PageModel
{
    public sealed class Settings
    {
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? Language { get; set; }
        public string? Jp { get; set; }
        public string? Minutes { get; set; }
        public string? ValidityMonths { get; set; }
        public string? WindowDays { get; set; }
        public string? RenewFrom { get; set; }
        public string? FixedDate { get; set; }
        /// <summary>"test_out": the assessment may be taken first, and passing it completes the course.</summary>
        public bool TestOut { get; set; }
        /// <summary>Level by competency code; empty when the course does not award it.</summary>
        public Dictionary<string, string?> Levels { get; set; } = [];
    }

    /// <summary>A lesson as the outline lists it: no body (a course's Markdown is most of what it weighs).</summary>
    public sealed record OutlineLesson(string Key, string Title, Guid ModuleId);

    public Course Course { get; private set; } = null!;
    /// <summary>The lessons in order, for the outline.</summary>
    public IReadOnlyList<OutlineLesson> Outline { get; private set; } = [];
    public IReadOnlyList<CompetencyInfo> Dictionary { get; private set; } = [];
    [BindProperty] public Settings Input { get; set; } = new();
    [BindProperty] public string? ModuleTitle { get; set; }
    [BindProperty] public string? LessonTitle { get; set; }
    /// <summary>The course's revision the form was made on (a hidden field of every form): a save on an older one is refused.</summary>
    [BindProperty] public int? Revision { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        // Only what the page shows: settings, competencies, modules and the lessons' titles; no lesson bodies, no question bank.
        if (await db.Own<Course>().AsNoTracking().Include(c => c.Competencies).Include(c => c.Modules).AsSplitQuery()
                .FirstOrDefaultAsync(c => c.Slug == slug, ct) is not { } course) return NotFound();
        Course = course;
        Outline = await db.Own<Lesson>().AsNoTracking().Where(l => l.CourseId == course.Id).OrderBy(l => l.Order)
            .Select(l => new OutlineLesson(l.Key, l.Title, l.ModuleId)).ToListAsync(ct);
        Dictionary = await dictionary.List(ct);
        Fill();
        return Page();
    }

    /// <summary>The settings form as the course stands.</summary>
    private void Fill()
    {
        Input = new Settings
        {
            Title = Course.Title, Summary = Course.Summary, Language = Course.Language, Jp = Authoring.Number(Course.Jp),
            Minutes = Course.Minutes.ToString(CultureInfo.InvariantCulture),
            ValidityMonths = Course.ValidityMonths?.ToString(CultureInfo.InvariantCulture),
            WindowDays = Course.RecertificationWindowDays?.ToString(CultureInfo.InvariantCulture),
            RenewFrom = Course.RenewFrom?.Name(), FixedDate = Course.RenewFixedDate, TestOut = Course.TestOut,
            Levels = Course.Competencies.ToDictionary(c => c.Code, c => (string?)c.Level.ToString(CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>Shows the page again with the structure form's errors and the settings as stored.</summary>
    private PageResult Again()
    {
        Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(string slug, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        ModelState.Clear();
        var title = Authoring.Text(Input.Title, "Input.Title", true, 300, ModelState, text);
        var summary = Authoring.Text(Input.Summary, "Input.Summary", false, 2000, ModelState, text);
        var language = (Input.Language ?? "").Trim();
        if (!Authoring.IsLanguage(language)) ModelState.AddModelError("Input.Language", text["Courses.Import.Language", language]);
        var jp = Authoring.Jp(Input.Jp, "Input.Jp", ModelState, text);
        var minutes = Authoring.Int(Input.Minutes, "Input.Minutes", true, 1, 100_000, ModelState, text);
        var validity = Authoring.Int(Input.ValidityMonths, "Input.ValidityMonths", false, 1, 1200, ModelState, text);
        RecertificationRule? recertification = null;
        var renewText = (Input.RenewFrom ?? "").Trim();
        if (renewText.Length > 0)
        {
            var window = Authoring.Int(Input.WindowDays, "Input.WindowDays", true, 1, 3650, ModelState, text);
            var renewIndex = CourseWords.RenewFromNames.IndexOf(renewText);
            if (renewIndex < 0) ModelState.AddModelError("Input.RenewFrom", text["Courses.Import.RenewFrom", renewText]);
            var fixedDate = (Input.FixedDate ?? "").Trim();
            if (renewIndex == (int)RenewFrom.FixedDate)
            {
                if (fixedDate.Length == 0) ModelState.AddModelError("Input.FixedDate", text["Courses.Import.FixedDateRequired"]);
                else if (!Authoring.IsMonthDay(fixedDate)) ModelState.AddModelError("Input.FixedDate", text["Courses.Import.FixedDate", fixedDate]);
            }
            else if (fixedDate.Length > 0) ModelState.AddModelError("Input.FixedDate", text["Courses.Import.FixedDateNotAllowed"]);
            if (string.IsNullOrWhiteSpace(Input.ValidityMonths)) ModelState.AddModelError("Input.ValidityMonths", text["Courses.Import.RecertificationNeedsValidity"]);
            if (window is not null && renewIndex >= 0)
                recertification = new RecertificationRule(window.Value, (RenewFrom)renewIndex, renewIndex == (int)RenewFrom.FixedDate ? fixedDate : null);
        }
        else if (!string.IsNullOrWhiteSpace(Input.FixedDate)) ModelState.AddModelError("Input.FixedDate", text["Courses.Import.FixedDateNotAllowed"]);

        var awards = new List<CompetencyAward>();
        foreach (var competency in Dictionary)
        {
            var level = Authoring.Int(Input.Levels.GetValueOrDefault(competency.Code), $"Input.Levels[{competency.Code}]", false,
                CompetencyInfo.MinLevel, CompetencyInfo.MaxLevel, ModelState, text);
            if (level is not null) awards.Add(new CompetencyAward(competency.Code, level.Value));
        }
        if (Input.Levels.Keys.Any(code => !string.IsNullOrEmpty(Input.Levels[code]) && Dictionary.All(c => c.Code != code)))
            ModelState.AddModelError("Input.Levels", text["Courses.Authoring.UnknownCompetency"]);

        if (Input.TestOut && Course.Assessment is null) ModelState.AddModelError("Input.TestOut", text["Courses.Import.TestOutNeedsAssessment"]);

        if (!ModelState.IsValid) return Page();
        Course.Apply(Course.ToDefinition() with
        {
            Title = title!, Summary = summary!, Language = language, Jp = jp!.Value, Minutes = minutes!.Value,
            Competencies = awards, Certificate = new CertificateRule(validity, recertification), TestOut = Input.TestOut,
        });
        return await Saved(slug, "Courses.Authoring.Saved", ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(string slug, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        // The importer refuses a course without lessons; so does publishing, or learners would see an empty course.
        if (Course.Lessons.Count == 0) return Refuse("Courses.Authoring.NothingToPublish");
        Course.Publish(clock.GetUtcNow().UtcDateTime);
        audit.Record(AuditActions.CoursePublished, $"{Course.Title} ({Course.Slug})", $"v{Course.Version}");
        return await Saved(slug, "Courses.Authoring.Published", ct);
    }

    public async Task<IActionResult> OnPostUnpublishAsync(string slug, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        Course.Unpublish();
        return await Saved(slug, "Courses.Authoring.Unpublished", ct);
    }

    public async Task<IActionResult> OnPostArchiveAsync(string slug, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        Course.Archive();
        return await Saved(slug, "Courses.Authoring.Archived", ct);
    }

    /// <summary>The course in the content format, zipped: the exporter writes a temporary folder, which is zipped and removed.</summary>
    public async Task<IActionResult> OnGetExportAsync(string slug, CancellationToken ct)
    {
        var temp = Directory.CreateTempSubdirectory("learning-export-").FullName;
        try
        {
            var folder = Path.Combine(temp, slug);
            var result = await exporter.ExportCourse(slug, folder, ct);
            if (!result.Succeeded)
            {
                if (!await Load(slug, ct)) return NotFound();
                return Refuse(result.Problem!, localized: true);
            }
            var zip = Path.Combine(temp, slug + ".zip");
            ZipFile.CreateFromDirectory(folder, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
            return File(await System.IO.File.ReadAllBytesAsync(zip, ct), "application/zip", slug + ".zip");
        }
        finally
        {
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { }
        }
    }

    public async Task<IActionResult> OnPostAddModuleAsync(string slug, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        ModelState.Clear();
        var title = Authoring.Text(ModuleTitle, nameof(ModuleTitle), true, 300, ModelState, text);
        if (title is null) return Again();
        var modules = Modules();
        modules.Add(new ModuleDefinition(title, []));
        return await Restructure(slug, modules, ct);
    }

    public async Task<IActionResult> OnPostRenameModuleAsync(string slug, int index, string? title, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        var modules = Modules();
        if (index < 0 || index >= modules.Count) return NotFound();
        ModelState.Clear();
        var checkedTitle = Authoring.Text(title, $"Rename{index}", true, 300, ModelState, text);
        if (checkedTitle is null) return Again();
        modules[index] = modules[index] with { Title = checkedTitle };
        return await Restructure(slug, modules, ct);
    }

    public async Task<IActionResult> OnPostMoveModuleAsync(string slug, int index, int by, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        var modules = Modules();
        var to = index + Math.Sign(by);
        if (index < 0 || index >= modules.Count || to < 0 || to >= modules.Count) return Redirect($"/authoring/{slug}#structure");
        (modules[index], modules[to]) = (modules[to], modules[index]);
        return await Restructure(slug, modules, ct);
    }

    public async Task<IActionResult> OnPostRemoveModuleAsync(string slug, int index, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        var modules = Modules();
        if (index < 0 || index >= modules.Count) return NotFound();
        modules.RemoveAt(index);
        return await Restructure(slug, modules, ct);
    }

    public async Task<IActionResult> OnPostAddLessonAsync(string slug, int index, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        var modules = Modules();
        if (index < 0 || index >= modules.Count) return NotFound();
        ModelState.Clear();
        var title = Authoring.Text(LessonTitle, $"LessonTitle{index}", true, 300, ModelState, text);
        if (title is null) return Again();
        var kebab = Authoring.Kebab(title);
        if (kebab.Length == 0) kebab = "pelajaran";
        // The key is fixed here for good: progress is recorded against it.
        var key = Authoring.Unique(kebab, Course.Lessons.Select(l => l.Key).ToHashSet(StringComparer.Ordinal));
        modules[index] = modules[index] with { Lessons = [.. modules[index].Lessons, new LessonDefinition(key, title, 5, $"# {title}\n")] };
        return await Restructure(slug, modules, ct);
    }

    public async Task<IActionResult> OnPostMoveLessonAsync(string slug, string key, int by, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        var modules = Modules();
        var m = modules.FindIndex(x => x.Lessons.Any(l => l.Key == key));
        if (m < 0) return NotFound();
        var lessons = modules[m].Lessons.ToList();
        var p = lessons.FindIndex(l => l.Key == key);
        var lesson = lessons[p];
        var q = p + Math.Sign(by);
        if (q >= 0 && q < lessons.Count) (lessons[p], lessons[q]) = (lessons[q], lessons[p]);
        else if (q < 0 && m > 0)
        {
            // Past the top of its module a lesson moves to the end of the module above.
            lessons.RemoveAt(p);
            modules[m - 1] = modules[m - 1] with { Lessons = [.. modules[m - 1].Lessons, lesson] };
        }
        else if (q >= lessons.Count && m < modules.Count - 1)
        {
            lessons.RemoveAt(p);
            modules[m + 1] = modules[m + 1] with { Lessons = [lesson, .. modules[m + 1].Lessons] };
        }
        modules[m] = modules[m] with { Lessons = lessons };
        return await Restructure(slug, modules, ct);
    }

    public async Task<IActionResult> OnPostRemoveLessonAsync(string slug, string key, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        var modules = Modules().Select(x => x with { Lessons = x.Lessons.Where(l => l.Key != key).ToList() }).ToList();
        return await Restructure(slug, modules, ct);
    }

    private List<ModuleDefinition> Modules() => Course.ToDefinition().Modules.ToList();

    private async Task<IActionResult> Restructure(string slug, List<ModuleDefinition> modules, CancellationToken ct)
    {
        if (await Authoring.Stale(names, Course, Revision, text, clock, ct) is { } stale)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Refuse(stale, localized: true);
        }
        Course.Apply(Course.ToDefinition() with { Modules = modules });
        Authoring.Revise(Course, "structure", User, clock);
        await db.SaveChangesAsync(ct);
        return Redirect($"/authoring/{slug}#structure");
    }

    private async Task<IActionResult> Saved(string slug, string message, CancellationToken ct)
    {
        if (await Authoring.Stale(names, Course, Revision, text, clock, ct) is { } stale)
        {
            // The person's settings stay in the form; the changes are not written.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", stale);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Authoring.Revise(Course, message == "Courses.Authoring.Saved" ? "settings" : "status", User, clock);
        await db.SaveChangesAsync(ct);
        TempData["Authoring.Done"] = text[message].Value;
        return Redirect($"/authoring/{slug}");
    }

    private IActionResult Refuse(string message, bool localized = false)
    {
        ModelState.Clear();
        ModelState.AddModelError("", localized ? message : text[message].Value);
        return Again();
    }

    private async Task<bool> Load(string slug, CancellationToken ct)
    {
        if (await Authoring.Load(db, slug, ct) is not { } course) return false;
        Course = course;
        Outline = course.Lessons.OrderBy(l => l.Order).Select(l => new OutlineLesson(l.Key, l.Title, l.ModuleId)).ToList();
        Dictionary = await dictionary.List(ct);
        return true;
    }
}
