using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Rendering;

/// <summary>The one renderer behind the lesson player and the authoring preview.</summary>
internal sealed class LessonRenderer(LearningDbContext db, ContentCache cache) : ILessonRenderer
{
    public async Task<string> ToHtml(string markdown, CancellationToken ct)
    {
        // The content media of a city is a few hundred rows at most: read together, kept with the content.
        // A subscriber also reads the shared catalogue's media: a path it has itself names its own file.
        var media = await cache.Get(db, "courses:media", async () =>
        {
            var tenant = db.TenantKey;
            var files = await db.Set<MediaFile>().AsNoTracking()
                .Select(m => new { m.Path, m.BlobName, Own = EF.Property<string>(m, Tenancy.Column) == tenant }).ToListAsync(ct);
            return (IReadOnlyDictionary<string, string>)files.OrderByDescending(m => m.Own).DistinctBy(m => m.Path)
                .ToDictionary(m => m.Path, m => m.BlobName, StringComparer.Ordinal);
        }, ct);
        return LessonHtml.ToHtml(markdown, path => media.GetValueOrDefault(path));
    }
}
