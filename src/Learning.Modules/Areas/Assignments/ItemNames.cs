using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;

namespace Learning.Assignments;

/// <summary>What people call an assigned item: its course's title or its path's, never the slug or the key.</summary>
public sealed class ItemNames(ICourseCatalog catalog, IEnumerable<IEnrolmentPaths> paths)
{
    /// <summary>Reads the titles once (published courses, written paths), for a page or a batch that names many items.</summary>
    public async Task<Func<string?, string?, string>> Load(CancellationToken ct)
    {
        var courses = (await catalog.Published(ct)).ToDictionary(c => c.Slug, c => c.Title);
        var pathTitles = paths.FirstOrDefault() is { } p ? await p.Titles(ct) : new Dictionary<string, string>();
        return (slug, path) => slug is not null ? courses.GetValueOrDefault(slug) ?? slug
            : path is not null ? pathTitles.GetValueOrDefault(path) ?? path : "";
    }

    /// <summary>One item's name (a course not published any more is still named by its catalogue title).</summary>
    public async Task<string> Of(string? slug, string? path, CancellationToken ct)
    {
        if (slug is not null) return (await catalog.Lessons([slug], ct)).GetValueOrDefault(slug)?.Title ?? slug;
        if (path is null) return "";
        return paths.FirstOrDefault() is { } p ? (await p.Titles(ct)).GetValueOrDefault(path) ?? path : path;
    }
}
