using Learning.Courses.Content;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel;
using Learning.Kernel.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Courses.Pages.Authoring;

/// <summary>A coordinator lists every course, searches, and starts a new draft.</summary>
[Authorize(Policy = Roles.Coordinator)]
public sealed class IndexModel(LearningDbContext db, IContentImporter importer, IOptions<ContentZipOptions> zipOptions,
    IStringLocalizer text) : PageModel
{
    /// <summary>A course of the list; <paramref name="Shared"/>: the shared catalogue's, read here but changed only by the platform.</summary>
    public sealed record Row(string Slug, string Title, CourseStatus Status, int Version, int Lessons, int Questions, bool Shared);

    public sealed class NewCourse
    {
        public string? Title { get; set; }
        public string? Slug { get; set; }
        public string? Summary { get; set; }
        public string? Jp { get; set; }
        public string? Minutes { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public NewCourse Input { get; set; } = new();
    public IReadOnlyList<Row> Courses { get; private set; } = [];
    /// <summary>Why an uploaded zip was refused, one "file:line: reason" each; nothing was imported.</summary>
    public IReadOnlyList<SourceProblem> ImportProblems { get; private set; } = [];
    public long MaxZipMegabytes => zipOptions.Value.MaxZipBytes / (1024 * 1024);

    /// <summary>
    /// A content zip (as the export writes it, as the command line imports a folder): unpacked under limits into a temporary
    /// folder and imported whole or not at all.
    /// </summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? zip, CancellationToken ct)
    {
        var limits = zipOptions.Value;
        var problems = new List<SourceProblem>();
        var name = Path.GetFileName(zip?.FileName ?? "");
        if (zip is null || zip.Length == 0) problems.Add(new SourceProblem(name.Length > 0 ? name : "zip", 1, text["Courses.Zip.NoFile"]));
        else if (zip.Length > limits.MaxZipBytes) problems.Add(new SourceProblem(name, 1, text["Courses.Zip.TooLarge", MaxZipMegabytes]));
        if (problems.Count == 0)
        {
            var temp = Directory.CreateTempSubdirectory("learning-import-").FullName;
            try
            {
                await using var stream = zip!.OpenReadStream();
                if (await ContentZip.Unpack(stream, name, temp, limits, problems, text, ct) is { } folder)
                {
                    var result = await importer.Import(folder, ct);
                    if (result.Succeeded)
                    {
                        var c = result.Counts;
                        TempData["Authoring.Done"] = text["Courses.Zip.Imported", name, c.CoursesAdded, c.CoursesUpdated, c.CoursesUnchanged,
                            c.MediaFiles, c.Paths].Value;
                        return Redirect("/authoring");
                    }
                    problems.AddRange(result.Problems);
                }
            }
            finally
            {
                try { Directory.Delete(temp, recursive: true); } catch (IOException) { }
            }
        }
        ImportProblems = problems;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        ModelState.Clear();
        await Load(ct);
        return Page();
    }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    /// <summary>Without JavaScript the slug is suggested by the server from the title typed so far.</summary>
    public async Task<IActionResult> OnPostSuggestAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Input.Slug = Authoring.Kebab(Input.Title);
        await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var title = Authoring.Text(Input.Title, "Input.Title", true, 300, ModelState, text);
        var summary = Authoring.Text(Input.Summary, "Input.Summary", false, 2000, ModelState, text);
        var jp = Authoring.Jp(Input.Jp, "Input.Jp", ModelState, text);
        var minutes = Authoring.Int(Input.Minutes, "Input.Minutes", true, 1, 100_000, ModelState, text);
        var slug = string.IsNullOrWhiteSpace(Input.Slug) ? Authoring.Kebab(Input.Title) : Input.Slug.Trim();
        if (slug.Length == 0) { if (title is not null) ModelState.AddModelError("Input.Slug", text["Courses.Authoring.Required"]); }
        else if (!Authoring.IsSlug(slug) || slug.Length > 100) ModelState.AddModelError("Input.Slug", text["Courses.Authoring.BadSlug", slug]);
        // Also a slug of the shared catalogue: a draft of the same slug would hide the province's course from learners.
        else if (await db.Set<Course>().AnyAsync(c => c.Slug == slug, ct)) ModelState.AddModelError("Input.Slug", text["Courses.Authoring.SlugTaken", slug]);

        if (!ModelState.IsValid)
        {
            Input.Slug = slug;
            await Load(ct);
            return Page();
        }
        var course = new Course(slug);
        course.Apply(new CourseDefinition(slug, title!, summary!, "id", jp!.Value, minutes!.Value, CourseStatus.Draft,
            [], new CertificateRule(null, null), [], null));
        db.Add(course);
        await db.SaveChangesAsync(ct);
        TempData["Authoring.Done"] = text["Courses.Authoring.Created"].Value;
        return Redirect($"/authoring/{slug}");
    }

    private async Task Load(CancellationToken ct)
    {
        var courses = CourseQueries.Visible(db).AsNoTracking();
        var tenant = db.TenantKey;
        var q = (Q ?? "").Trim().ToLowerInvariant();
        if (q.Length > 0) courses = courses.Where(c => c.Title.ToLower().Contains(q) || c.Slug.Contains(q));
        Courses = await courses.OrderBy(c => c.Title)
            .Select(c => new Row(c.Slug, c.Title, c.Status, c.Version, c.Lessons.Count,
                c.Assessment == null ? 0 : c.Assessment.Questions.Count, EF.Property<string>(c, Tenancy.Column) != tenant))
            .ToListAsync(ct);
    }
}
