using Learning.CareerRecords.Competencies;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;

namespace Learning.Modules.Tests.CareerRecords;

public sealed class CompetencyProfileTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly Dictionary<string, int> NoneAgreed = [];

    private static CertifiedLevel Cert(string code, int level, CompetencyRecordStatus status = CompetencyRecordStatus.Active,
        DateOnly? validUntil = null, string number = "DISDUKCAPIL/2026/000001") => new(code, level, status, validUntil, number);

    [Fact]
    public void Should_take_the_certificate_level_with_its_evidence_and_validity()
    {
        var standing = Assert.Single(CompetencyProfile.Of([Cert("spbe", 2, validUntil: Today.AddYears(1))], NoneAgreed, Today));
        Assert.Equal(("spbe", 2, "active", "certificate", "DISDUKCAPIL/2026/000001"), (standing.Code, standing.Level, standing.Status, standing.Source, standing.CertificateNumber));
        Assert.Equal(Today.AddYears(1), standing.ValidUntil);
    }

    [Fact]
    public void Should_take_the_agreed_level_when_no_certificate_proves_more()
    {
        var standing = Assert.Single(CompetencyProfile.Of([Cert("komunikasi", 2)], new Dictionary<string, int> { ["komunikasi"] = 3 }, Today));
        Assert.Equal((3, "active", "assessment"), (standing.Level, standing.Status, standing.Source));
        Assert.Null(standing.CertificateNumber);
    }

    [Fact]
    public void Should_take_a_higher_level_proven_by_a_valid_certificate_over_the_agreed_one()
    {
        var standing = Assert.Single(CompetencyProfile.Of([Cert("komunikasi", 3, CompetencyRecordStatus.ReassessmentDue, Today.AddDays(20))],
            new Dictionary<string, int> { ["komunikasi"] = 2 }, Today));
        Assert.Equal((3, "reassessment-due", "certificate"), (standing.Level, standing.Status, standing.Source));
    }

    [Fact]
    public void Should_no_longer_count_a_lapsed_certificate()
    {
        var standing = Assert.Single(CompetencyProfile.Of([Cert("spbe", 3, CompetencyRecordStatus.Lapsed, Today.AddDays(-1))], NoneAgreed, Today));
        Assert.Equal((3, "lapsed"), (standing.Level, standing.Status));
        Assert.False(standing.Counts);
        Assert.Empty(CompetencyProfile.CurrentLevels([standing]));

        // The agreed level stands once the certificate that proved more has lapsed.
        var withAgreed = Assert.Single(CompetencyProfile.Of([Cert("spbe", 3, CompetencyRecordStatus.Lapsed)], new Dictionary<string, int> { ["spbe"] = 1 }, Today));
        Assert.Equal((1, "active", "assessment"), (withAgreed.Level, withAgreed.Status, withAgreed.Source));
    }

    [Fact]
    public void Should_not_count_a_certificate_past_its_validity_even_before_the_sweep_marks_it()
    {
        var standings = CompetencyProfile.Of([Cert("spbe", 3, validUntil: Today.AddDays(-1)), Cert("spbe", 2, validUntil: Today, number: "B")], NoneAgreed, Today);
        var standing = Assert.Single(standings);
        Assert.Equal((2, "active", "B"), (standing.Level, standing.Status, standing.CertificateNumber));
    }

    private static CourseSummary Course(string slug, params CompetencyAward[] awards) =>
        new(Guid.NewGuid(), slug, slug, "", "id", 2, 90, CourseStatus.Published, 1, awards);

    [Fact]
    public void Should_list_gaps_with_the_courses_that_award_the_required_level_or_higher()
    {
        RequiredCompetency[] standard = [new("spbe", 2), new("komunikasi", 3), new("integritas", 2), new("literasi-data", 1)];
        var current = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["spbe"] = 2, ["komunikasi"] = 2 };
        var names = new Dictionary<string, string> { ["komunikasi"] = "Komunikasi", ["integritas"] = "Integritas" };
        var courses = new[]
        {
            Course("pengaduan", new CompetencyAward("komunikasi", 2)),
            Course("komunikasi-lanjut", new CompetencyAward("komunikasi", 3)),
            Course("pdp", new CompetencyAward("integritas", 2)),
            Course("etika", new CompetencyAward("integritas", 4)),
        };

        var gaps = CompetencyProfile.Gaps(standard, current, names, courses);

        Assert.Equal(["komunikasi", "integritas", "literasi-data"], gaps.Select(g => g.Code));
        var komunikasi = gaps[0];
        Assert.Equal(("Komunikasi", 3, (int?)2), (komunikasi.Name, komunikasi.RequiredLevel, komunikasi.CurrentLevel));
        Assert.Equal(["komunikasi-lanjut"], komunikasi.CourseSlugs); // level 2 would not close a level-3 gap
        Assert.Null(gaps[1].CurrentLevel);
        Assert.Equal(["pdp", "etika"], gaps[1].CourseSlugs);
        Assert.Empty(gaps[2].CourseSlugs);
        Assert.Equal("literasi-data", gaps[2].Name); // unnamed codes show as themselves
    }

    [Fact]
    public void Should_have_no_gap_when_the_current_level_meets_or_exceeds_the_standard() =>
        Assert.Empty(CompetencyProfile.Gaps([new("spbe", 2)], new Dictionary<string, int> { ["spbe"] = 4 }, new Dictionary<string, string>(), []));
}
