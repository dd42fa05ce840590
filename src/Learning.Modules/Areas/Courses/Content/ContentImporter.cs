using System.Diagnostics;
using Learning.Audit.Contracts;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Learning.Courses.Content;

internal sealed class ContentImporter(
    LearningDbContext db, ICompetencyDictionary dictionary, ICompetencyDictionaryWriter dictionaryWriter,
    IBlobStore blobs, IEnumerable<IContentSection> sections, IAuditLog audit, TimeProvider clock, IStringLocalizer text, ILogger<ContentImporter> log)
    : IContentImporter
{
    private static readonly ImportCounts Nothing = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public async Task<ImportResult> Import(string folder, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var problems = new ProblemList();
        // A link out of the folder is refused before anything is read through it.
        if (Directory.Exists(folder) && ContentReader.RefuseLinksOutside(Path.GetFullPath(folder), problems))
            return new ImportResult(problems.Localize(text), Nothing);
        var stored = await dictionary.List(ct);
        var content = new ContentReader(Path.GetFullPath(folder), problems).Read(stored.Select(c => c.Code));

        // Other modules' parts of the folder (paths/) are validated with the rest: one problem anywhere and nothing is written.
        var courses = await KnownCourses(Path.GetFullPath(folder), ct);
        var reads = new List<ContentSectionRead>();
        foreach (var section in sections) reads.Add(await section.Read(Path.GetFullPath(folder), courses, ct));
        if (problems.Count > 0 || reads.Any(r => r.Problems.Count > 0))
            return new ImportResult(problems.Localize(text).Concat(reads.SelectMany(r => r.Problems))
                .OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToList(), Nothing);

        // Blobs are not transactional: they go first, under content-addressed names, so a failed or repeated
        // import leaves at most an unused blob, never a lesson pointing at nothing.
        await PutMissing(content.Media, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var competencies = content.Competencies is { } list
            ? await dictionaryWriter.Stage(list, ct)
            : new CompetencyCounts(0, 0, 0);
        await StageMedia(content.Media, ct);
        var (added, updated, unchanged) = await StageCourses(content.Courses, ct);
        await db.SaveChangesAsync(ct);
        var sectionItems = 0;
        foreach (var read in reads) sectionItems += await read.Stage(ct);
        audit.Record(AuditActions.ContentImported, Path.GetFullPath(folder),
            $"courses: {added} added, {updated} updated, {unchanged} unchanged; competencies: {competencies.Added} added, " +
            $"{competencies.Updated} updated; other items: {sectionItems}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // An old unused blob this import took up again may have gone to the orphan clean-up meanwhile: put it back.
        await PutMissing(content.Media, ct);

        var counts = new ImportCounts(competencies.Added, competencies.Updated, competencies.Unchanged,
            added, updated, unchanged,
            content.Courses.Sum(c => c.Lessons.Count()), content.Courses.Sum(c => c.Assessment?.Questions.Count ?? 0),
            content.Media.Count, sectionItems);
        log.LogInformation("Imported {Folder} in {Milliseconds} ms: {Counts}", folder, watch.ElapsedMilliseconds, counts);
        return new ImportResult([], counts);
    }

    private async Task PutMissing(IReadOnlyList<MediaSource> media, CancellationToken ct)
    {
        foreach (var file in media)
            if (await blobs.Info(file.BlobName, ct) is null)
            {
                await using var stream = File.OpenRead(file.FullPath);
                await blobs.Put(file.BlobName, stream, file.ContentType, ct);
            }
    }

    /// <summary>The courses of the folder (even those with problems, reported on their own) and those stored.</summary>
    private async Task<ContentCourses> KnownCourses(string root, CancellationToken ct)
    {
        // Paths may name the shared catalogue's courses; only the tenant's own are changed below.
        var known = await CourseQueries.Visible(db).AsNoTracking()
            .Select(c => new { c.Slug, HasAssessment = c.Assessment != null }).ToDictionaryAsync(c => c.Slug, c => c.HasAssessment, ct);
        var folder = Path.Combine(root, ContentFormat.CoursesFolder);
        if (Directory.Exists(folder))
            foreach (var course in Directory.EnumerateDirectories(folder))
                known[Path.GetFileName(course)] = File.Exists(Path.Combine(course, ContentFormat.AssessmentFile));
        return new ContentCourses(known);
    }

    private async Task StageMedia(IReadOnlyList<MediaSource> media, CancellationToken ct)
    {
        var stored = await db.Own<MediaFile>().ToDictionaryAsync(m => m.Path, StringComparer.Ordinal, ct);
        foreach (var source in media)
        {
            if (!stored.TryGetValue(source.Path, out var file)) db.Add(file = new MediaFile(source.Path));
            file.Set(source.BlobName, source.ContentType, source.Length);
        }
    }

    private async Task<(int Added, int Updated, int Unchanged)> StageCourses(IReadOnlyList<CourseDefinition> definitions, CancellationToken ct)
    {
        var slugs = definitions.Select(d => d.Slug).ToList();
        var existing = await CourseQueries.Whole(db).Where(c => slugs.Contains(c.Slug)).ToDictionaryAsync(c => c.Slug, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        int added = 0, updated = 0, unchanged = 0;
        foreach (var definition in definitions)
        {
            if (!existing.TryGetValue(definition.Slug, out var course))
            {
                course = new Course(definition.Slug);
                db.Add(course);
                added++;
            }
            else if (ContentWriter.Fingerprint(course.ToDefinition()) == ContentWriter.Fingerprint(definition))
            {
                // Same content and status: the version stays, so nothing learners hold changes.
                unchanged++;
                continue;
            }
            else updated++;

            course.Apply(definition);
            switch (definition.Status)
            {
                case CourseStatus.Published: course.Publish(now); break;
                case CourseStatus.Draft: course.Unpublish(); break;
                case CourseStatus.Archived: course.Archive(); break;
            }
        }
        return (added, updated, unchanged);
    }
}

internal static class CourseQueries
{
    /// <summary>
    /// The courses a tenant reads: its own, and, when it subscribes, the shared catalogue's that are not drafts and have no
    /// course of its own under the same slug (a city may keep its own version of a course the province publishes).
    /// </summary>
    public static IQueryable<Course> Visible(LearningDbContext db)
    {
        if (!db.SeesSharedCatalogue) return db.Set<Course>();
        var tenant = db.TenantKey;
        return db.Set<Course>().Where(c => EF.Property<string>(c, Tenancy.Column) == tenant
            || (c.Status != CourseStatus.Draft && !db.Own<Course>().Any(own => own.Slug == c.Slug)));
    }

    /// <summary>
    /// A course of the tenant's own with everything it holds, tracked, for changing it or writing it out (the shared
    /// catalogue's courses are the platform's to change and export).
    /// </summary>
    public static IQueryable<Course> Whole(LearningDbContext db) => Whole(db.Own<Course>());

    public static IQueryable<Course> Whole(IQueryable<Course> courses) => courses
        .Include(c => c.Competencies)
        .Include(c => c.Modules)
        .Include(c => c.Lessons)
        .Include(c => c.Assessment).ThenInclude(a => a!.Questions)
        .AsSplitQuery();
}
