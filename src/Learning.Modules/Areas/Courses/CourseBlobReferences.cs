using Learning.Courses.Domain;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses;

/// <summary>The blobs the tenant's own courses use: their content media and every /media/ link in a lesson.</summary>
internal sealed class CourseBlobReferences(LearningDbContext db) : IBlobReferences
{
    public async Task<IReadOnlyCollection<string>> Referenced(CancellationToken ct)
    {
        var names = new HashSet<string>(await db.Own<MediaFile>().AsNoTracking().Select(m => m.BlobName).ToListAsync(ct), StringComparer.Ordinal);
        // Streamed, one lesson at a time: a city's lessons together are a few megabytes of text.
        await foreach (var markdown in db.Own<Lesson>().AsNoTracking().Select(l => l.Markdown).AsAsyncEnumerable().WithCancellation(ct))
            names.UnionWith(BlobLinks.In(markdown));
        await foreach (var summary in db.Own<Course>().AsNoTracking().Select(c => c.Summary).AsAsyncEnumerable().WithCancellation(ct))
            names.UnionWith(BlobLinks.In(summary));
        await foreach (var text in db.Own<Question>().AsNoTracking().Select(q => q.Text).AsAsyncEnumerable().WithCancellation(ct))
            names.UnionWith(BlobLinks.In(text));
        return names;
    }
}
