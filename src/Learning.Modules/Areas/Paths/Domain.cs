using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Enrolments.Contracts;
using Learning.Kernel;

namespace Learning.Paths;

public static class DefinitionStatuses
{
    /// <summary>Being edited by a coordinator: no instance runs on it, so it may change. Its version is given on publishing.</summary>
    public const string Draft = "draft";
    /// <summary>The version new enrolments start on; never edited again.</summary>
    public const string Published = "published";
    /// <summary>An older published version: its instances go on, new ones start on the newer version.</summary>
    public const string Superseded = "superseded";
}

/// <summary>One version of a path as stored: its YAML text (the source of truth), pinned once published.</summary>
public sealed class StoredPath : IContentRecord
{
    /// <summary>Built-in default paths are keyed by their course: "default:&lt;slug&gt;" (a colon no written key may have).</summary>
    public const string DefaultPrefix = "default:";
    /// <summary>A class's generated path is keyed "class:&lt;class id&gt;" (PathLibrary.ClassYaml), built in as the default ones are.</summary>
    public const string ClassPrefix = "class:";

    public Guid Id { get; private set; } = Ids.New();
    public string Key { get; private set; } = "";
    /// <summary>0 while a draft.</summary>
    public int Version { get; private set; }
    public string Title { get; private set; } = "";
    public string Yaml { get; private set; } = "";
    public string Status { get; private set; } = DefinitionStatuses.Draft;
    public bool Builtin { get; private set; }
    /// <summary>The course an enrolment on the path is on (the first it names).</summary>
    public string CourseSlug { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public Guid? UpdatedBy { get; private set; }
    /// <summary>Concurrency token: two coordinators saving or publishing the same draft at once never overwrite each other.</summary>
    public int Revision { get; private set; }

    private StoredPath() { }

    public static StoredPath Draft(string key, string title, string yaml, string courseSlug, Guid? by, DateTime now) => new()
    {
        Key = key, Title = title, Yaml = yaml, CourseSlug = courseSlug, CreatedAt = now, UpdatedAt = now, UpdatedBy = by,
    };

    public static StoredPath PublishedNow(string key, int version, string title, string yaml, string courseSlug, bool builtin, DateTime now) => new()
    {
        Key = key, Version = version, Title = title, Yaml = WithVersion(yaml, version), CourseSlug = courseSlug, Builtin = builtin,
        Status = DefinitionStatuses.Published, CreatedAt = now, PublishedAt = now, UpdatedAt = now,
    };

    public bool IsDraft => Status == DefinitionStatuses.Draft;

    public void Edit(string title, string yaml, string courseSlug, Guid? by, DateTime now)
    {
        if (!IsDraft) throw new InvalidOperationException($"Path {Key} v{Version} is published: it is never edited in place.");
        Title = title; Yaml = yaml; CourseSlug = courseSlug; UpdatedBy = by; UpdatedAt = now;
        Revision++;
    }

    public void Publish(int version, DateTime now)
    {
        if (!IsDraft) throw new InvalidOperationException($"Path {Key} v{Version} is already published.");
        Version = version;
        Yaml = WithVersion(Yaml, version);
        Status = DefinitionStatuses.Published;
        PublishedAt = now;
        UpdatedAt = now;
        Revision++;
    }

    public void Supersede()
    {
        Status = DefinitionStatuses.Superseded;
        Revision++;
    }

    /// <summary>The YAML with its top-level "version:" set to the stored version, so the text and the row agree.</summary>
    public static string WithVersion(string yaml, int version)
    {
        var replaced = VersionLine().Replace(yaml, $"version: {version}", 1);
        return replaced == yaml && !VersionLine().IsMatch(yaml) ? $"version: {version}\n{yaml}" : replaced;
    }

    /// <summary>The text without its version line: what decides whether an import changed the path.</summary>
    public static string Fingerprint(string yaml) =>
        string.Join('\n', VersionLine().Replace(yaml.Replace("\r\n", "\n"), "").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0));

    private static Regex VersionLine() => VersionRegex;
    private static readonly Regex VersionRegex = new(@"^version:[^\n]*", RegexOptions.Multiline | RegexOptions.CultureInvariant);
}

public static class InstanceStatuses
{
    public const string Running = "running";
    public const string Waiting = "waiting";
    public const string Completed = "completed";
    public const string Faulted = "faulted";
    public const string Cancelled = "cancelled";

    public static bool IsActive(string status) => status is Running or Waiting;
}

/// <summary>How an instance ended, beside its status: a rejected approval, an assessment failed too often, a lapsed certificate.</summary>
public static class Outcomes
{
    public const string Rejected = "rejected";
    public const string AttemptsUsedUp = "attempts-used-up";
    public const string Lapsed = "lapsed";
    /// <summary>A default path's enrolment went on within a written path that came to its course (blended training).</summary>
    public const string Joined = "joined-path";
    /// <summary>The class registration the path ran for was cancelled.</summary>
    public const string RegistrationCancelled = "registration-cancelled";
}

/// <summary>What an instance has learnt from the events it received: steps are checked against these facts.</summary>
public sealed class InstanceFacts
{
    public Dictionary<string, List<string>> Lessons { get; set; } = [];
    public Dictionary<string, CourseCompletion> Completed { get; set; } = [];
    public Dictionary<string, decimal> Passed { get; set; } = [];
    public Dictionary<string, int> Failures { get; set; } = [];
    public Dictionary<string, DateTime> LastFailureAt { get; set; } = [];
    /// <summary>Approval step id → approved / rejected.</summary>
    public Dictionary<string, string> Decisions { get; set; } = [];
    /// <summary>Approval step ids already asked for, so an approval is requested once.</summary>
    public List<string> Requested { get; set; } = [];
    /// <summary>Course → certificate issued by the path.</summary>
    public Dictionary<string, Guid> Certificates { get; set; } = [];
    public List<string> Notified { get; set; } = [];
    /// <summary>Who assigned the enrolment (a supervisor or coordinator): an approval that would ask them is already given.</summary>
    public Guid? AssignedBy { get; set; }
    /// <summary>
    /// A class's path: whoever registered the person (ClassRegistrations lets only their supervisor or a coordinator looking after them,
    /// e.g. by an assignment) decided by registering, so its approval is given even when it would ask someone else.
    /// </summary>
    public bool AssignerApproves { get; set; }
    /// <summary>Course → the enrolment the path made (or took over) when a step naming it began; the first enrolment's course is not here.</summary>
    public Dictionary<string, Guid> Enrolments { get; set; } = [];
    /// <summary>attend-class step id → the registration's status it last saw (registered, waitlisted), so a change is written once.</summary>
    public Dictionary<string, string> ClassPlaces { get; set; } = [];
    /// <summary>Classes (ids) whose reaction form the person submitted.</summary>
    public List<string> Evaluated { get; set; } = [];
}

public sealed record CourseCompletion(Guid EnrolmentId, decimal Jp, int Minutes, DateTime StartedAt, DateTime CompletedAt);

/// <summary>One enrolment running through one version of a path. Advances only on events; the revision guards against two at once.</summary>
public sealed class PathInstance : AggregateRoot
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Guid Id { get; private set; }
    public Guid DefinitionId { get; private set; }
    public string PathKey { get; private set; } = "";
    public int Version { get; private set; }
    public Guid EmployeeId { get; private set; }
    public Guid EnrolmentId { get; private set; }
    public string CourseSlug { get; private set; } = "";
    public string Status { get; private set; } = InstanceStatuses.Running;
    public string? CurrentStep { get; private set; }
    public string? Outcome { get; private set; }
    public string? FaultReason { get; private set; }
    public string FactsJson { get; private set; } = "{}";
    /// <summary>The reassessment round open now (0: none yet); Assessments gives each round fresh attempts.</summary>
    public int ReassessmentRound { get; private set; }
    public bool ReassessmentOpen { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }
    /// <summary>Concurrency token: bumped by every change, so of two events at once one retries on the other's result.</summary>
    public int Revision { get; private set; }

    private PathInstance() { }

    public PathInstance(Guid id, StoredPath definition, Guid employeeId, Guid enrolmentId, string courseSlug, string firstStep, DateTime now)
    {
        Id = id; DefinitionId = definition.Id; PathKey = definition.Key; Version = definition.Version;
        EmployeeId = employeeId; EnrolmentId = enrolmentId; CourseSlug = courseSlug; CurrentStep = firstStep;
        StartedAt = now; UpdatedAt = now;
    }

    public InstanceFacts Facts() => JsonSerializer.Deserialize<InstanceFacts>(FactsJson, Json) ?? new InstanceFacts();

    public void Keep(InstanceFacts facts) => FactsJson = JsonSerializer.Serialize(facts, Json);

    public bool IsActive => InstanceStatuses.IsActive(Status);

    public void Touch(DateTime now)
    {
        Revision++;
        UpdatedAt = now;
    }

    public void MoveTo(string step)
    {
        CurrentStep = step;
        Status = InstanceStatuses.Running;
    }

    public void Wait() => Status = InstanceStatuses.Waiting;

    public void Complete(DateTime now, string? outcome = null)
    {
        Status = InstanceStatuses.Completed;
        Outcome = outcome;
        EndedAt = now;
    }

    public void Cancel(string outcome, DateTime now)
    {
        Status = InstanceStatuses.Cancelled;
        Outcome = outcome;
        EndedAt = now;
        // A refusal ends the enrolment's request too, so the learner may ask again (a fresh enrolment and path).
        if (outcome == Outcomes.Rejected) Raise(new EnrolmentPathRejected(EnrolmentId, EmployeeId, Id));
    }

    public void Fault(string reason)
    {
        Status = InstanceStatuses.Faulted;
        FaultReason = reason.Length > 1000 ? reason[..1000] : reason;
    }

    /// <summary>An administrator's retry: the step that threw runs again.</summary>
    public bool Retry()
    {
        if (Status != InstanceStatuses.Faulted) return false;
        Status = InstanceStatuses.Running;
        FaultReason = null;
        return true;
    }

    public void OpenReassessment()
    {
        ReassessmentRound++;
        ReassessmentOpen = true;
    }

    public void CloseReassessment() => ReassessmentOpen = false;
}

/// <summary>
/// A further enrolment of an instance (blended training: the post-course of a path that began on the pre-course), made when
/// the step naming its course began. The key (instance, course) lets a path enrol once per course, whatever is delivered twice.
/// </summary>
public sealed class PathEnrolment
{
    public Guid InstanceId { get; private set; }
    public string CourseSlug { get; private set; } = "";
    public Guid EnrolmentId { get; private set; }
    public string StepId { get; private set; } = "";
    public DateTime At { get; private set; }

    private PathEnrolment() { }

    public PathEnrolment(Guid instanceId, string courseSlug, Guid enrolmentId, string stepId, DateTime at)
    {
        InstanceId = instanceId; CourseSlug = courseSlug; EnrolmentId = enrolmentId; StepId = stepId; At = at;
    }
}

/// <summary>An append-only line of an instance's history: when, what, who, and the detail.</summary>
public sealed class HistoryEntry
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid InstanceId { get; private set; }
    public DateTime At { get; private set; }
    public string Kind { get; private set; } = "";
    public string? Step { get; private set; }
    public string Actor { get; private set; } = "";
    public Guid? ActorId { get; private set; }
    public string Detail { get; private set; } = "";

    private HistoryEntry() { }

    public HistoryEntry(Guid instanceId, DateTime at, string kind, string? step, string actor, Guid? actorId, string detail)
    {
        InstanceId = instanceId; At = at; Kind = kind; Step = step; Actor = actor; ActorId = actorId;
        Detail = detail.Length > 1000 ? detail[..1000] : detail;
    }
}

/// <summary>An event an instance has handled: the same event delivered again changes nothing.</summary>
public sealed class ProcessedEvent
{
    public Guid InstanceId { get; private set; }
    public Guid EventId { get; private set; }
    public DateTime At { get; private set; }

    private ProcessedEvent() { }

    public ProcessedEvent(Guid instanceId, Guid eventId, DateTime at)
    {
        InstanceId = instanceId; EventId = eventId; At = at;
    }
}

public static class ApprovalStatuses
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}

/// <summary>A request-approval step waiting on its approver: the learner's supervisor (by employee) or any coordinator.</summary>
public sealed class Approval
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid InstanceId { get; private set; }
    public string StepId { get; private set; } = "";
    public Guid LearnerId { get; private set; }
    /// <summary>The employee who decides; null when any coordinator does.</summary>
    public Guid? ApproverId { get; private set; }
    public string ApproverRole { get; private set; } = "";
    public string Status { get; private set; } = ApprovalStatuses.Pending;
    public DateTime RequestedAt { get; private set; }
    public DateTime? DueAt { get; private set; }
    public int Escalations { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public string? DecidedByName { get; private set; }
    public string? Reason { get; private set; }
    public int Revision { get; private set; }

    private Approval() { }

    public Approval(Guid instanceId, string stepId, Guid learnerId, Guid? approverId, string approverRole, DateTime now, DateTime? dueAt)
    {
        InstanceId = instanceId; StepId = stepId; LearnerId = learnerId; ApproverId = approverId; ApproverRole = approverRole;
        RequestedAt = now; DueAt = dueAt;
    }

    public bool IsPending => Status == ApprovalStatuses.Pending;

    /// <summary>False when it was already decided: the first decision stands.</summary>
    public bool Decide(bool approve, string? reason, Guid? by, string byName, DateTime now)
    {
        if (!IsPending) return false;
        Status = approve ? ApprovalStatuses.Approved : ApprovalStatuses.Rejected;
        Reason = reason;
        DecidedBy = by;
        DecidedByName = byName;
        DecidedAt = now;
        Revision++;
        return true;
    }

    public void Escalate(Guid? approverId, string role, DateTime? dueAt)
    {
        ApproverId = approverId;
        ApproverRole = role;
        DueAt = dueAt;
        Escalations++;
        Revision++;
    }
}

/// <summary>A due time on a path (an approval's time-out): swept by the path-timers job, each fired once.</summary>
public sealed class PathTimer
{
    public const string ApprovalTimeout = "approval-timeout";

    public Guid Id { get; private set; } = Ids.New();
    public Guid InstanceId { get; private set; }
    public Guid? ApprovalId { get; private set; }
    public string Kind { get; private set; } = "";
    public DateTime DueAt { get; private set; }
    public DateTime? FiredAt { get; private set; }

    private PathTimer() { }

    public PathTimer(Guid instanceId, Guid? approvalId, string kind, DateTime dueAt)
    {
        InstanceId = instanceId; ApprovalId = approvalId; Kind = kind; DueAt = dueAt;
    }

    public void Fire(DateTime at) => FiredAt = at;
}
