using System.Text;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Courses.Rendering;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Content;

internal sealed class ContentExporter(
    LearningDbContext db, ICompetencyDictionary dictionary, IBlobStore blobs, IEnumerable<IContentSection> sections, IStringLocalizer text)
    : IContentExporter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<ExportResult> ExportCourse(string slug, string folder, CancellationToken ct)
    {
        var course = await CourseQueries.Whole(db).AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, ct);
        if (course is null) return Refused(text["Courses.Export.CourseNotFound", slug]);
        var definition = course.ToDefinition();
        var awarded = definition.Competencies.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        var competencies = (await dictionary.List(ct)).Where(c => awarded.Contains(c.Code)).ToList();
        var used = definition.Lessons.SelectMany(l => MediaPaths(l.Markdown)).ToHashSet(StringComparer.Ordinal);
        var media = await db.Own<MediaFile>().AsNoTracking().Where(m => used.Contains(m.Path)).ToListAsync(ct);
        return await Write(folder, competencies, [definition], media, ct);
    }

    public async Task<ExportResult> ExportAll(string folder, CancellationToken ct)
    {
        var courses = await CourseQueries.Whole(db).AsNoTracking().OrderBy(c => c.Slug).ToListAsync(ct);
        var media = await db.Own<MediaFile>().AsNoTracking().OrderBy(m => m.Path).ToListAsync(ct);
        var result = await Write(folder, await dictionary.List(ct), courses.Select(c => c.ToDefinition()).ToList(), media, ct);
        if (!result.Succeeded) return result;
        try
        {
            // The other modules' parts of the folder (paths/), so a whole export imports back as it was.
            foreach (var section in sections) await section.Export(Path.GetFullPath(folder), ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refused(text["Courses.Export.Failed", folder, e.Message]);
        }
        return result;
    }

    private async Task<ExportResult> Write(
        string folder, IReadOnlyList<CompetencyInfo> competencies, IReadOnlyList<CourseDefinition> courses,
        IReadOnlyList<MediaFile> media, CancellationToken ct)
    {
        try
        {
            return await WriteFiles(Path.GetFullPath(folder), competencies, courses, media, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refused(text["Courses.Export.Failed", folder, e.Message]);
        }
    }

    private async Task<ExportResult> WriteFiles(
        string folder, IReadOnlyList<CompetencyInfo> competencies, IReadOnlyList<CourseDefinition> courses,
        IReadOnlyList<MediaFile> media, CancellationToken ct)
    {
        // Never mix an export with older files: a stale lesson would be refused as "not listed" on import.
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            return Refused(text["Courses.Export.FolderNotEmpty", folder]);
        Directory.CreateDirectory(folder);

        if (competencies.Count > 0)
            await WriteText(Path.Combine(folder, ContentFormat.CompetenciesFile), ContentWriter.CompetenciesYml(competencies), ct);
        foreach (var course in courses)
        {
            var dir = Path.Combine(folder, ContentFormat.CoursesFolder, course.Slug);
            Directory.CreateDirectory(dir);
            await WriteText(Path.Combine(dir, ContentFormat.CourseFile), ContentWriter.CourseYml(course), ct);
            foreach (var lesson in course.Lessons)
                await WriteText(Path.Combine(dir, ContentWriter.LessonFileName(lesson.Key)), ContentWriter.LessonMd(lesson), ct);
            if (course.Assessment is { } assessment)
                await WriteText(Path.Combine(dir, ContentFormat.AssessmentFile), ContentWriter.AssessmentYml(assessment), ct);
        }
        foreach (var file in media)
        {
            var blob = await blobs.Get(file.BlobName, ct);
            if (blob is not { } found) return Refused(text["Courses.Export.MediaMissing", file.Path, file.BlobName]);
            var path = Path.Combine(folder, ContentFormat.MediaFolder, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (found.Content)
            await using (var output = File.Create(path))
                await found.Content.CopyToAsync(output, ct);
        }
        return new ExportResult(courses.Select(c => c.Slug).ToList(), media.Count, null);
    }

    private static Task WriteText(string path, string content, CancellationToken ct) => File.WriteAllTextAsync(path, content, Utf8, ct);

    private static ExportResult Refused(string problem) => new([], 0, problem);

    /// <summary>Paths under media/ a lesson's links and images name.</summary>
    private static IEnumerable<string> MediaPaths(string markdown) =>
        LessonHtml.Links(markdown)
            .Where(l => LessonUrls.Classify(l.Url) == UrlKind.Relative)
            .Select(l => LessonUrls.Resolve(LessonUrls.SplitSuffix(l.Url).Path))
            .Select(resolved => resolved is null ? null : LessonUrls.MediaPath(resolved))
            .OfType<string>();
}
