namespace Learning.Enrolments.Contracts;

/// <summary>A published path as a chooser lists it: its key (what the API takes), its title and the course it enrols on.</summary>
public sealed record PublishedPath(string Key, string Title, string CourseSlug);

/// <summary>
/// Implemented by the path engine, which builds on Enrolments (so Enrolments never depends on it): what enrolling and
/// learning need to know of paths. Resolved as optional: without the Paths module nothing is held.
/// </summary>
public interface IEnrolmentPaths
{
    /// <summary>The paths one may enrol or assign people on now (their latest published version), by title.</summary>
    Task<IReadOnlyList<PublishedPath>> Published(CancellationToken ct = default);

    /// <summary>The course a published path enrols on (the first course it names); null when there is no such published path.</summary>
    Task<string?> CourseOf(string pathKey, CancellationToken ct = default);

    /// <summary>
    /// Null when the person may learn on the enrolment now; otherwise why not and what comes next, in the reader's language
    /// (e.g. waiting for the supervisor's approval). <paramref name="assessment"/>: asked before an attempt, which a path's
    /// cool-down after a failed attempt also holds (lessons stay open for revision).
    /// </summary>
    Task<string?> Hold(Guid enrolmentId, bool assessment = false, CancellationToken ct = default);

    /// <summary>What people call each written path (key → title, its published version's, else its newest's): names, not keys, on pages and in notices.</summary>
    Task<IReadOnlyDictionary<string, string>> Titles(CancellationToken ct = default);
}
