using Learning.Enrolments.Contracts;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Enrolments;

internal sealed class EnrolmentDueDates(LearningDbContext db) : IEnrolmentDueDates
{
    public async Task Extend(Guid enrolmentId, DateOnly dueOn, CancellationToken ct)
    {
        var assigned = db.Set<Enrolment>().Where(e => e.Id == enrolmentId && e.Source == EnrolmentSource.Assigned);
        var people = await assigned.Select(e => e.EmployeeId).ToListAsync(ct);
        await assigned.ExecuteUpdateAsync(s => s.SetProperty(e => e.DueOn, dueOn).SetProperty(e => e.Revision, e => e.Revision + 1), ct);
        db.MoveStamps(people); // the learner's cached pages show the due date
    }
}
