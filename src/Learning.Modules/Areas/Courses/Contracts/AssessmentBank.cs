using System.Collections.Immutable;

namespace Learning.Courses.Contracts;

public enum QuestionType { Single, Multiple, TrueFalse }

public static class QuestionTypes
{
    public static readonly ImmutableArray<string> Names = ["single", "multiple", "true-false"];

    public static string Name(this QuestionType type) => Names[(int)type];
}

/// <summary>A question as a learner may see it: the options in source order (option id = index), no answer.</summary>
public sealed record PaperQuestion(string Id, QuestionType Type, string Text, IReadOnlyList<string> Options);

public sealed record AssessmentPaper(
    string CourseSlug, int CourseVersion, int PassMark, int? MaxAttempts, int? TimeLimitMinutes, IReadOnlyList<PaperQuestion> Questions);

/// <summary>
/// SERVER ONLY: the correct answer of one question. <see cref="Options"/> holds the indexes of the right
/// options (single, multiple); <see cref="TrueFalse"/> the answer of a true-false question.
/// </summary>
public sealed record ServerOnlyAnswer(string QuestionId, QuestionType Type, IReadOnlyList<int> Options, bool? TrueFalse);

/// <summary>SERVER ONLY: never serialise this to a client; it is for the grader.</summary>
public sealed record ServerOnlyAnswerKey(string CourseSlug, int CourseVersion, int PassMark, IReadOnlyList<ServerOnlyAnswer> Answers);

/// <summary>The question banks of the courses, for the Assessments module.</summary>
public interface IAssessmentBank
{
    /// <summary>The questions without their answers: safe to show a learner. Null when the course has no assessment.</summary>
    Task<AssessmentPaper?> Paper(string courseSlug, CancellationToken ct = default);

    /// <summary>SERVER ONLY: the answers, for server-side grading. Never return this from an endpoint.</summary>
    Task<ServerOnlyAnswerKey?> AnswerKeyForGrading(string courseSlug, CancellationToken ct = default);
}
