using System.Security.Claims;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.CareerRecords;

/// <summary>The badge on "Verifikasi pelatihan": external trainings waiting, one's own left out (as on the page).</summary>
public sealed class WaitingVerifications(LearningDbContext db) : IMenuCount
{
    public Task<int> Count(ClaimsPrincipal user, CancellationToken ct)
    {
        var me = user.GetEmployeeId();
        return db.Set<Training>().CountAsync(t => t.Source == TrainingSource.External && t.Status == TrainingStatus.Pending
            && (me == null || t.EmployeeId != me), ct);
    }
}
