using Learning.Certification;
using Learning.Certification.Contracts;
using Learning.Courses.Contracts;

namespace Learning.Modules.Tests.Certification;

/// <summary>valid → reassessment-due → valid again on a pass, or expired when the window closes; each step once.</summary>
public sealed class CertificateLifecycleTests
{
    private static readonly DateOnly IssuedOn = new(2026, 3, 10);
    private static readonly DateOnly ValidUntil = new(2027, 3, 10);

    private static Certificate Issue(int? windowDays = 30)
    {
        var course = new CourseSummary(Guid.NewGuid(), "spbe-dasar", "Dasar SPBE", "", "id", 2, 90, CourseStatus.Published, 1,
            [new CompetencyAward("spbe", 2)]);
        var certificate = Certificate.Issue("BKPSDM/2026/000001", CertificateNumbers.NewCode(), Guid.NewGuid(), Guid.NewGuid(), "Sri", "198203152006042001",
            "BKPSDM", course, course.Competencies, 2, 90, IssuedOn.AddDays(-3), IssuedOn, ValidUntil, windowDays, "https://belajar.example.go.id", DateTime.UtcNow);
        return certificate;
    }

    [Fact]
    public void Should_open_its_window_window_days_before_expiry_and_only_once()
    {
        var certificate = Issue();
        Assert.Equal(ValidUntil.AddDays(-30), certificate.ReassessmentOpensOn);
        Assert.True(certificate.OpenReassessment());
        Assert.False(certificate.OpenReassessment());
        Assert.Equal(CertificateStatus.ReassessmentDue, certificate.StatusOn(ValidUntil.AddDays(-10)));
        var due = Assert.IsType<CertificateReassessmentDue>(Assert.Single(certificate.DomainEvents.Skip(1)));
        Assert.Equal(ValidUntil, due.WindowClosesOn);
        Assert.Equal("spbe", Assert.Single(due.Competencies).Code);
    }

    [Fact]
    public void Should_take_a_thirty_day_window_when_the_course_sets_none() =>
        Assert.Equal(ValidUntil.AddDays(-Certificate.DefaultWindowDays), Issue(windowDays: null).ReassessmentOpensOn);

    [Fact]
    public void Should_renew_once_per_pass_and_move_the_next_window()
    {
        var certificate = Issue();
        certificate.OpenReassessment();
        var newExpiry = new DateOnly(2028, 3, 10);
        Assert.True(certificate.Renew(ValidUntil.AddDays(-5), newExpiry, 30));
        Assert.False(certificate.Renew(ValidUntil.AddDays(-5), newExpiry, 30));
        Assert.Equal(CertificateStatus.Valid, certificate.StatusOn(ValidUntil.AddDays(1)));
        Assert.Equal(newExpiry.AddDays(-30), certificate.ReassessmentOpensOn);
        Assert.Single(certificate.DomainEvents.OfType<CertificateRenewed>());
    }

    [Fact]
    public void Should_expire_once_and_never_renew_afterwards()
    {
        var certificate = Issue();
        Assert.True(certificate.Expire(ValidUntil.AddDays(1)));
        Assert.False(certificate.Expire(ValidUntil.AddDays(2)));
        Assert.False(certificate.OpenReassessment());
        Assert.False(certificate.Renew(ValidUntil.AddDays(1), new DateOnly(2028, 3, 10), 30));
        Assert.Equal(CertificateStatus.Expired, certificate.StatusOn(ValidUntil.AddDays(1)));
        Assert.Single(certificate.DomainEvents.OfType<CertificateExpired>());
    }

    [Fact]
    public void Should_read_expired_after_its_date_even_before_the_sweep_ran()
    {
        var certificate = Issue();
        Assert.Equal(CertificateStatus.Valid, certificate.StatusOn(ValidUntil));
        Assert.Equal(CertificateStatus.Expired, certificate.StatusOn(ValidUntil.AddDays(1)));
    }

    [Fact]
    public void Should_not_reopen_or_renew_a_revoked_certificate()
    {
        var certificate = Issue();
        certificate.Revoke("Data tidak benar", Guid.NewGuid(), DateTime.UtcNow);
        Assert.False(certificate.OpenReassessment());
        Assert.False(certificate.Expire(ValidUntil.AddDays(1)));
        Assert.False(certificate.Renew(ValidUntil.AddDays(-1), new DateOnly(2028, 3, 10), 30));
        Assert.Equal(CertificateStatus.Revoked, certificate.StatusOn(ValidUntil.AddDays(1)));
    }
}
