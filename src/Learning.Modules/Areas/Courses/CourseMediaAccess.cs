using System.Security.Claims;
using Learning.Media.Contracts;

namespace Learning.Courses;

/// <summary>Lesson media (media/…) is course material: any signed-in learner may read it.</summary>
internal sealed class CourseMediaAccess : IMediaAccessPolicy
{
    public bool Handles(string blobName) => blobName.StartsWith("media/", StringComparison.Ordinal);

    public Task<bool> CanRead(ClaimsPrincipal user, string blobName, CancellationToken cancellationToken) =>
        Task.FromResult(user.Identity?.IsAuthenticated == true);
}
