using Learning.Enrolments.Contracts;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Enrolments;

internal sealed class EnrolmentDueDates(LearningDbContext db) : IEnrolmentDueDates
{
    public Task Extend(Guid enrolmentId, DateOnly dueOn, CancellationToken ct) =>
        db.Set<Enrolment>().Where(e => e.Id == enrolmentId && e.Source == EnrolmentSource.Assigned)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DueOn, dueOn), ct);
}
