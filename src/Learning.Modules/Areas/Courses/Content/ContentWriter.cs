using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel.Text;

namespace Learning.Courses.Content;

/// <summary>
/// Writes the content format in one canonical layout (the one the shipped content uses): free text double-quoted,
/// lesson lists and multiple answers in flow style. Export writes it, and an import compares it to tell whether a
/// course changed.
/// </summary>
internal static partial class ContentWriter
{
    public static string CourseYml(CourseDefinition course)
    {
        var y = new StringBuilder();
        y.Append("title: ").Append(Quoted(course.Title)).Append('\n');
        if (course.Summary.Length > 0) y.Append("summary: ").Append(Quoted(course.Summary)).Append('\n');
        y.Append("language: ").Append(Word(course.Language)).Append('\n');
        if (course.Status != CourseStatus.Published) y.Append("status: ").Append(course.Status.Name()).Append('\n');
        y.Append("jp: ").Append(course.Jp.ToString("0.##", CultureInfo.InvariantCulture)).Append('\n');
        y.Append("minutes: ").Append(Number(course.Minutes)).Append('\n');
        if (course.TestOut) y.Append("test_out: true\n");
        if (course.Competencies.Count > 0)
        {
            y.Append("competencies:\n");
            foreach (var award in course.Competencies)
                y.Append("  - code: ").Append(Word(award.Code)).Append('\n')
                 .Append("    level: ").Append(Number(award.Level)).Append('\n');
        }
        var certificate = course.Certificate;
        if (certificate.ValidityMonths is not null || certificate.Recertification is not null)
        {
            y.Append("certificate:\n");
            if (certificate.ValidityMonths is { } months) y.Append("  validity_months: ").Append(Number(months)).Append('\n');
            if (certificate.Recertification is { } rule)
            {
                y.Append("  recertification:\n")
                 .Append("    window_days: ").Append(Number(rule.WindowDays)).Append('\n')
                 .Append("    renew_from: ").Append(rule.RenewFrom.Name()).Append('\n');
                if (rule.FixedDate is { } date) y.Append("    fixed_date: ").Append(Quoted(date)).Append('\n');
            }
        }
        y.Append("modules:\n");
        foreach (var module in course.Modules)
            y.Append("  - title: ").Append(Quoted(module.Title)).Append('\n')
             .Append("    lessons: [").AppendJoin(", ", module.Lessons.Select(l => Word(LessonFileName(l.Key)))).Append("]\n");
        return y.ToString();
    }

    public static string LessonFileName(string key) => key + ContentFormat.LessonExtension;

    public static string LessonMd(LessonDefinition lesson) =>
        $"---\ntitle: {Quoted(lesson.Title)}\nminutes: {Number(lesson.Minutes)}\n---\n{lesson.Markdown}";

    public static string AssessmentYml(AssessmentDefinition assessment)
    {
        var y = new StringBuilder();
        y.Append("pass_mark: ").Append(Number(assessment.PassMark)).Append('\n');
        if (assessment.MaxAttempts is { } attempts) y.Append("max_attempts: ").Append(Number(attempts)).Append('\n');
        if (assessment.TimeLimitMinutes is { } limit) y.Append("time_limit_minutes: ").Append(Number(limit)).Append('\n');
        y.Append("questions:\n");
        for (var i = 0; i < assessment.Questions.Count; i++)
        {
            var q = assessment.Questions[i];
            if (i > 0) y.Append('\n');
            y.Append("  - id: ").Append(Word(q.Id)).Append('\n')
             .Append("    type: ").Append(q.Type.Name()).Append('\n')
             .Append("    text: ").Append(Quoted(q.Text)).Append('\n');
            if (q.Type == QuestionType.TrueFalse)
            {
                y.Append("    answer: ").Append(q.TrueFalse == true ? "true" : "false").Append('\n');
                continue;
            }
            y.Append("    options:\n");
            foreach (var option in q.Options) y.Append("      - ").Append(Quoted(option)).Append('\n');
            y.Append("    answer: ");
            if (q.Type == QuestionType.Single) y.Append(Number(q.Answer[0]));
            else y.Append('[').AppendJoin(", ", q.Answer.Select(Number)).Append(']');
            y.Append('\n');
        }
        return y.ToString();
    }

    public static string CompetenciesYml(IReadOnlyList<CompetencyInfo> competencies)
    {
        var y = new StringBuilder();
        for (var i = 0; i < competencies.Count; i++)
        {
            var c = competencies[i];
            if (i > 0) y.Append('\n');
            y.Append("- code: ").Append(Word(c.Code)).Append('\n')
             .Append("  type: ").Append(c.Type.Name()).Append('\n')
             .Append("  name: ").Append(Word(c.Name)).Append('\n')
             .Append("  levels:\n");
            for (var level = 0; level < c.Levels.Count; level++)
                y.Append("    ").Append(Number(level + 1)).Append(": ").Append(Quoted(c.Levels[level])).Append('\n');
        }
        return y.ToString();
    }

    /// <summary>Everything that makes up a course version, as one text: equal texts mean an unchanged course.</summary>
    public static string Fingerprint(CourseDefinition course)
    {
        var all = new StringBuilder(CourseYml(course));
        foreach (var lesson in course.Lessons) all.Append("\n--- ").Append(lesson.Key).Append('\n').Append(LessonMd(lesson));
        if (course.Assessment is { } assessment) all.Append("\n--- assessment\n").Append(AssessmentYml(assessment));
        return all.ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Plain when YAML reads it back as the same text, double-quoted otherwise.</summary>
    private static string Word(string value) =>
        PlainSafe().IsMatch(value) && !ReservedWord().IsMatch(value) ? value : Quoted(value);

    private static string Quoted(string value) => SafeYaml.Quoted(value);

    // A letter or digit first, then letters, digits, spaces and a few marks that mean nothing to YAML in the middle of a line.
    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} ()._,/-]*(?<! )$")]
    private static partial Regex PlainSafe();

    [GeneratedRegex("^(?i:true|false|yes|no|on|off|null|y|n)$")]
    private static partial Regex ReservedWord();
}
