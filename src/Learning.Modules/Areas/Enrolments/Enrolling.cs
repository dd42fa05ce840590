using Learning.Assessments.Contracts;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Enrolments;

/// <summary>The learner's enrolments, shared by the API and the pages: always scoped to the person asking.</summary>
public sealed class Enrolling(LearningDbContext db, ICourseCatalog catalog, IEnumerable<IEnrolmentPaths> paths, TimeProvider clock,
    ResumePoints resumePoints, IServiceProvider services)
{
    public sealed record Enrolled(Enrolment Enrolment, bool Created);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Null when there is no such published course. Enrolling twice gives the active enrolment back.</summary>
    public Task<Enrolled?> Enrol(Guid employeeId, string slug, CancellationToken ct) =>
        Enrol(employeeId, slug, EnrolmentSource.Self, null, ct);

    /// <summary>An assignment on an active enrolment makes it assigned, due on the earlier date.</summary>
    public Task<Enrolled?> Enrol(Guid employeeId, string slug, EnrolmentSource source, DateOnly? dueOn, CancellationToken ct, Guid? assignedBy = null) =>
        Enrol(employeeId, slug, source, dueOn, null, ct, assignedBy);

    /// <summary>On a path: null when there is no such published path. The path's course is the one enrolled on.</summary>
    public async Task<Enrolled?> EnrolOnPath(Guid employeeId, string pathKey, EnrolmentSource source, DateOnly? dueOn, CancellationToken ct,
        Guid? assignedBy = null)
    {
        if (paths.FirstOrDefault() is not { } engine || await engine.CourseOf(pathKey, ct) is not { } slug) return null;
        return await Enrol(employeeId, slug, source, dueOn, pathKey, ct, assignedBy);
    }

    /// <summary>Null when the person may learn on the enrolment now; else why not (e.g. the supervisor has not approved yet).</summary>
    public async Task<string?> Hold(Enrolment enrolment, CancellationToken ct) =>
        paths.FirstOrDefault() is { } engine ? await engine.Hold(enrolment.Id, false, ct) : null;

    // Run again on fresh data when it loses a race (an assignment's due date against a lesson completed at that moment).
    private Task<Enrolled?> Enrol(Guid employeeId, string slug, EnrolmentSource source, DateOnly? dueOn, string? pathKey, CancellationToken ct,
        Guid? assignedBy) =>
        db.Retrying(c => TryEnrol(employeeId, slug, source, dueOn, pathKey, assignedBy, c), ct);

    private async Task<Enrolled?> TryEnrol(Guid employeeId, string slug, EnrolmentSource source, DateOnly? dueOn, string? pathKey, Guid? assignedBy,
        CancellationToken ct)
    {
        var outline = await catalog.Find(slug, ct);
        if (outline is null || outline.Course.Status != CourseStatus.Published) return null;
        var latest = await Active(employeeId, slug, ct);
        if (latest is { Status: EnrolmentStatuses.InProgress })
        {
            if (source == EnrolmentSource.Assigned)
            {
                var changed = latest.Assign(dueOn);
                // Assigning what someone already asked for answers their request where it waits for the one assigning.
                if (assignedBy is { } by) { latest.AssignedBy(by); changed = true; }
                if (changed) await db.SaveChangesAsync(ct);
            }
            return new Enrolled(latest, false);
        }
        // A finished course is given back to the learner; an assignment starts it again. A rejected request is asked again.
        if (source == EnrolmentSource.Self && latest is { IsCompleted: true }) return new Enrolled(latest, false);

        // Asking again after a refusal goes the same way as before (the same path, so to the supervisor again).
        if (latest is { IsRejected: true } && pathKey is null) pathKey = latest.PathKey;
        var enrolment = Enrolment.Start(employeeId, outline.Course, source, dueOn, Now, pathKey, source == EnrolmentSource.Assigned ? assignedBy : null);
        db.Add(enrolment);
        try
        {
            await db.SaveChangesAsync(ct);
            return new Enrolled(enrolment, true);
        }
        catch (DbUpdateException)
        {
            // Two taps at once: the unique index let one through; answer with that one.
            db.ChangeTracker.Clear();
            return await Active(employeeId, slug, ct) is { } winner ? new Enrolled(winner, false) : throw new InvalidOperationException("Enrolment failed.");
        }
    }

    private Task<Enrolment?> Active(Guid employeeId, string slug, CancellationToken ct) =>
        db.Set<Enrolment>().Include(e => e.Lessons)
            .Where(e => e.EmployeeId == employeeId && e.CourseSlug == slug)
            .OrderBy(e => e.Status == EnrolmentStatuses.InProgress ? 0 : 1).ThenByDescending(e => e.StartedAt)
            .FirstOrDefaultAsync(ct);

    /// <summary>The person's latest enrolment on a course, if any.</summary>
    public Task<Enrolment?> OfCourse(Guid employeeId, string slug, CancellationToken ct) => Active(employeeId, slug, ct);

    /// <summary>Someone else's enrolment is simply not found. Where it resumes includes a lesson opened and not saved yet (<see cref="ResumePoints"/>).</summary>
    public async Task<Enrolment?> Find(Guid id, Guid employeeId, CancellationToken ct)
    {
        // Before the row: the writer drops a noted point only once the row has it.
        var pending = resumePoints.Pending(id);
        var enrolment = await db.Set<Enrolment>().Include(e => e.Lessons).FirstOrDefaultAsync(e => e.Id == id && e.EmployeeId == employeeId, ct);
        if (enrolment is not null && pending is not null && enrolment.LastLessonKey != pending)
        {
            // As if read so: the row is not changed by it (no save writes it back, no stamp moves).
            var entry = db.Entry(enrolment).Property(e => e.LastLessonKey);
            entry.CurrentValue = pending;
            entry.OriginalValue = pending;
        }
        return enrolment;
    }

    // Compiled: every home page asks it (bench/README.md, fifth round).
    private static readonly CompiledQuery<Func<LearningDbContext, Guid, IAsyncEnumerable<Enrolment>>> MineQuery = new(() =>
        EF.CompileAsyncQuery<LearningDbContext, Guid, Enrolment>((db, employeeId) => db.Set<Enrolment>().AsNoTracking().Include(e => e.Lessons)
            .Where(e => e.EmployeeId == employeeId).OrderByDescending(e => e.StartedAt)));

    public async Task<IReadOnlyList<Enrolment>> Mine(Guid employeeId, CancellationToken ct) =>
        await MineQuery.For(db)(db, employeeId).ToListAsync(ct);

    public Task<CourseOutline?> Course(Enrolment enrolment, CancellationToken ct) => catalog.Find(enrolment.CourseSlug, ct);

    /// <summary>A lesson of the enrolment's course, without remembering it as where to resume (a page saved for offline reading).</summary>
    public Task<LessonContent?> ReadLesson(Enrolment enrolment, string key, CancellationToken ct) => catalog.Lesson(enrolment.CourseSlug, key, ct);

    /// <summary>
    /// A lesson of the enrolment's course, remembered as where to resume: noted for <see cref="ResumePoints"/> to write behind
    /// the page (one writer, in batches), or, where that writer is not running, one small UPDATE here. Either way the row is
    /// not read again and no change stamp moves: it is a hint no cached page shows.
    /// </summary>
    public async Task<LessonContent?> OpenLesson(Enrolment enrolment, string key, CancellationToken ct)
    {
        var lesson = await catalog.Lesson(enrolment.CourseSlug, key, ct);
        if (lesson is null) return null;
        if (enrolment.LastLessonKey != key && !resumePoints.Note(enrolment.Id, key, Tenancy.CurrentOrDefault(services)))
            await ResumePoints.Write(db, enrolment.Id, key, ct);
        return lesson;
    }

    /// <summary>
    /// The enrolment as saved, or null when the course has no such lesson. A request that raced another change of the enrolment
    /// (the assessment passed, another lesson, the same lesson twice) runs again on what that one committed, so whichever saves
    /// last decides completion on both facts; the same lesson twice counts once.
    /// </summary>
    public async Task<Enrolment?> CompleteLesson(Enrolment enrolment, string key, int seconds, CancellationToken ct)
    {
        var course = await catalog.Find(enrolment.CourseSlug, ct);
        if (course is null || !LessonKeys(course).Contains(key)) return null;
        var (id, employeeId) = (enrolment.Id, enrolment.EmployeeId);
        var current = enrolment;
        return await db.Retrying(async c =>
        {
            current ??= await Find(id, employeeId, c) ?? throw new InvalidOperationException($"Enrolment {id} is gone.");
            var taken = current;
            current = null; // a second run reads afresh
            taken.CompleteLesson(key, seconds, Now, course);
            await db.SaveChangesAsync(c);
            return taken;
        }, ct);
    }

    public static IReadOnlyList<string> LessonKeys(CourseOutline course) =>
        course.Modules.SelectMany(m => m.Lessons).Select(l => l.Key).ToList();
}

internal sealed class EnrolmentRequests(Enrolling enrolling) : IEnrolmentRequests
{
    public async Task<EnrolmentOutcome> Enrol(EnrolmentRequest request, CancellationToken ct)
    {
        if (request.CourseSlug is not { Length: > 0 } slug)
        {
            var onPath = request.PathKey is { Length: > 0 } key
                ? await enrolling.EnrolOnPath(request.EmployeeId, key.Trim(), request.Source, request.DueOn, ct, request.AssignedBy)
                : null;
            return onPath is null ? EnrolmentOutcome.Refused(EnrolmentRefusal.UnknownPath) : Outcome(onPath);
        }
        var enrolled = await enrolling.Enrol(request.EmployeeId, slug.Trim(), request.Source, request.DueOn, ct, request.AssignedBy);
        return enrolled is null ? EnrolmentOutcome.Refused(EnrolmentRefusal.UnknownCourse) : Outcome(enrolled);
    }

    private static EnrolmentOutcome Outcome(Enrolling.Enrolled enrolled) => new(
        enrolled.Enrolment.Id, enrolled.Enrolment.PathInstanceId, enrolled.Enrolment.Status, enrolled.Created, EnrolmentRefusal.None);
}

/// <summary>What Assessments reads of an enrolment (it builds on Courses only; Enrolments reacts to its passes).</summary>
internal sealed class AssessedEnrolments(LearningDbContext db, IEnumerable<IEnrolmentPaths> paths) : IAssessedEnrolments
{
    public async Task<AssessedEnrolment?> Find(Guid enrolmentId, Guid employeeId, CancellationToken ct)
    {
        var e = await db.Set<Enrolment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == enrolmentId && x.EmployeeId == employeeId, ct);
        return e is null ? null : new AssessedEnrolment(e.Id, e.EmployeeId, e.CourseSlug, e.AssessmentPassedAt != null);
    }

    // Without the Paths module nothing is held.
    public async Task<string?> Hold(Guid enrolmentId, CancellationToken ct) =>
        paths.FirstOrDefault() is { } engine ? await engine.Hold(enrolmentId, assessment: true, ct) : null;
}

/// <summary>
/// A running path's further course (blended training): enrolled when the path's step reaches it, in the path's unit of work.
/// A redelivered or racing step meets the enrolment already there, or the unique index on active enrolments (a lost race the
/// request runs again).
/// </summary>
internal sealed class PathCourseEnrolments(LearningDbContext db, ICourseCatalog catalog, TimeProvider clock) : IPathCourseEnrolments
{
    public async Task<PathCourseEnrolment?> Enrol(Guid firstEnrolmentId, string courseSlug, Guid pathInstanceId, CancellationToken ct)
    {
        var first = db.Tracked<Enrolment>().FirstOrDefault(e => e.Id == firstEnrolmentId)
            ?? await db.Set<Enrolment>().FirstOrDefaultAsync(e => e.Id == firstEnrolmentId, ct);
        var outline = await catalog.Find(courseSlug, ct);
        if (first is null || outline is null || outline.Course.Status != CourseStatus.Published) return null;

        var active = db.Tracked<Enrolment>().FirstOrDefault(e =>
                e.EmployeeId == first.EmployeeId && e.CourseSlug == courseSlug && e.Status == EnrolmentStatuses.InProgress)
            ?? await db.Set<Enrolment>().Include(e => e.Lessons)
                .FirstOrDefaultAsync(e => e.EmployeeId == first.EmployeeId && e.CourseSlug == courseSlug && e.Status == EnrolmentStatuses.InProgress, ct);
        if (active is not null)
        {
            var done = active.Lessons.Select(l => l.LessonKey).ToList();
            if (active.PathInstanceId == pathInstanceId || active.PathKey is not null)
                return new PathCourseEnrolment(active.Id, false, null, done);
            // Started on its own (the course's default path) before the path came to it: it goes on within the path.
            var left = active.PathInstanceId;
            active.JoinPath(first.PathKey, pathInstanceId);
            return new PathCourseEnrolment(active.Id, false, left, done);
        }
        var enrolment = Enrolment.Start(first.EmployeeId, outline.Course, first.Source, first.DueOn, clock.GetUtcNow().UtcDateTime, first.PathKey,
            pathInstanceId: pathInstanceId);
        db.Add(enrolment);
        return new PathCourseEnrolment(enrolment.Id, true, null, []);
    }
}
