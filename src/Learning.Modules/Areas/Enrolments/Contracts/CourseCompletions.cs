namespace Learning.Enrolments.Contracts;

/// <summary>Whether a person has completed a course (an enrolment on it completed): a self-paced course's evaluation opens then.</summary>
public interface ICourseCompletions
{
    Task<bool> HasCompleted(Guid employeeId, string courseSlug, CancellationToken ct = default);

    /// <summary>How many people completed the course (each once, whatever their number of enrolments).</summary>
    Task<int> CompletedPeople(string courseSlug, CancellationToken ct = default);
}
