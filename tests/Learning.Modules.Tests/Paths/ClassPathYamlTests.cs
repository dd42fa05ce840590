using Learning.Classes.Contracts;
using Learning.Paths;
using Learning.Paths.Definitions;
using Learning.Paths.Steps;

namespace Learning.Modules.Tests.Paths;

/// <summary>
/// A class's generated path (PathLibrary.ClassYaml): a stand-alone class ends in its own certificate, with no reassessment; a class
/// of a course whose certificate expires is reassessed as that course's default path is.
/// </summary>
public sealed class ClassPathYamlTests(RegisteredSteps registered) : IClassFixture<RegisteredSteps>
{
    private readonly PathSteps _steps = registered.Steps;

    private static ClassRules Rules(string? course, string approval = ClassApprovals.None, bool postTest = false, string? competencies = null) =>
        new(Guid.Parse("0193a000-0000-7000-8000-000000000001"), course, "Pelatihan Standar Pelayanan Publik", 12.5m, competencies, approval,
            1m, postTest, true, new DateTime(2026, 12, 14, 1, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 15, 8, 0, 0, DateTimeKind.Utc));

    private PathDefinition Read(string yaml)
    {
        var stored = StoredPath.PublishedNow("class:0193a000-0000-7000-8000-000000000001", 1, "Kelas", yaml, "", builtin: true, DateTime.UtcNow);
        return PathLibrary.Parse(stored, _steps);
    }

    [Fact]
    public void Should_end_a_stand_alone_class_in_its_certificate_with_its_jp_and_competencies_and_no_reassessment()
    {
        var definition = Read(PathLibrary.ClassYaml(Rules(null, ClassApprovals.Supervisor, competencies: "komunikasi:2, pelayanan-publik:3"), false, 24));
        Assert.Equal([StepKinds.RequestApproval, StepKinds.AttendClass, StepKinds.IssueCertificate], definition.Steps.Select(s => s.Kind));
        var certificate = definition.Steps[^1];
        Assert.Equal(12.5m, certificate.Jp);
        Assert.Equal("", definition.CourseOf(certificate));
        Assert.Equal([("komunikasi", 2), ("pelayanan-publik", 3)], certificate.Competencies!.Select(a => (a.Code, a.Level)));
        Assert.Null(definition.NextOf(certificate));
    }

    [Fact]
    public void Should_reassess_a_class_of_a_course_whose_certificate_expires_as_the_course_path_does()
    {
        var definition = Read(PathLibrary.ClassYaml(Rules("spbe-dasar", postTest: true), true, 36));
        Assert.Equal(["ikuti-kelas", "lulus-post-test", "terbitkan-sertifikat", "asesmen-ulang"], definition.Steps.Select(s => s.Id));
        var reassess = definition.Step("asesmen-ulang")!;
        Assert.Equal((StepKinds.Reassess, "spbe-dasar"), (reassess.Kind, definition.CourseOf(reassess)));
        // The validity is the course's own (null here): the certificate step sets none, so the course's rule decides, as self-paced.
        Assert.Null(definition.Step("terbitkan-sertifikat")!.ValidityMonths);

        // A course whose certificate never expires: nothing to reassess.
        Assert.DoesNotContain(Read(PathLibrary.ClassYaml(Rules("spbe-dasar"), true, null)).Steps, s => s.Kind == StepKinds.Reassess);
    }
}
