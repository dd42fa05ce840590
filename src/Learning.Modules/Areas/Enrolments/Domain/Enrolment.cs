using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Kernel;

namespace Learning.Enrolments.Domain;

/// <summary>A person taking a course: lessons done, time spent, the assessment passed, completion.</summary>
public sealed class Enrolment : AggregateRoot
{
    /// <summary>One sitting never counts for more than this: a phone left open overnight is not study time.</summary>
    public const int MaxSecondsPerLesson = 4 * 60 * 60;

    public Guid Id { get; private set; } = Ids.New();
    public Guid EmployeeId { get; private set; }
    public string CourseSlug { get; private set; } = "";
    public int CourseVersion { get; private set; }
    public EnrolmentSource Source { get; private set; }
    public DateOnly? DueOn { get; private set; }
    public string Status { get; private set; } = EnrolmentStatuses.InProgress;
    public DateTime StartedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public string? LastLessonKey { get; private set; }
    public int SecondsSpent { get; private set; }
    public DateTime? AssessmentPassedAt { get; private set; }
    public decimal? Score { get; private set; }
    public List<LessonProgress> Lessons { get; private set; } = [];
    /// <summary>The path it runs on; null for the course's built-in default path.</summary>
    public string? PathKey { get; private set; }
    /// <summary>The path engine's instance that drives it (started from <see cref="EnrolmentStarted"/>).</summary>
    public Guid PathInstanceId { get; private set; }
    /// <summary>
    /// Concurrency token, moved by every change that completion is decided on: of two requests that read the same revision,
    /// the second to save loses and runs again on what the first committed (so the last one sees both facts).
    /// </summary>
    public int Revision { get; private set; }

    private Enrolment() { }

    /// <param name="pathInstanceId">A running path's instance that enrols on a further course of it; none: a new instance starts.</param>
    public static Enrolment Start(Guid employeeId, CourseSummary course, EnrolmentSource source, DateOnly? dueOn, DateTime at, string? pathKey = null,
        Guid? assignedBy = null, Guid? pathInstanceId = null)
    {
        var enrolment = new Enrolment
        {
            EmployeeId = employeeId, CourseSlug = course.Slug, CourseVersion = course.Version,
            Source = source, DueOn = dueOn, StartedAt = at, PathKey = pathKey, PathInstanceId = pathInstanceId ?? Guid.CreateVersion7(),
        };
        enrolment.Raise(new EnrolmentStarted(enrolment.Id, employeeId, course.Slug, source, dueOn, enrolment.PathInstanceId, pathKey, assignedBy));
        return enrolment;
    }

    /// <summary>An enrolment under way was assigned by <paramref name="by"/>: the path engine hears it (a request waiting for them is answered).</summary>
    public void AssignedBy(Guid by) => Raise(new EnrolmentAssigned(Id, EmployeeId, by));

    /// <summary>
    /// An enrolment on the course's default path goes on as part of a running path that reached this course (blended training),
    /// so it shows with that path and one certificate comes of the whole path.
    /// </summary>
    public void JoinPath(string? pathKey, Guid pathInstanceId)
    {
        PathKey = pathKey;
        PathInstanceId = pathInstanceId;
        Revision++;
    }

    /// <summary>Made mandatory by an assignment; false when nothing changed.</summary>
    public bool Assign(DateOnly? dueOn)
    {
        var due = (DueOn, dueOn) switch { ({ } a, { } b) => a < b ? a : b, (var a, var b) => a ?? b };
        if (Source == EnrolmentSource.Assigned && due == DueOn) return false;
        Source = EnrolmentSource.Assigned;
        DueOn = due;
        Revision++;
        return true;
    }

    public bool IsCompleted => Status == EnrolmentStatuses.Completed;

    public bool IsRejected => Status == EnrolmentStatuses.Rejected;

    /// <summary>The request was refused (the path's approval): it no longer counts as in progress; false when it was not in progress.</summary>
    public bool Reject()
    {
        if (Status != EnrolmentStatuses.InProgress) return false;
        Status = EnrolmentStatuses.Rejected;
        Revision++;
        return true;
    }

    /// <summary>Percent of the course's current lessons done (keys are stable across versions).</summary>
    public int ProgressPercent(IReadOnlyCollection<string> currentLessonKeys) => Progress.Percent(Lessons.Select(l => l.LessonKey), currentLessonKeys);

    /// <summary>Marks a lesson done (the first time counts; later visits add time) and completes the enrolment when that was the last step.</summary>
    public void CompleteLesson(string lessonKey, int seconds, DateTime at, CourseOutline course)
    {
        seconds = Math.Clamp(seconds, 0, MaxSecondsPerLesson);
        Revision++;
        SecondsSpent += seconds;
        LastLessonKey = lessonKey;
        var row = Lessons.FirstOrDefault(l => l.LessonKey == lessonKey);
        if (row is not null)
        {
            row.AddSeconds(seconds);
            return;
        }
        Lessons.Add(new LessonProgress(Id, lessonKey, at, seconds));
        Raise(new LessonCompleted(Id, EmployeeId, CourseSlug, lessonKey, at));
        CompleteIfDone(at, course);
    }

    public void MarkAssessmentPassed(decimal score, DateTime at, CourseOutline course)
    {
        Revision++;
        if (AssessmentPassedAt is null || score > Score) Score = score;
        AssessmentPassedAt ??= at;
        CompleteIfDone(at, course);
    }

    private void CompleteIfDone(DateTime at, CourseOutline course)
    {
        if (IsCompleted) return;
        var keys = course.Modules.SelectMany(m => m.Lessons).Select(l => l.Key).ToList();
        // A course that opts into testing out is completed by passing its assessment, lessons or not.
        var testedOut = course.Assessment is { TestOut: true } && AssessmentPassedAt is not null;
        if (ProgressPercent(keys) < 100 && !testedOut) return;
        if (course.Assessment is not null && AssessmentPassedAt is null) return;
        Status = EnrolmentStatuses.Completed;
        CompletedAt = at;
        Raise(new EnrolmentCompleted(Id, EmployeeId, CourseSlug, CourseVersion, course.Course.Jp, course.Course.Minutes, Score, StartedAt, at));
    }
}

public sealed class LessonProgress
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid EnrolmentId { get; private set; }
    public string LessonKey { get; private set; } = "";
    public DateTime CompletedAt { get; private set; }
    public int SecondsSpent { get; private set; }

    private LessonProgress() { }

    public LessonProgress(Guid enrolmentId, string lessonKey, DateTime completedAt, int seconds)
    {
        EnrolmentId = enrolmentId; LessonKey = lessonKey; CompletedAt = completedAt; SecondsSpent = seconds;
    }

    public void AddSeconds(int seconds) => SecondsSpent = Math.Min(int.MaxValue / 2, SecondsSpent + seconds);
}

public static class Progress
{
    /// <summary>Done lessons that the course still has, of all its lessons; 0 for a course without lessons.</summary>
    public static int Percent(IEnumerable<string> done, IReadOnlyCollection<string> current)
    {
        if (current.Count == 0) return 0;
        var doneSet = done.ToHashSet(StringComparer.Ordinal);
        return current.Count(doneSet.Contains) * 100 / current.Count;
    }
}
