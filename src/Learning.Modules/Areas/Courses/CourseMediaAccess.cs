using System.Security.Claims;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses;

/// <summary>
/// Course media is private to the course: a signed-in learner may read a file once a lesson of a
/// published course shows it. Uploaded files ("uploads/…") are shown as /media/{name}; content-folder
/// files ("media/…") by their path under media/. Coordinators are let in by the Media module itself.
/// </summary>
internal sealed class CourseMediaAccess(LearningDbContext db) : IMediaAccessPolicy
{
    public bool Handles(string blobName) =>
        blobName.StartsWith("uploads/", StringComparison.Ordinal) || blobName.StartsWith("media/", StringComparison.Ordinal);

    public async Task<bool> CanRead(ClaimsPrincipal user, string blobName, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        var reference = blobName.StartsWith("uploads/", StringComparison.Ordinal)
            ? BlobNames.UrlOf(blobName)
            : await db.Set<MediaFile>().AsNoTracking().Where(m => m.BlobName == blobName).Select(m => "media/" + m.Path).FirstOrDefaultAsync(ct);
        if (reference is null) return false;
        return await db.Set<Lesson>().AsNoTracking()
            .Where(l => l.Markdown.Contains(reference))
            .Join(db.Set<Course>().Where(c => c.Status == CourseStatus.Published), l => l.CourseId, c => c.Id, (l, c) => l.Id)
            .AnyAsync(ct);
    }
}
