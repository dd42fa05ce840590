using System.Collections.Immutable;

namespace Learning.Courses.Contracts;

public enum CourseStatus { Draft, Published, Archived }

/// <summary>What the new expiry of a renewed certificate is counted from.</summary>
public enum RenewFrom { Completion, PreviousExpiry, FixedDate }

/// <summary>The words used in content files and the API for statuses and rules.</summary>
public static class CourseWords
{
    public static readonly ImmutableArray<string> Statuses = ["draft", "published", "archived"];
    public static readonly ImmutableArray<string> RenewFromNames = ["completion", "previous-expiry", "fixed-date"];

    public static string Name(this CourseStatus status) => Statuses[(int)status];
    public static string Name(this RenewFrom renewFrom) => RenewFromNames[(int)renewFrom];
}

public sealed record CompetencyAward(string Code, int Level);

/// <param name="FixedDate">Month and day, "MM-DD", when <see cref="RenewFrom"/> is FixedDate.</param>
public sealed record RecertificationRule(int WindowDays, RenewFrom RenewFrom, string? FixedDate);

public sealed record CertificateRule(int? ValidityMonths, RecertificationRule? Recertification);

public sealed record CourseSummary(
    Guid Id, string Slug, string Title, string Summary, string Language, decimal Jp, int Minutes,
    CourseStatus Status, int Version, IReadOnlyList<CompetencyAward> Competencies);

public sealed record LessonOutline(string Key, string Title, int Minutes);

public sealed record ModuleOutline(string Title, IReadOnlyList<LessonOutline> Lessons);

/// <param name="TestOut">The course lets the assessment be taken before the lessons; passing it completes the course.</param>
public sealed record AssessmentOutline(int QuestionCount, int PassMark, int? MaxAttempts, int? TimeLimitMinutes, bool TestOut = false);

/// <summary>A course as a learner sees its table of contents: nothing here reveals questions or answers.</summary>
public sealed record CourseOutline(
    CourseSummary Course, CertificateRule Certificate, IReadOnlyList<ModuleOutline> Modules, AssessmentOutline? Assessment);

public sealed record LessonContent(string CourseSlug, string Key, string Title, int Minutes, string Markdown, string Html);

/// <summary>A course's title and its lesson keys in order: enough to show progress in a list of enrolments.</summary>
public sealed record CourseLessons(string Slug, string Title, IReadOnlyList<string> LessonKeys);

/// <summary>The course catalogue other modules read (Learning, Paths, Certification).</summary>
public interface ICourseCatalog
{
    /// <summary>Published courses, by title.</summary>
    Task<IReadOnlyList<CourseSummary>> Published(CancellationToken ct = default);

    /// <summary>Every course whatever its status, by title (for coordinators).</summary>
    Task<IReadOnlyList<CourseSummary>> All(CancellationToken ct = default);

    /// <summary>Any status: the caller decides who may see drafts.</summary>
    Task<CourseOutline?> Find(string slug, CancellationToken ct = default);

    /// <summary>Title and lesson keys of each course named (any status), in a fixed number of queries whatever their number.</summary>
    Task<IReadOnlyDictionary<string, CourseLessons>> Lessons(IReadOnlyCollection<string> slugs, CancellationToken ct = default);

    /// <summary>A lesson with its Markdown rendered to safe HTML.</summary>
    Task<LessonContent?> Lesson(string slug, string key, CancellationToken ct = default);
}

/// <summary>
/// The one Markdown pipeline, for learners and for the authoring preview: CommonMark, tables, task lists,
/// heading anchors; raw HTML is never rendered; links keep only http, https, mailto and relative targets;
/// relative media paths become <c>/media/{blobName}</c>.
/// </summary>
public interface ILessonRenderer
{
    Task<string> ToHtml(string markdown, CancellationToken ct = default);
}
