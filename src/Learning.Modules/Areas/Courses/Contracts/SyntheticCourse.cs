namespace Learning.Courses.Contracts;

/// <summary>A question of a synthetic course's assessment: its key and how many options it offers.</summary>
public sealed record SyntheticQuestion(string Key, int Options);

/// <summary>A course the synthetic city (<c>generate-data</c>) published, for the parts that enrol, assess and certify.</summary>
public sealed record SyntheticCourse(Guid Id, string Slug, string Title, int Version, decimal Jp, int Minutes,
    IReadOnlyList<string> LessonKeys, IReadOnlyList<SyntheticQuestion> Questions, int PassMark, int? MaxAttempts,
    int? ValidityMonths, int? WindowDays, IReadOnlyList<(string Code, int Level)> Competencies);
