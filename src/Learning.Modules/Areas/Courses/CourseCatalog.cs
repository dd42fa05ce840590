using Learning.Courses.Content;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses;

/// <summary>
/// Every read here is content: kept in the <see cref="ContentCache"/> until an author changes a course. Every read starts from
/// the courses the tenant sees (<see cref="CourseQueries.Visible"/>): its own and the shared catalogue's it subscribes to.
/// </summary>
internal sealed class CourseCatalog(LearningDbContext db, ILessonRenderer renderer, ContentCache cache) : ICourseCatalog
{
    public Task<IReadOnlyList<CourseSummary>> Published(CancellationToken ct) =>
        cache.Get(db, "courses:published", () => Summaries(CourseQueries.Visible(db).Where(c => c.Status == CourseStatus.Published), ct), ct);

    public Task<IReadOnlyList<CourseSummary>> All(CancellationToken ct) =>
        cache.Get(db, "courses:all", () => Summaries(CourseQueries.Visible(db), ct), ct);

    private static async Task<IReadOnlyList<CourseSummary>> Summaries(IQueryable<Course> courses, CancellationToken ct)
    {
        var list = await courses.AsNoTracking().Include(c => c.Competencies).OrderBy(c => c.Title).ToListAsync(ct);
        return list.Select(Summary).ToList();
    }

    private static CourseSummary Summary(Course c) => new(
        c.Id, c.Slug, c.Title, c.Summary, c.Language, c.Jp, c.Minutes, c.Status, c.Version,
        c.Competencies.OrderBy(a => a.Order).Select(a => new CompetencyAward(a.Code, a.Level)).ToList());

    public Task<CourseOutline?> Find(string slug, CancellationToken ct) =>
        cache.Get(db, "courses:outline:" + slug, () => Outline(slug, ct), ct);

    private async Task<CourseOutline?> Outline(string slug, CancellationToken ct)
    {
        var course = await CourseQueries.Visible(db).AsNoTracking().Include(c => c.Competencies).FirstOrDefaultAsync(c => c.Slug == slug, ct);
        if (course is null) return null;

        // The outline never loads lesson bodies or questions: only titles, counts and settings.
        var modules = await db.Set<CourseModule>().AsNoTracking().Where(m => m.CourseId == course.Id)
            .OrderBy(m => m.Order).Select(m => new { m.Id, m.Title }).ToListAsync(ct);
        var lessons = await db.Set<Lesson>().AsNoTracking().Where(l => l.CourseId == course.Id)
            .OrderBy(l => l.Order).Select(l => new { l.ModuleId, l.Key, l.Title, l.Minutes }).ToListAsync(ct);
        var assessment = await db.Set<Assessment>().AsNoTracking().Where(a => a.CourseId == course.Id)
            .Select(a => new AssessmentOutline(a.Questions.Count, a.PassMark, a.MaxAttempts, a.TimeLimitMinutes, course.TestOut))
            .FirstOrDefaultAsync(ct);

        var definition = course.ToDefinition();
        return new CourseOutline(
            Summary(course),
            definition.Certificate,
            modules.Select(m => new ModuleOutline(m.Title,
                lessons.Where(l => l.ModuleId == m.Id).Select(l => new LessonOutline(l.Key, l.Title, l.Minutes)).ToList())).ToList(),
            assessment);
    }

    public async Task<IReadOnlyDictionary<string, CourseLessons>> Lessons(IReadOnlyCollection<string> slugs, CancellationToken ct)
    {
        if (slugs.Count == 0) return new Dictionary<string, CourseLessons>();
        var all = await cache.Get(db, "courses:lessons", () => AllLessons(ct), ct);
        return slugs.Distinct().Where(all.ContainsKey).ToDictionary(s => s, s => all[s]);
    }

    // Titles and keys only: a city's whole catalogue is a few thousand short strings.
    private async Task<IReadOnlyDictionary<string, CourseLessons>> AllLessons(CancellationToken ct)
    {
        var courses = await CourseQueries.Visible(db).AsNoTracking().Select(c => new { c.Id, c.Slug, c.Title }).ToListAsync(ct);
        var lessons = (await db.Set<Lesson>().AsNoTracking()
            .OrderBy(l => l.Order).Select(l => new { l.CourseId, l.Key }).ToListAsync(ct)).ToLookup(l => l.CourseId, l => l.Key);
        return courses.ToDictionary(c => c.Slug, c => new CourseLessons(c.Slug, c.Title, lessons[c.Id].ToList()));
    }

    public Task<LessonContent?> Lesson(string slug, string key, CancellationToken ct) =>
        cache.Get(db, "courses:lesson:" + slug + "/" + key, () => RenderedLesson(slug, key, ct), ct);

    private async Task<LessonContent?> RenderedLesson(string slug, string key, CancellationToken ct)
    {
        var lesson = await (
            from c in CourseQueries.Visible(db)
            join l in db.Set<Lesson>() on c.Id equals l.CourseId
            where c.Slug == slug && l.Key == key
            select new { l.Key, l.Title, l.Minutes, l.Markdown }).AsNoTracking().FirstOrDefaultAsync(ct);
        if (lesson is null) return null;
        return new LessonContent(slug, lesson.Key, lesson.Title, lesson.Minutes, lesson.Markdown, await renderer.ToHtml(lesson.Markdown, ct));
    }
}

internal sealed class AssessmentBank(LearningDbContext db) : IAssessmentBank
{
    public async Task<AssessmentPaper?> Paper(string courseSlug, CancellationToken ct)
    {
        if (await Load(courseSlug, ct) is not { } found) return null;
        var (version, assessment) = found;
        return new AssessmentPaper(courseSlug, version, assessment.PassMark, assessment.MaxAttempts, assessment.TimeLimitMinutes,
            assessment.Questions.OrderBy(q => q.Order).Select(q => new PaperQuestion(q.Key, q.Type, q.Text, q.Options.ToList())).ToList());
    }

    public async Task<ServerOnlyAnswerKey?> AnswerKeyForGrading(string courseSlug, CancellationToken ct)
    {
        if (await Load(courseSlug, ct) is not { } found) return null;
        var (version, assessment) = found;
        return new ServerOnlyAnswerKey(courseSlug, version, assessment.PassMark,
            assessment.Questions.OrderBy(q => q.Order).Select(q => new ServerOnlyAnswer(q.Key, q.Type, q.Answer.ToList(), q.TrueFalse)).ToList());
    }

    private async Task<(int Version, Assessment Assessment)?> Load(string slug, CancellationToken ct)
    {
        var found = await (
            from c in CourseQueries.Visible(db)
            join a in db.Set<Assessment>().Include(a => a.Questions) on c.Id equals a.CourseId
            where c.Slug == slug
            select new { c.Version, Assessment = a }).AsNoTracking().FirstOrDefaultAsync(ct);
        return found is null ? null : (found.Version, found.Assessment);
    }
}
