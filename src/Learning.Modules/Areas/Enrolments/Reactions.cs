using Learning.Assessments.Contracts;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Enrolments;

/// <summary>
/// The course's own pass (round 0; a reassessment round renews through the path) is the enrolment's: it completes now when
/// every lesson is done, or later when the last lesson is. Written in the attempt's transaction, so of a pass and the last
/// lesson arriving at once one fails whole and runs again on what the other committed.
/// </summary>
internal sealed class RecordPassWhenAssessmentPassed(LearningDbContext db, ICourseCatalog catalog) : IDomainEventHandler<AssessmentPassed>
{
    public async Task Handle(AssessmentPassed e, CancellationToken ct)
    {
        if (e.Round != 0
            || await db.Set<Enrolment>().Include(x => x.Lessons).FirstOrDefaultAsync(x => x.Id == e.EnrolmentId, ct) is not { } enrolment) return;
        var course = await catalog.Find(enrolment.CourseSlug, ct)
            ?? throw new InvalidOperationException($"Course '{enrolment.CourseSlug}' of enrolment {e.EnrolmentId} is gone.");
        enrolment.MarkAssessmentPassed(e.Score, e.At, course);
        // Written now, before a later reaction saves (a path delivery claiming its instance would take a lost race on the
        // enrolment for its own and try again): the race fails this save, and with it the whole grading, which runs again.
        db.Entry(enrolment).DetectChanges();
        await db.SaveKnownChangesAsync(ct);
    }
}

/// <summary>A path ended by a refusal ends its enrolment's request too (if still in progress), so the learner may ask again.</summary>
internal sealed class RejectEnrolmentWhenEnrolmentPathRejected(LearningDbContext db) : IDomainEventHandler<EnrolmentPathRejected>
{
    public async Task Handle(EnrolmentPathRejected e, CancellationToken ct)
    {
        var enrolment = db.Set<Enrolment>().Local.FirstOrDefault(x => x.Id == e.EnrolmentId)
            ?? await db.Set<Enrolment>().FirstOrDefaultAsync(x => x.Id == e.EnrolmentId, ct);
        enrolment?.Reject();
    }
}
