using System.Text;
using System.Text.RegularExpressions;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Courses.Rendering;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Content;

/// <summary>A blob a lesson links site-absolute ("/media/uploads/…"), written to the folder at media/&lt;Path&gt;.</summary>
internal sealed record CarriedFile(string Path, string BlobName);

internal sealed partial class ContentExporter(
    LearningDbContext db, ICompetencyDictionary dictionary, IBlobStore blobs, IEnumerable<IContentSection> sections, IStringLocalizer text)
    : IContentExporter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<ExportResult> ExportCourse(string slug, string folder, CancellationToken ct)
    {
        var course = await CourseQueries.Whole(db).AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, ct);
        if (course is null) return Refused(text["Courses.Export.CourseNotFound", slug]);
        var (definition, carried) = CarryUploads(course.ToDefinition());
        var awarded = definition.Competencies.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        var competencies = (await dictionary.List(ct)).Where(c => awarded.Contains(c.Code)).ToList();
        var used = definition.Lessons.SelectMany(l => MediaPaths(l.Markdown)).ToHashSet(StringComparer.Ordinal);
        var media = await db.Own<MediaFile>().AsNoTracking().Where(m => used.Contains(m.Path)).ToListAsync(ct);
        return await Write(folder, competencies, [definition], media, carried, ct);
    }

    public async Task<ExportResult> ExportAll(string folder, CancellationToken ct)
    {
        var courses = await CourseQueries.Whole(db).AsNoTracking().OrderBy(c => c.Slug).ToListAsync(ct);
        var media = await db.Own<MediaFile>().AsNoTracking().OrderBy(m => m.Path).ToListAsync(ct);
        var carried = new List<CarriedFile>();
        var definitions = new List<CourseDefinition>();
        foreach (var course in courses)
        {
            var (definition, files) = CarryUploads(course.ToDefinition());
            definitions.Add(definition);
            carried.AddRange(files);
        }
        var result = await Write(folder, await dictionary.List(ct), definitions, media, carried.DistinctBy(f => f.Path).ToList(), ct);
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
        IReadOnlyList<MediaFile> media, IReadOnlyList<CarriedFile> carried, CancellationToken ct)
    {
        try
        {
            return await WriteFiles(Path.GetFullPath(folder), competencies, courses, media, carried, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refused(text["Courses.Export.Failed", folder, e.Message]);
        }
    }

    private async Task<ExportResult> WriteFiles(
        string folder, IReadOnlyList<CompetencyInfo> competencies, IReadOnlyList<CourseDefinition> courses,
        IReadOnlyList<MediaFile> media, IReadOnlyList<CarriedFile> carried, CancellationToken ct)
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
        foreach (var file in media.Select(m => new CarriedFile(m.Path, m.BlobName)).Concat(carried))
        {
            var blob = await blobs.Get(file.BlobName, ct);
            if (blob is not { } found) return Refused(text["Courses.Export.MediaMissing", file.Path, file.BlobName]);
            var path = Path.Combine(folder, ContentFormat.MediaFolder, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (found.Content)
            await using (var output = File.Create(path))
                await found.Content.CopyToAsync(output, ct);
        }
        return new ExportResult(courses.Select(c => c.Slug).ToList(), media.Count + carried.Count, null);
    }

    /// <summary>
    /// Files uploaded while writing a lesson are linked site-absolute ("/media/uploads/semarang/2026/12/….png"), a name of this
    /// installation that means nothing in another. The export carries each under media/uploads/ and links it relatively like
    /// any content media, so the folder imports elsewhere with working images.
    /// </summary>
    internal static (CourseDefinition Course, List<CarriedFile> Files) CarryUploads(CourseDefinition course)
    {
        var files = new Dictionary<string, CarriedFile>(StringComparer.Ordinal);
        foreach (var link in course.Lessons.SelectMany(l => LessonHtml.Links(l.Markdown)))
        {
            if (LessonUrls.Classify(link.Url) != UrlKind.SiteAbsolute) continue;
            var path = LessonUrls.SplitSuffix(link.Url).Path;
            if (!path.StartsWith(LessonHtml.MediaUrlPrefix, StringComparison.Ordinal)) continue;
            var blob = path[LessonHtml.MediaUrlPrefix.Length..];
            if (!BlobNames.IsValid(blob) || !CarriedPrefixes.Any(p => blob.StartsWith(p, StringComparison.Ordinal))) continue;
            var extension = Path.GetExtension(blob).ToLowerInvariant();
            if (!ContentFormat.MediaTypes.ContainsKey(extension)) continue;
            files.TryAdd(blob, new CarriedFile($"uploads/{blob[(blob.LastIndexOf('/') + 1)..]}", blob));
        }
        if (files.Count == 0) return (course, []);
        string Relink(string markdown) => SiteMediaLink().Replace(markdown, m =>
            files.TryGetValue(m.Groups["name"].Value, out var file) ? $"../../{ContentFormat.MediaFolder}/{file.Path}" : m.Value);
        return (course with
        {
            Modules = course.Modules.Select(m => m with
            {
                Lessons = m.Lessons.Select(l => l with { Markdown = Relink(l.Markdown) }).ToList(),
            }).ToList(),
        }, files.Values.ToList());
    }

    /// <summary>Uploads and content blobs; never certificates, proofs or other private files.</summary>
    private static readonly string[] CarriedPrefixes = ["uploads/", "media/"];

    /// <summary>"/media/{name}" where a Markdown link target starts: after "(", "&lt;" or a space (a reference definition).</summary>
    [GeneratedRegex(@"(?<=[(<\s])/media/(?<name>[a-z0-9._/-]+)")]
    private static partial Regex SiteMediaLink();

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
