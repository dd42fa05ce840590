using Learning.Courses.Contracts;

namespace Learning.Paths.Definitions;

/// <summary>
/// The names of the built-in step kinds (DESIGN.md, "The path engine"), for code that asks what a step is. Which kinds a path
/// may use is what PathsModule registers (Steps/, one class each).
/// </summary>
public static class StepKinds
{
    public const string RequestApproval = "request-approval";
    public const string CompleteCourse = "complete-course";
    public const string PassAssessment = "pass-assessment";
    public const string IssueCertificate = "issue-certificate";
    public const string Reassess = "reassess";
    public const string Notify = "notify";
    public const string AttendClass = "attend-class";
}

/// <summary>Who decides an approval, who a notice goes to, what a time-out does.</summary>
public static class StepWords
{
    public const string Supervisor = "supervisor";
    public const string Coordinator = "coordinator";
    public const string Learner = "learner";
    public const string Escalate = "escalate";
    public const string Approve = "approve";
    public const string Reject = "reject";

    public static readonly IReadOnlyList<string> Approvers = [Supervisor, Coordinator];
    public static readonly IReadOnlyList<string> Recipients = [Learner, Supervisor, Coordinator];
    public static readonly IReadOnlyList<string> OnTimeout = [Escalate, Approve, Reject];
}

/// <summary>
/// One step as written in the YAML; only the fields of its kind are set. <see cref="Next"/> is where it goes when done
/// (the following step unless written), <see cref="OnReject"/> where a rejected approval goes (the path ends when absent).
/// </summary>
public sealed record PathStep(string Id, string Kind, int Line)
{
    public string? Next { get; init; }
    public string? OnReject { get; init; }
    public string? Title { get; init; }

    public string? Approver { get; init; }
    public TimeSpan? Timeout { get; init; }
    public string? OnTimeout { get; init; }

    /// <summary>complete-course: every course to finish; the other course steps: their one course.</summary>
    public IReadOnlyList<string> Courses { get; init; } = [];
    public string? Course => Courses.Count > 0 ? Courses[0] : null;

    public int? MinScore { get; init; }
    public int? MaxAttempts { get; init; }
    public TimeSpan? Cooldown { get; init; }

    public int? ValidityMonths { get; init; }
    public decimal? Jp { get; init; }
    public IReadOnlyList<CompetencyAward>? Competencies { get; init; }

    public int? EveryMonths { get; init; }
    public int? WindowDays { get; init; }

    /// <summary>attend-class: the class attended.</summary>
    public Guid? ClassId { get; init; }

    public string? To { get; init; }
    public string? Message { get; init; }
}

/// <summary>A parsed, valid path definition: steps run in order unless a step says <c>next</c>.</summary>
public sealed record PathDefinition(string Key, string Title, int Version, IReadOnlyList<PathStep> Steps)
{
    public PathStep First => Steps[0];

    public PathStep? Step(string? id) => Steps.FirstOrDefault(s => s.Id == id);

    /// <summary>Where a finished step goes: its <c>next</c>, else the following step; null ends the path.</summary>
    public string? NextOf(PathStep step)
    {
        if (step.Next is not null) return step.Next;
        if (step.Kind == StepKinds.Reassess) return null;
        var index = Steps.ToList().IndexOf(step);
        return index + 1 < Steps.Count ? Steps[index + 1].Id : null;
    }

    /// <summary>The course a step is about: its own, else the path's first.</summary>
    public string CourseOf(PathStep step) => step.Course ?? (Courses.Count > 0 ? Courses[0] : "");

    /// <summary>Every course the path names, the first one first (it is the course an enrolment on the path is on).</summary>
    public IReadOnlyList<string> Courses => Steps.SelectMany(s => s.Courses).Distinct(StringComparer.Ordinal).ToList();
}
