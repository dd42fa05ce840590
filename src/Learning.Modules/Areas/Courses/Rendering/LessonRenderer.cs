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
        var media = await cache.Get(db, "courses:media", async () => (IReadOnlyDictionary<string, string>)await db.Set<MediaFile>()
            .AsNoTracking().ToDictionaryAsync(m => m.Path, m => m.BlobName, StringComparer.Ordinal, ct), ct);
        return LessonHtml.ToHtml(markdown, path => media.GetValueOrDefault(path));
    }
}
