using Learning.Kernel;

namespace Learning.Assignments;

/// <summary>The status words of an assigned person's item in the API (the UI translates them).</summary>
public static class AssignmentStatuses
{
    public const string Assigned = "assigned";
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    public const string Overdue = "overdue";

    public static readonly IReadOnlyList<string> All = [Assigned, InProgress, Completed, Overdue];
}

/// <summary>Who an assignment was given to: chosen people, a unit (and the units below it) or a position.</summary>
public enum AssignmentTarget { People, Unit, Position }

/// <summary>A supervisor's or coordinator's decision: this course (or path) is mandatory for these people by this date.</summary>
public sealed class Assignment
{
    public Guid Id { get; private set; } = Ids.New();
    public string? CourseSlug { get; private set; }
    public string? PathKey { get; private set; }
    public AssignmentTarget Target { get; private set; }
    /// <summary>The unit or position code, or null for chosen people.</summary>
    public string? TargetCode { get; private set; }
    public DateOnly DueOn { get; private set; }
    public string? Note { get; private set; }
    public Guid? AssignedByEmployeeId { get; private set; }
    public Guid AssignedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public List<AssignmentItem> Items { get; private set; } = [];

    private Assignment() { }

    public Assignment(string? courseSlug, string? pathKey, AssignmentTarget target, string? targetCode, DateOnly dueOn, string? note,
        Guid? assignedByEmployeeId, Guid assignedByUserId, DateTime at)
    {
        CourseSlug = courseSlug; PathKey = pathKey; Target = target; TargetCode = targetCode; DueOn = dueOn; Note = note;
        AssignedByEmployeeId = assignedByEmployeeId; AssignedByUserId = assignedByUserId; CreatedAt = at;
    }

    public AssignmentItem Add(Guid employeeId, Guid? enrolmentId, Guid? pathInstanceId, bool started, bool completed, DateTime at)
    {
        var item = new AssignmentItem(this, employeeId, enrolmentId, pathInstanceId, started, completed, at);
        Items.Add(item);
        return item;
    }
}

/// <summary>One person's part of an assignment: their enrolment, due date and status.</summary>
public sealed class AssignmentItem
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid AssignmentId { get; private set; }
    public Guid EmployeeId { get; private set; }
    public string? CourseSlug { get; private set; }
    public string? PathKey { get; private set; }
    public Guid? EnrolmentId { get; private set; }
    public Guid? PathInstanceId { get; private set; }
    public DateOnly DueOn { get; private set; }
    public string Status { get; private set; } = AssignmentStatuses.Assigned;
    /// <summary>A lesson was done: back from overdue after an extension, the item is in progress, not merely assigned.</summary>
    public bool Started { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    /// <summary>The day (city time) the item became overdue; the supervisors' digest of that day lists it.</summary>
    public DateOnly? OverdueOn { get; private set; }
    /// <summary>The day the supervisor's digest carried this overdue item, so each is escalated once.</summary>
    public DateOnly? EscalatedOn { get; private set; }
    public Assignment Assignment { get; private set; } = null!;
    /// <summary>Concurrency token: an extension, a new assignment and the learner's progress at one moment never overwrite each other.</summary>
    public int Revision { get; private set; }

    private AssignmentItem() { }

    internal AssignmentItem(Assignment assignment, Guid employeeId, Guid? enrolmentId, Guid? pathInstanceId, bool started, bool completed, DateTime at)
    {
        Assignment = assignment; AssignmentId = assignment.Id; EmployeeId = employeeId;
        CourseSlug = assignment.CourseSlug; PathKey = assignment.PathKey; DueOn = assignment.DueOn;
        EnrolmentId = enrolmentId; PathInstanceId = pathInstanceId; Started = started;
        Status = started ? AssignmentStatuses.InProgress : AssignmentStatuses.Assigned;
        if (completed) Complete(at);
    }

    public bool IsOpen => Status != AssignmentStatuses.Completed;

    public void Start()
    {
        if (!Started || Status == AssignmentStatuses.Assigned) Revision++;
        Started = true;
        if (Status == AssignmentStatuses.Assigned) Status = AssignmentStatuses.InProgress;
    }

    public void Complete(DateTime at)
    {
        if (!IsOpen) return;
        Status = AssignmentStatuses.Completed;
        CompletedAt = at;
        Revision++;
    }

    /// <summary>
    /// Assigned again while still open: the earlier of the two due dates stands (as on the enrolment) — unless the later one
    /// was granted as an extension, which a new assignment does not silently undo. False when the item's date held.
    /// </summary>
    public bool Reassign(DateOnly dueOn, bool extended)
    {
        if (!IsOpen || dueOn >= DueOn) return true;
        if (extended) return false;
        DueOn = dueOn;
        Revision++;
        return true;
    }

    /// <summary>Past its due date and not done; false when nothing changed (idempotent per item).</summary>
    public bool MarkOverdue(DateOnly today)
    {
        if (!IsOpen || Status == AssignmentStatuses.Overdue || today <= DueOn) return false;
        Status = AssignmentStatuses.Overdue;
        OverdueOn = today;
        Revision++;
        return true;
    }

    /// <summary>The supervisor's digest of the day named it (the reminders job marks many at once; synthetic history one).</summary>
    internal void Escalate(DateOnly on) => EscalatedOn ??= on;

    /// <summary>A granted extension: a new due date, and an overdue item is on time again.</summary>
    public void Extend(DateOnly dueOn, DateOnly today)
    {
        DueOn = dueOn;
        Revision++;
        if (Status == AssignmentStatuses.Overdue && dueOn >= today)
        {
            Status = Started ? AssignmentStatuses.InProgress : AssignmentStatuses.Assigned;
            OverdueOn = null;
            EscalatedOn = null;
        }
    }
}

public static class ExtensionStatuses
{
    public const string Pending = "pending";
    public const string Granted = "granted";
    public const string Refused = "refused";
}

/// <summary>A learner asks for more time on an item, with a reason; the supervisor grants a new date or refuses.</summary>
public sealed class ExtensionRequest
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid ItemId { get; private set; }
    public Guid EmployeeId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateOnly? WantedDueOn { get; private set; }
    public string Status { get; private set; } = ExtensionStatuses.Pending;
    public DateTime RequestedAt { get; private set; }
    public DateOnly? GrantedDueOn { get; private set; }
    public string? Answer { get; private set; }
    public Guid? DecidedByUserId { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    private ExtensionRequest() { }

    public ExtensionRequest(Guid itemId, Guid employeeId, string reason, DateOnly? wantedDueOn, DateTime at)
    {
        ItemId = itemId; EmployeeId = employeeId; Reason = reason; WantedDueOn = wantedDueOn; RequestedAt = at;
    }

    public bool IsPending => Status == ExtensionStatuses.Pending;

    public void Grant(DateOnly dueOn, string? answer, Guid by, DateTime at)
    {
        Status = ExtensionStatuses.Granted; GrantedDueOn = dueOn; Answer = answer; DecidedByUserId = by; DecidedAt = at;
    }

    public void Refuse(string? answer, Guid by, DateTime at)
    {
        Status = ExtensionStatuses.Refused; Answer = answer; DecidedByUserId = by; DecidedAt = at;
    }
}
