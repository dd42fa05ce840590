using System.Security.Claims;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Rendering;

/// <summary>
/// A file uploaded on the authoring page ("uploads/…") may be read by any signed-in user once a published
/// course's lesson shows it; until then only coordinators (whom the media module always lets in) see it.
/// </summary>
internal sealed class UploadedMediaAccess(LearningDbContext db) : IMediaAccessPolicy
{
    public bool Handles(string blobName) => blobName.StartsWith("uploads/", StringComparison.Ordinal);

    public Task<bool> CanRead(ClaimsPrincipal user, string blobName, CancellationToken ct)
    {
        var url = BlobNames.UrlOf(blobName);
        return db.Set<Lesson>().AsNoTracking()
            .Where(l => l.Markdown.Contains(url))
            .Join(db.Set<Course>().Where(c => c.Status == CourseStatus.Published), l => l.CourseId, c => c.Id, (l, c) => l.Id)
            .AnyAsync(ct);
    }
}
