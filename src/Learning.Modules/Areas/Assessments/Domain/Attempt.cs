using System.Text.Json;
using Learning.Assessments.Contracts;
using Learning.Kernel;

namespace Learning.Assessments.Domain;

/// <summary>A question as drawn for one attempt: the order its options are shown in (option ids = source indexes).</summary>
public sealed record DrawnQuestion(string Id, IReadOnlyList<int> Options);

public static class AttemptStatuses
{
    public const string Open = "open";
    public const string Submitted = "submitted";
    public const string Expired = "expired";
}

/// <summary>One sitting of a course's assessment: what was drawn, the deadline, and the grade once submitted.</summary>
public sealed class Attempt : AggregateRoot
{
    /// <summary>A slow link may deliver the answers a little after the clock ran out.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public Guid Id { get; private set; } = Ids.New();
    public Guid EnrolmentId { get; private set; }
    public Guid EmployeeId { get; private set; }
    public string CourseSlug { get; private set; } = "";
    public int CourseVersion { get; private set; }
    public int Number { get; private set; }
    /// <summary>0 for the course; 1… for the reassessment rounds its path opens later, each with fresh attempts.</summary>
    public int Round { get; private set; }
    /// <summary>The attempt's number within its round (what max attempts counts).</summary>
    public int NumberInRound { get; private set; }
    public int PassMark { get; private set; }
    public int? MaxAttempts { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime? DeadlineAt { get; private set; }
    public string DrawJson { get; private set; } = "[]";
    public string Status { get; private set; } = AttemptStatuses.Open;
    public DateTime? SubmittedAt { get; private set; }
    public decimal? Score { get; private set; }
    public bool? Passed { get; private set; }
    public string WrongJson { get; private set; } = "[]";
    /// <summary>Concurrency token: of simultaneous submits only the first write wins.</summary>
    public int Revision { get; private set; }

    private Attempt() { }

    public static Attempt Start(Guid enrolmentId, Guid employeeId, string courseSlug, int courseVersion, int number, int passMark,
        int? maxAttempts, int? timeLimitMinutes, IReadOnlyList<DrawnQuestion> drawn, DateTime at, int round = 0, int? numberInRound = null) => new()
    {
        EnrolmentId = enrolmentId, EmployeeId = employeeId, CourseSlug = courseSlug, CourseVersion = courseVersion, Number = number,
        Round = round, NumberInRound = numberInRound ?? number,
        PassMark = passMark, MaxAttempts = maxAttempts, StartedAt = at,
        DeadlineAt = timeLimitMinutes is { } minutes ? at.AddMinutes(minutes) : null,
        DrawJson = JsonSerializer.Serialize(drawn),
    };

    public IReadOnlyList<DrawnQuestion> Drawn => JsonSerializer.Deserialize<List<DrawnQuestion>>(DrawJson) ?? [];

    public IReadOnlyList<string> WrongQuestions => JsonSerializer.Deserialize<List<string>>(WrongJson) ?? [];

    public bool IsOpen => Status == AttemptStatuses.Open;

    public bool IsPastDeadline(DateTime now) => DeadlineAt is { } deadline && now > deadline + Grace;

    public int? AttemptsLeftAfterThis => MaxAttempts is { } max ? Math.Max(0, max - NumberInRound) : null;

    public void Submit(Grade grade, DateTime at)
    {
        if (!IsOpen) throw new InvalidOperationException($"Attempt {Id} is {Status}.");
        Status = AttemptStatuses.Submitted;
        SubmittedAt = at;
        Score = grade.Score;
        Passed = grade.Passed;
        WrongJson = JsonSerializer.Serialize(grade.WrongQuestions);
        Revision++;
        Raise(grade.Passed
            ? new AssessmentPassed(Id, EnrolmentId, EmployeeId, CourseSlug, Number, grade.Score, at, Round)
            : new AssessmentFailed(Id, EnrolmentId, EmployeeId, CourseSlug, Number, grade.Score, AttemptsLeftAfterThis, at, Round));
    }

    /// <summary>Time ran out: the attempt counts as failed with nothing graded.</summary>
    public void Expire(DateTime at)
    {
        if (!IsOpen) return;
        Status = AttemptStatuses.Expired;
        SubmittedAt = at;
        Score = 0;
        Passed = false;
        WrongJson = JsonSerializer.Serialize(Drawn.Select(q => q.Id).ToList());
        Revision++;
        Raise(new AssessmentFailed(Id, EnrolmentId, EmployeeId, CourseSlug, Number, 0, AttemptsLeftAfterThis, at, Round));
    }
}
