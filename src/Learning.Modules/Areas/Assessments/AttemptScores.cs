using Learning.Assessments.Contracts;
using Learning.Assessments.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Assessments;

public sealed class AttemptScores(LearningDbContext db) : IAttemptScores
{
    public async Task<IReadOnlyList<AttemptScore>> Of(string courseSlug, IReadOnlyCollection<Guid>? employeeIds, CancellationToken ct = default)
    {
        var attempts = db.Set<Attempt>().AsNoTracking()
            .Where(a => a.CourseSlug == courseSlug && a.Status != AttemptStatuses.Open && a.SubmittedAt != null && a.Score != null);
        if (employeeIds is not null) attempts = attempts.Where(a => employeeIds.Contains(a.EmployeeId));
        var rows = await attempts.Select(a => new { a.EmployeeId, a.SubmittedAt, a.Score, a.Passed }).ToListAsync(ct);
        return rows.Select(a => new AttemptScore(a.EmployeeId, a.SubmittedAt!.Value, a.Score!.Value, a.Passed == true))
            .OrderBy(a => a.SubmittedAt).ToList();
    }
}
