using Learning.Kernel.Text;

namespace Learning.Courses.Contracts;

public sealed record ImportCounts(
    int CompetenciesAdded, int CompetenciesUpdated, int CompetenciesUnchanged,
    int CoursesAdded, int CoursesUpdated, int CoursesUnchanged,
    int Lessons, int Questions, int MediaFiles, int Paths = 0);

public sealed record ImportResult(IReadOnlyList<SourceProblem> Problems, ImportCounts Counts)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Imports a content folder (competencies.yml, courses/&lt;slug&gt;/, media/; paths/ is read by the Paths module).
/// The whole folder is validated first; with any problem nothing changes. Otherwise everything is written in one
/// transaction; importing the same folder again updates in place.
/// </summary>
public interface IContentImporter
{
    Task<ImportResult> Import(string folder, CancellationToken ct = default);
}

public sealed record ExportResult(IReadOnlyList<string> Courses, int MediaFiles, string? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>Writes courses back in the content format, so that import → export → import is identical.</summary>
public interface IContentExporter
{
    /// <summary>Writes folder/competencies.yml (the competencies it awards), folder/courses/&lt;slug&gt;/ and the media its lessons use.</summary>
    Task<ExportResult> ExportCourse(string slug, string folder, CancellationToken ct = default);

    /// <summary>Writes every course, the whole competency dictionary and all content media.</summary>
    Task<ExportResult> ExportAll(string folder, CancellationToken ct = default);
}

/// <summary>The courses a content folder may refer to (those it defines and those stored): slug → whether it has an assessment.</summary>
public sealed record ContentCourses(IReadOnlyDictionary<string, bool> HasAssessment)
{
    public bool Exists(string slug) => HasAssessment.ContainsKey(slug);
}

/// <summary>
/// What a section read from the folder: its problems (file relative to the folder, line, reason in the reader's language) and,
/// when there are none anywhere, the work that writes it inside the import's one transaction (the importer saves).
/// </summary>
public sealed record ContentSectionRead(IReadOnlyList<SourceProblem> Problems, Func<CancellationToken, Task<int>> Stage);

/// <summary>
/// A part of the content folder owned by another module (paths/ by the Paths module), registered as one of many. The importer
/// validates every section with the rest of the folder first, and writes them all in its one transaction or not at all; the
/// exporter lets each write its files back.
/// </summary>
public interface IContentSection
{
    Task<ContentSectionRead> Read(string folder, ContentCourses courses, CancellationToken ct = default);

    /// <summary>Writes the section's files under the folder; how many.</summary>
    Task<int> Export(string folder, CancellationToken ct = default);
}
