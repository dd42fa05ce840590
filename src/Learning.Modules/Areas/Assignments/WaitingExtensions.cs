using System.Security.Claims;
using Learning.Kernel;

namespace Learning.Assignments;

/// <summary>The badge on the team page's entry: requests for more time the person may decide (as the page lists them).</summary>
public sealed class WaitingExtensions(Extensions extensions) : IMenuCount
{
    public Task<int> Count(ClaimsPrincipal user, CancellationToken ct) => extensions.CountPending(user, ct);
}
