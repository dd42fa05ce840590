namespace Learning.Evaluations.Contracts;

/// <summary>One scale question's figures: how many answered it and the average (1–5); <paramref name="Counts"/> holds how many gave 1, 2, 3, 4 and 5.</summary>
public sealed record ScaleFigure(string QuestionId, string Text, int Answered, decimal? Average, IReadOnlyList<int> Counts);

/// <summary>A free-text answer, without who wrote it: evaluations are anonymous to trainers and coordinators alike.</summary>
public sealed record EvaluationComment(string Question, string Text);

/// <summary>
/// Kirkpatrick level 2: the average pre-test and post-test score (0–100) of the <paramref name="People"/> who have both, and the
/// gain (post − pre). Pre-test: a person's first attempt before the class's first session (on a self-paced course, their first
/// attempt); post-test: their best passing score after it.
/// </summary>
public sealed record LearningGain(int People, decimal? AveragePre, decimal? AveragePost, decimal? Gain);

/// <summary>One class within a trainer's report.</summary>
public sealed record ClassFigure(Guid ClassId, string Title, DateTime? StartsAt, int Participants, int Responses, decimal? TrainerAverage);

/// <summary>
/// The reaction-form report of a class, a trainer (across their classes) or a self-paced course. <paramref name="ResponseRate"/>
/// is responses per participant in percent (participants: a class's registered people; a course's people who completed it).
/// <paramref name="Gain"/> is null when the course has no assessment.
/// </summary>
public sealed record EvaluationReport(
    string Kind, string SubjectId, string Title, int Participants, int Responses, decimal? ResponseRate,
    IReadOnlyList<ScaleFigure> Scales, IReadOnlyList<EvaluationComment> Comments, LearningGain? Gain, IReadOnlyList<ClassFigure> Classes);

/// <summary>A class or a course with a reaction form, for the index of evaluation reports.</summary>
public sealed record EvaluatedSubject(string Kind, string SubjectId, string Title, DateTime? StartsAt, int Responses);

/// <summary>What the reports module reads of evaluations; who may read which report is the caller's to decide.</summary>
public interface IEvaluationReports
{
    /// <summary>Null when there is no such class.</summary>
    Task<EvaluationReport?> ForClass(Guid classId, CancellationToken ct = default);

    /// <summary>Every class the person teaches; null when there is no such person.</summary>
    Task<EvaluationReport?> ForTrainer(Guid employeeId, CancellationToken ct = default);

    /// <summary>Null when there is no such course.</summary>
    Task<EvaluationReport?> ForCourse(string slug, CancellationToken ct = default);

    /// <summary>Classes (all, or those <paramref name="trainerId"/> teaches) and, for all, the courses with answers.</summary>
    Task<IReadOnlyList<EvaluatedSubject>> Subjects(Guid? trainerId, CancellationToken ct = default);

    /// <summary>The report as a CSV file (header lines, then the figures), for a download.</summary>
    string Csv(EvaluationReport report);
}
