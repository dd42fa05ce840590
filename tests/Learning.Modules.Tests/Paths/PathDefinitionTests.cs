using Learning.Courses.Contracts;
using Learning.Paths;
using Learning.Paths.Definitions;
using Learning.Paths.Steps;

namespace Learning.Modules.Tests.Paths;

/// <summary>Every way a path definition can be wrong is reported with its line and reason; a good one reads back whole.</summary>
public sealed class PathDefinitionTests(RegisteredSteps registered) : IClassFixture<RegisteredSteps>
{
    private readonly PathSteps _steps = registered.Steps;

    internal static readonly ContentCourses Courses = new(new Dictionary<string, bool> { ["spbe-dasar"] = true, ["tanpa-asesmen"] = false });

    /// <summary>Every kind PathsModule registers, each once at least (<see cref="PathStepTests"/> checks that it stays so).</summary>
    internal const string Good = """
        key: contoh
        title: Contoh jalur
        version: 2
        steps:
          - id: setuju
            kind: request-approval
            approver: supervisor
            timeout: P3D
            on-timeout: escalate
            on-reject: kabari-tolak
          - id: belajar
            kind: complete-course
            courses: [spbe-dasar, tanpa-asesmen]
          - id: ujian
            kind: pass-assessment
            course: spbe-dasar
            min_score: 80
            max_attempts: 2
            cooldown: 12h
          - id: sertifikat
            kind: issue-certificate
            course: spbe-dasar
            validity_months: 24
            jp: 4.5
            competencies:
              - code: spbe
                level: 2
          - id: kabari
            kind: notify
            to: learner
            message: Selamat!
            next: ulang
          - id: kabari-tolak
            kind: notify
            to: learner
            message: Maaf, ditolak.
            next: ulang
          - id: ulang
            kind: reassess
            course: spbe-dasar
            every_months: 24
            window_days: 60
        """;

    private IReadOnlyList<(int Line, string Key)> Problems(string yaml, string? expectedKey = null) =>
        PathYaml.Read(_steps, "paths/contoh.yml", yaml, Courses, expectedKey).Problems.Select(p => (p.Line, p.Key)).ToList();

    internal static string Replace(string from, string to)
    {
        Assert.Contains(from, Good);
        return Good.Replace(from, to);
    }

    [Fact]
    public void Should_read_every_step_kind_of_a_good_definition()
    {
        var (definition, problems) = PathYaml.Read(_steps, "paths/contoh.yml", Good, Courses, "contoh");
        Assert.Empty(problems);
        Assert.NotNull(definition);
        Assert.Equal(("contoh", "Contoh jalur", 2), (definition.Key, definition.Title, definition.Version));
        Assert.Equal(_steps.Kinds.Where(k => k != StepKinds.AttendClass).Order(), definition.Steps.Select(s => s.Kind).Distinct().Order());
        var approval = definition.Step("setuju")!;
        Assert.Equal((StepWords.Supervisor, TimeSpan.FromDays(3), StepWords.Escalate, "kabari-tolak"),
            (approval.Approver, approval.Timeout, approval.OnTimeout, approval.OnReject));
        Assert.Equal(["spbe-dasar", "tanpa-asesmen"], definition.Step("belajar")!.Courses);
        var exam = definition.Step("ujian")!;
        Assert.Equal((80, 2, TimeSpan.FromHours(12)), (exam.MinScore, exam.MaxAttempts, exam.Cooldown));
        var certificate = definition.Step("sertifikat")!;
        Assert.Equal((24, 4.5m), (certificate.ValidityMonths, certificate.Jp));
        Assert.Equal([new CompetencyAward("spbe", 2)], certificate.Competencies!);
        Assert.Equal("ulang", definition.NextOf(definition.Step("kabari")!));
        Assert.Null(definition.NextOf(definition.Step("ulang")!));
        Assert.Equal("belajar", definition.NextOf(approval));
    }

    [Fact]
    public void Should_report_an_unknown_step_kind_on_its_line() =>
        Assert.Equal([(12, "UnknownKind")], Problems(Replace("kind: complete-course", "kind: complete-courses")));

    [Fact]
    public void Should_report_an_unknown_course_on_its_line() =>
        Assert.Equal([(16, "UnknownCourse")], Problems(Replace("    course: spbe-dasar\n    min_score", "    course: spbe-lanjut\n    min_score")));

    [Fact]
    public void Should_report_a_missing_approver() =>
        Assert.Equal([(5, "MissingApprover")], Problems(Replace("    approver: supervisor\n", "")));

    [Fact]
    public void Should_report_an_unknown_approver() =>
        Assert.Equal([(7, "UnknownApprover")], Problems(Replace("approver: supervisor", "approver: kepala-dinas")));

    [Fact]
    public void Should_report_a_step_that_can_never_be_reached()
    {
        // Without on-reject nothing leads to kabari-tolak.
        Assert.Equal([(32, "Unreachable")], Problems(Replace("    on-reject: kabari-tolak\n", "")));
    }

    [Fact]
    public void Should_report_duplicate_step_ids() =>
        Assert.Equal([(28, "DuplicateStep")], Problems(Replace("  - id: kabari\n", "  - id: sertifikat\n").Replace("next: ulang\n  - id: kabari-tolak", "next: ulang\n  - id: kabari-tolak")));

    [Fact]
    public void Should_report_missing_fields()
    {
        Assert.Equal([(1, "Required")], Problems(Replace("title: Contoh jalur\n", "")));
        // A missing field is reported on its step's first line.
        Assert.Equal([(28, "Required")], Problems(Replace("    message: Selamat!\n", "")));
        Assert.Equal([(11, "MissingCourse")], Problems(Replace("    courses: [spbe-dasar, tanpa-asesmen]\n", "")));
    }

    [Fact]
    public void Should_report_bad_durations()
    {
        Assert.Equal([(8, "BadDuration")], Problems(Replace("timeout: P3D", "timeout: tiga hari")));
        Assert.Equal([(19, "BadDuration")], Problems(Replace("cooldown: 12h", "cooldown: -1h")));
    }

    [Fact]
    public void Should_report_the_other_mistakes_with_their_lines()
    {
        Assert.Equal([(1, "KeyNotFileName")], Problems(Good, expectedKey: "lain"));
        Assert.Equal([(1, "BadKey")], Problems(Replace("key: contoh", "key: Contoh Jalur")));
        Assert.Equal([(16, "NoAssessment")], Problems(Replace("    course: spbe-dasar\n    min_score", "    course: tanpa-asesmen\n    min_score")));
        Assert.Equal([(28, "UnknownNext")], Problems(Replace("    message: Selamat!\n    next: ulang", "    message: Selamat!\n    next: selesai")));
        Assert.Equal([(10, "UnknownField")], Problems(Replace("on-reject:", "on-rejected:")));
        Assert.Equal([(9, "UnknownOnTimeout")], Problems(Replace("on-timeout: escalate", "on-timeout: ignore")));
        Assert.Equal([(18, "OutOfRange")], Problems(Replace("max_attempts: 2", "max_attempts: 0")));
        Assert.Equal([(1, "YamlSyntax")], Problems("key: [tidak ditutup\n"));
        Assert.Equal([(1, "EmptyFile")], Problems(""));
        Assert.Equal([(4, "StepsNotList")], Problems("key: contoh\ntitle: T\nversion: 1\nsteps: []\n"));
    }

    [Fact]
    public void Should_refuse_a_certificate_for_a_course_the_path_never_completes_and_a_reassess_with_next()
    {
        var noCourse = Replace("    courses: [spbe-dasar, tanpa-asesmen]\n", "    course: tanpa-asesmen\n");
        Assert.Contains((20, "CertificateWithoutCourse"), Problems(noCourse));
        var looping = Replace("    window_days: 60", "    window_days: 60\n    next: setuju");
        Assert.Contains(Problems(looping), p => p.Key == "ReassessIsLast");
    }

    [Fact]
    public void Should_give_the_default_path_of_a_course_its_steps()
    {
        var course = new CourseOutline(
            new CourseSummary(Guid.NewGuid(), "spbe-dasar", "SPBE: \"Dasar\"", "", "id", 2, 90, CourseStatus.Published, 1, []),
            new CertificateRule(36, new RecertificationRule(90, RenewFrom.Completion, null)), [], new AssessmentOutline(10, 70, 3, 20));
        var (definition, problems) = PathYaml.Read(_steps, "default", PathLibrary.DefaultYaml(course), null, null, builtin: true);
        Assert.Empty(problems);
        Assert.Equal(["ikuti-kursus", "lulus-asesmen", "terbitkan-sertifikat", "asesmen-ulang"], definition!.Steps.Select(s => s.Id));
        Assert.Equal(StoredPath.DefaultPrefix + "spbe-dasar", definition.Key);
        var plain = course with { Assessment = null, Certificate = new CertificateRule(null, null) };
        Assert.Equal(["ikuti-kursus", "terbitkan-sertifikat"], PathYaml.Read(_steps, "d", PathLibrary.DefaultYaml(plain), null, null, true).Definition!.Steps.Select(s => s.Id));
    }

    [Fact]
    public void Should_keep_the_stored_version_in_the_text_and_compare_texts_without_it()
    {
        Assert.StartsWith("key: contoh\ntitle: Contoh jalur\nversion: 7\n", StoredPath.WithVersion(Good, 7));
        Assert.Equal(StoredPath.Fingerprint(Good), StoredPath.Fingerprint(StoredPath.WithVersion(Good, 7)));
        Assert.NotEqual(StoredPath.Fingerprint(Good), StoredPath.Fingerprint(Good.Replace("min_score: 80", "min_score: 81")));
    }
}
