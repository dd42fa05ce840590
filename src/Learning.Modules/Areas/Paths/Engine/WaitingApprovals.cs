using System.Security.Claims;
using Learning.Kernel;
using Learning.Paths.Api;

namespace Learning.Paths.Engine;

/// <summary>The badge on "Persetujuan": enrolments waiting for the person's decision.</summary>
public sealed class WaitingApprovals(Approvals approvals) : IMenuCount
{
    public Task<int> Count(ClaimsPrincipal user, CancellationToken ct) => approvals.CountPending(PathsApi.CallerOf(user), ct);
}
