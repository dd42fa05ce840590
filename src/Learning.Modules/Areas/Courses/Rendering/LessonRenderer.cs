using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Rendering;

/// <summary>The one renderer behind the lesson player and the authoring preview.</summary>
internal sealed class LessonRenderer(LearningDbContext db) : ILessonRenderer
{
    private Dictionary<string, string>? _media;

    public async Task<string> ToHtml(string markdown, CancellationToken ct)
    {
        // The content media of a city is a few hundred rows at most: one small query per request.
        _media ??= await db.Set<MediaFile>().AsNoTracking()
            .ToDictionaryAsync(m => m.Path, m => m.BlobName, StringComparer.Ordinal, ct);
        return LessonHtml.ToHtml(markdown, path => _media.GetValueOrDefault(path));
    }
}
