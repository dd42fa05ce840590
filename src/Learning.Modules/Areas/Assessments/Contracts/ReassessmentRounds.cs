namespace Learning.Assessments.Contracts;

/// <summary>
/// Implemented by the path engine (which builds on Assessments): a reassessment opened on an enrolment's path gives the learner
/// a round of fresh attempts at the course's assessment, numbered from 1. Resolved as optional.
/// </summary>
public interface IReassessmentRounds
{
    /// <summary>The round open on the enrolment now, or null when no reassessment is open.</summary>
    Task<int?> OpenRound(Guid enrolmentId, CancellationToken ct = default);
}
