using System.Security.Claims;

namespace Learning.Media.Contracts;

/// <summary>
/// Decides who may read some media, registered by the module that owns them (Courses for course
/// media). GET /media/{name} asks every policy that handles the name; one yes is enough.
/// Coordinators and administrators may read everything; when no policy handles a name only they
/// may. Anonymous readers never get past the login, except for names under public/.
/// </summary>
public interface IMediaAccessPolicy
{
    bool Handles(string blobName);

    /// <summary>Called only for a signed-in user and a name this policy handles.</summary>
    Task<bool> CanRead(ClaimsPrincipal user, string blobName, CancellationToken cancellationToken);
}
