using Learning.Assessments.Contracts;
using Learning.Assessments.Domain;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Assessments;

/// <summary>A question as the learner sees it in this attempt: options in the drawn order, never the answer.</summary>
public sealed record ShownQuestion(string Id, QuestionType Type, string Text, IReadOnlyList<(int Id, string Text)> Options);

public enum StartOutcome { Started, Resumed, NotFound, NoAssessment, AlreadyPassed, NoAttemptsLeft }

public enum SubmitOutcome { Graded, NotFound, AlreadySubmitted, TimeUp }

/// <summary>Starting, showing and grading attempts, shared by the API and the pages; always scoped to the person asking.</summary>
public sealed class Attempts(
    LearningDbContext db, IAssessmentBank bank, IAssessedEnrolments enrolments, IEnumerable<IReassessmentRounds> rounds, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Null when the person may sit the assessment of their enrolment now (or it is not theirs: Start answers that);
    /// otherwise why not, e.g. their path waits for the supervisor's approval.
    /// </summary>
    public async Task<string?> Hold(Guid enrolmentId, Guid employeeId, CancellationToken ct)
    {
        if (await enrolments.Find(enrolmentId, employeeId, ct) is null) return null;
        return await enrolments.Hold(enrolmentId, ct);
    }

    /// <summary>The reassessment round open on the enrolment, or 0 for the course's own attempts.</summary>
    public async Task<int> Round(Guid enrolmentId, CancellationToken ct) =>
        rounds.FirstOrDefault() is { } open ? await open.OpenRound(enrolmentId, ct) ?? 0 : 0;

    public async Task<(StartOutcome Outcome, Attempt? Attempt)> Start(Guid enrolmentId, Guid employeeId, CancellationToken ct)
    {
        // Taps on "start" that race each other: the unique indexes keep one attempt, and the others try again and resume it.
        for (var tries = 1; ; tries++)
        {
            try { return await TryStart(enrolmentId, employeeId, ct); }
            catch (DbUpdateException) when (tries < 5)
            {
                db.ChangeTracker.Clear();
                await Task.Delay(20 * tries, ct);
            }
        }
    }

    private async Task<(StartOutcome Outcome, Attempt? Attempt)> TryStart(Guid enrolmentId, Guid employeeId, CancellationToken ct)
    {
        var enrolment = await enrolments.Find(enrolmentId, employeeId, ct);
        if (enrolment is null) return (StartOutcome.NotFound, null);
        var paper = await bank.Paper(enrolment.CourseSlug, ct);
        if (paper is null) return (StartOutcome.NoAssessment, null);
        // A reassessment round opened by the path gives fresh attempts; without one, a passed course is done.
        var round = await Round(enrolmentId, ct);
        if (round == 0 && enrolment.AssessmentPassed) return (StartOutcome.AlreadyPassed, null);
        if (round > 0 && await db.Set<Attempt>().AnyAsync(a => a.EnrolmentId == enrolmentId && a.Round == round && a.Passed == true, ct))
            return (StartOutcome.AlreadyPassed, null);

        var open = await OpenAttempt(enrolmentId, ct);
        if (open is not null) return (StartOutcome.Resumed, open);

        var all = await db.Set<Attempt>().CountAsync(a => a.EnrolmentId == enrolmentId, ct);
        var used = await db.Set<Attempt>().CountAsync(a => a.EnrolmentId == enrolmentId && a.Round == round, ct);
        if (paper.MaxAttempts is { } max && used >= max)
            // The last attempt may have just been opened by a racing tap: resume it rather than refuse.
            return await OpenAttempt(enrolmentId, ct) is { } racing ? (StartOutcome.Resumed, racing) : (StartOutcome.NoAttemptsLeft, null);

        var attempt = Attempt.Start(enrolmentId, employeeId, enrolment.CourseSlug, paper.CourseVersion, all + 1, paper.PassMark,
            paper.MaxAttempts, paper.TimeLimitMinutes, Drawing.Draw(paper, Random.Shared), Now, round, used + 1);
        db.Add(attempt);
        await db.SaveChangesAsync(ct);
        return (StartOutcome.Started, attempt);
    }

    /// <summary>The open attempt of the enrolment; one whose time is up is closed on the way.</summary>
    private async Task<Attempt?> OpenAttempt(Guid enrolmentId, CancellationToken ct)
    {
        var open = await db.Set<Attempt>().FirstOrDefaultAsync(a => a.EnrolmentId == enrolmentId && a.Status == AttemptStatuses.Open, ct);
        if (open is null || !open.IsPastDeadline(Now)) return open;
        open.Expire(Now);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { db.ChangeTracker.Clear(); }
        return null;
    }

    public Task<Attempt?> Find(Guid attemptId, Guid employeeId, CancellationToken ct) =>
        db.Set<Attempt>().FirstOrDefaultAsync(a => a.Id == attemptId && a.EmployeeId == employeeId, ct);

    public Task<List<Attempt>> OfEnrolment(Guid enrolmentId, Guid employeeId, CancellationToken ct) =>
        db.Set<Attempt>().AsNoTracking().Where(a => a.EnrolmentId == enrolmentId && a.EmployeeId == employeeId)
            .OrderBy(a => a.Number).ToListAsync(ct);

    public async Task<IReadOnlyList<ShownQuestion>> Questions(Attempt attempt, CancellationToken ct)
    {
        var paper = await bank.Paper(attempt.CourseSlug, ct);
        var byId = paper?.Questions.ToDictionary(q => q.Id) ?? [];
        return attempt.Drawn.Where(d => byId.ContainsKey(d.Id)).Select(d =>
        {
            var q = byId[d.Id];
            return new ShownQuestion(q.Id, q.Type, q.Text, d.Options.Where(i => i < q.Options.Count).Select(i => (i, q.Options[i])).ToList());
        }).ToList();
    }

    /// <summary>
    /// Grades once: of simultaneous submits the first write wins and the rest are told it is already graded. A submit that lost
    /// a race on the enrolment instead (its last lesson completed at this moment) is graded again on fresh data, so the
    /// enrolment's completion is decided on both facts.
    /// </summary>
    public Task<(SubmitOutcome Outcome, Attempt? Attempt)> Submit(Guid attemptId, Guid employeeId,
        IReadOnlyDictionary<string, GivenAnswer> answers, CancellationToken ct) =>
        db.Retrying(c => TrySubmit(attemptId, employeeId, answers, c), ct);

    private async Task<(SubmitOutcome Outcome, Attempt? Attempt)> TrySubmit(Guid attemptId, Guid employeeId,
        IReadOnlyDictionary<string, GivenAnswer> answers, CancellationToken ct)
    {
        var attempt = await Find(attemptId, employeeId, ct);
        if (attempt is null) return (SubmitOutcome.NotFound, null);
        if (!attempt.IsOpen) return (SubmitOutcome.AlreadySubmitted, attempt);
        if (attempt.IsPastDeadline(Now))
        {
            attempt.Expire(Now);
            await db.SaveChangesAsync(ct);
            return (SubmitOutcome.TimeUp, attempt);
        }
        var key = await bank.AnswerKeyForGrading(attempt.CourseSlug, ct)
            ?? throw new InvalidOperationException($"Course '{attempt.CourseSlug}' has no assessment any more.");
        var grade = Grading.Grade(key with { PassMark = attempt.PassMark }, attempt.Drawn.Select(d => d.Id).ToList(), answers);
        // The pass reaches the enrolment through AssessmentPassed, in this save: a race on the enrolment fails it whole.
        attempt.Submit(grade, Now);
        await db.SaveChangesAsync(ct);
        return (SubmitOutcome.Graded, attempt);
    }
}
