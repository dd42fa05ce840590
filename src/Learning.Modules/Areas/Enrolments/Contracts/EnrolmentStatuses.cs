namespace Learning.Enrolments.Contracts;

/// <summary>The status words of an enrolment in the API.</summary>
public static class EnrolmentStatuses
{
    public const string InProgress = "in-progress";
    public const string Completed = "completed";
    /// <summary>The path's approval was refused: the request ended, and enrolling again starts a fresh one.</summary>
    public const string Rejected = "rejected";
}
