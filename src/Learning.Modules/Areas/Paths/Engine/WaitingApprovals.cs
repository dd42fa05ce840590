using System.Collections.Concurrent;
using System.Security.Claims;
using Learning.Kernel;
using Learning.Paths.Api;

namespace Learning.Paths.Engine;

/// <summary>
/// The badge on "Persetujuan": enrolments waiting for the person's decision. A supervisor's (not a coordinator's) is
/// remembered with their stamps, which every page reads: an approval addressed to them moves their stamp when it is added,
/// decided or handed to another approver (ApproverId), so the count is read again exactly when it may have changed, and
/// their other pages count nothing (bench/README.md, "The floor, fifth round"). A coordinator's also counts the
/// coordinators' steps of everyone, which no stamp of theirs follows: counted every time.
/// </summary>
public sealed class WaitingApprovals(Approvals approvals, LearningDbContext db, Stamps stamps, ApprovalCounts counts) : IMenuCount
{
    public async Task<int> Count(ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = PathsApi.CallerOf(user);
        if (caller.IsCoordinator || caller.EmployeeId is not { } me || caller.UserId is not { } userId)
            return await approvals.CountPending(caller, ct);
        var stamp = await stamps.Read(db, StampKeys.Personal(userId, me), ct);
        var key = (db.TenantKey, me);
        if (counts.Known.TryGetValue(key, out var known) && known.Stamp == stamp) return known.Count;
        var count = await approvals.CountPending(caller, ct);
        if (counts.Known.Count > 100_000) counts.Known.Clear(); // a bound, not a policy: a forgotten count is one query
        counts.Known[key] = (stamp, count);
        return count;
    }
}

/// <summary>The supervisors' approval counts this node has read, with the stamps they were read at (<see cref="WaitingApprovals"/>).</summary>
public sealed class ApprovalCounts
{
    public ConcurrentDictionary<(string Tenant, Guid Employee), (long Stamp, int Count)> Known { get; } = new();
}
