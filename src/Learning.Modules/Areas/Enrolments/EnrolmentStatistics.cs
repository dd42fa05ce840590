using System.Runtime.CompilerServices;
using Learning.Enrolments.Contracts;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Enrolments;

internal sealed class EnrolmentStatistics(LearningDbContext db) : IEnrolmentStatistics
{
    public async IAsyncEnumerable<EnrolmentFact> Stream(string? courseSlug, [EnumeratorCancellation] CancellationToken ct)
    {
        var query = db.Set<Enrolment>().AsNoTracking();
        if (courseSlug is not null) query = query.Where(e => e.CourseSlug == courseSlug);
        var rows = query.Select(e => new { e.Id, e.EmployeeId, e.CourseSlug, e.Status, e.Source, e.DueOn, e.StartedAt, e.CompletedAt, e.Score })
            .AsAsyncEnumerable();
        await foreach (var e in rows.WithCancellation(ct))
            yield return new EnrolmentFact(e.Id, e.EmployeeId, e.CourseSlug, e.Status, e.Source, e.DueOn, e.StartedAt, e.CompletedAt, e.Score);
    }
}
