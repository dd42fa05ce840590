using Learning.Courses.Contracts;

namespace Learning.Courses.Domain;

/// <summary>A whole course as its files describe it: what import reads, export writes and a course is set to.</summary>
public sealed record CourseDefinition(
    string Slug, string Title, string Summary, string Language, decimal Jp, int Minutes, CourseStatus Status,
    IReadOnlyList<CompetencyAward> Competencies, CertificateRule Certificate,
    IReadOnlyList<ModuleDefinition> Modules, AssessmentDefinition? Assessment)
{
    public IEnumerable<LessonDefinition> Lessons => Modules.SelectMany(m => m.Lessons);

    /// <summary>"test_out: true": the assessment may be taken before the lessons, and passing it completes the course.</summary>
    public bool TestOut { get; init; }
}

public sealed record ModuleDefinition(string Title, IReadOnlyList<LessonDefinition> Lessons);

/// <param name="Key">The file name without ".md": stable across versions, so learners' progress survives.</param>
public sealed record LessonDefinition(string Key, string Title, int Minutes, string Markdown);

public sealed record AssessmentDefinition(int PassMark, int? MaxAttempts, int? TimeLimitMinutes, IReadOnlyList<QuestionDefinition> Questions);

/// <param name="Answer">Indexes of the right options (single: one; multiple: one or more; true-false: none).</param>
/// <param name="TrueFalse">The answer of a true-false question.</param>
public sealed record QuestionDefinition(string Id, QuestionType Type, string Text, IReadOnlyList<string> Options, IReadOnlyList<int> Answer, bool? TrueFalse);
