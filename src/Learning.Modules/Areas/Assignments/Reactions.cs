using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Assignments;

/// <summary>A lesson done on an assigned enrolment: the item is in progress.</summary>
internal sealed class StartItemWhenLessonCompleted(LearningDbContext db) : IDomainEventHandler<LessonCompleted>
{
    public async Task Handle(LessonCompleted e, CancellationToken ct)
    {
        foreach (var item in await db.Set<AssignmentItem>().Where(i => i.EnrolmentId == e.EnrolmentId && i.Status != AssignmentStatuses.Completed).ToListAsync(ct))
            item.Start();
    }
}

/// <summary>The enrolment completed: so is every item it carries.</summary>
internal sealed class CompleteItemWhenEnrolmentCompleted(LearningDbContext db) : IDomainEventHandler<EnrolmentCompleted>
{
    public async Task Handle(EnrolmentCompleted e, CancellationToken ct)
    {
        foreach (var item in await db.Set<AssignmentItem>().Where(i => i.EnrolmentId == e.EnrolmentId && i.Status != AssignmentStatuses.Completed).ToListAsync(ct))
            item.Complete(e.CompletedAt);
    }
}
