namespace Learning.Classes.Contracts;

/// <summary>The status words of a registration in the API (the UI translates them as "Classes.Registration.{word}").</summary>
public static class RegistrationStatuses
{
    public const string Registered = "registered";
    public const string Waitlisted = "waitlisted";
    public const string PendingApproval = "pending-approval";
    public const string Cancelled = "cancelled";
    public const string Rejected = "rejected";
    /// <summary>The class's completion rules are met (attendance, post-test, evaluation).</summary>
    public const string Completed = "completed";

    public static readonly IReadOnlyList<string> All = [Registered, Waitlisted, PendingApproval, Cancelled, Rejected, Completed];

    /// <summary>Holds a place or a place in the queue: one such registration per person and class.</summary>
    public static bool IsOpen(string status) => status is Registered or Waitlisted or PendingApproval;
}

/// <summary>Who must agree before a person's registration counts: their supervisor, or nobody.</summary>
public static class ClassApprovals
{
    public const string Supervisor = "supervisor";
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [Supervisor, None];
}

/// <summary>A class's own status: scheduled (open or running), cancelled as a whole.</summary>
public static class ClassStatuses
{
    public const string Scheduled = "scheduled";
    public const string Cancelled = "cancelled";
}

/// <summary>Who may register, beyond everyone: people in a unit (and the units below it) or holding a position.</summary>
public static class AudienceKinds
{
    public const string Unit = "unit";
    public const string Position = "position";
}

/// <summary>How an attendance was recorded: the learner's check-in code, the trainer's roll, or a later correction.</summary>
public static class AttendanceMethods
{
    public const string Code = "code";
    public const string Roll = "roll";
    public const string Correction = "correction";
}
