using Learning.CareerRecords.Contracts;
using Learning.Certification;
using Learning.Certification.Contracts;
using Learning.Courses.Contracts;

namespace Learning.Modules.Tests.Certification;

public sealed class CertificateRulesTests
{
    [Theory]
    [InlineData("DISDUKCAPIL", 2026, 123, "DISDUKCAPIL/2026/000123")]
    [InlineData("bkpsdm", 2027, 1, "BKPSDM/2027/000001")]
    [InlineData("DISKOMINFO", 2026, 1234567, "DISKOMINFO/2026/1234567")]
    public void Should_number_certificates_by_unit_year_and_sequence(string unit, int year, int sequence, string expected) =>
        Assert.Equal(expected, CertificateNumbers.Format(unit, year, sequence));

    [Fact]
    public void Should_make_unguessable_base32_codes_of_160_bits()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => CertificateNumbers.NewCode()).ToList();
        Assert.All(codes, c => Assert.Matches("^[a-z2-7]{32}$", c)); // 32 × 5 bits = 160 bits
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.True(CertificateNumbers.LooksLikeCode(c)));
        // Every symbol shows up in every position over many codes: no fixed or biased characters.
        for (var position = 0; position < 32; position++)
            Assert.True(codes.Select(c => c[position]).Distinct().Count() >= 30, $"position {position} is biased");
        Assert.False(CertificateNumbers.LooksLikeCode("DISDUKCAPIL/2026/000001"));
    }

    [Fact]
    public void Should_encode_base32_as_rfc_4648_lower_case() =>
        Assert.Equal("mzxw6ytboi", CertificateNumbers.Base32("foobar"u8)); // RFC 4648 test vector, unpadded

    [Theory]
    [InlineData("199005172015031001", "199005**********01")]
    [InlineData("199208082019022003", "199208**********03")]
    [InlineData("1234", "****")]
    public void Should_mask_the_nip_except_birth_year_month_day_and_last_two(string nip, string masked) =>
        Assert.Equal(masked, CertificateNumbers.MaskNip(nip));

    private static RecertificationRule Rule(RenewFrom from, int window = 30, string? fixedDate = null) => new(window, from, fixedDate);

    [Theory]
    [InlineData("2026-03-10", 24, "2028-03-10")]
    [InlineData("2024-02-29", 12, "2025-02-28")] // leap day: the last day of February
    [InlineData("2026-12-31", 12, "2027-12-31")]
    [InlineData("2026-08-31", 6, "2027-02-28")]
    public void Should_count_new_expiry_from_completion(string completed, int months, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Recertification.NewExpiry(Rule(RenewFrom.Completion), months, DateOnly.Parse(completed), DateOnly.Parse("2026-01-01")));

    [Theory]
    [InlineData("2027-02-10", "2027-03-10", 12, "2028-03-10")] // renewed early inside the window: the cycle is kept
    [InlineData("2028-02-29", "2028-02-29", 12, "2029-02-28")]
    [InlineData("2027-12-31", "2027-12-31", 12, "2028-12-31")]
    [InlineData("2027-05-01", "2027-03-10", 12, "2028-05-01")] // lapsed: restarts from completion
    public void Should_count_new_expiry_from_previous_expiry(string completed, string previous, int months, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Recertification.NewExpiry(Rule(RenewFrom.PreviousExpiry), months, DateOnly.Parse(completed), DateOnly.Parse(previous)));

    [Theory]
    [InlineData("2026-03-10", "01-01", 12, "2027-01-01")]
    [InlineData("2026-12-31", "01-01", 12, "2028-01-01")] // completed inside the window of 1 January: the next one
    [InlineData("2026-12-15", "12-31", 12, "2027-12-31")]
    [InlineData("2027-03-01", "02-29", 12, "2028-02-29")] // a leap year keeps 29 February
    [InlineData("2026-03-01", "02-29", 12, "2027-02-28")] // a common year moves it to the 28th
    [InlineData("2026-06-30", "07-01", 24, "2028-07-01")]
    public void Should_land_new_expiry_on_the_fixed_calendar_date(string completed, string fixedDate, int months, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Recertification.NewExpiry(Rule(RenewFrom.FixedDate, 30, fixedDate), months, DateOnly.Parse(completed), null));

    [Fact]
    public void Should_open_the_window_n_days_before_expiry()
    {
        var rule = Rule(RenewFrom.Completion, window: 60);
        var until = new DateOnly(2028, 3, 10);
        Assert.Equal(new DateOnly(2028, 1, 10), Recertification.WindowOpensOn(until, rule));
        Assert.False(Recertification.IsInWindow(new DateOnly(2028, 1, 9), until, rule));
        Assert.True(Recertification.IsInWindow(new DateOnly(2028, 1, 10), until, rule));
        Assert.True(Recertification.IsInWindow(until, until, rule));
        Assert.False(Recertification.IsInWindow(until.AddDays(1), until, rule));
    }

    [Theory]
    [InlineData("13-01")]
    [InlineData("02-30")]
    [InlineData("1-1")]
    [InlineData(null)]
    public void Should_refuse_a_fixed_date_that_is_not_mm_dd(string? fixedDate) =>
        Assert.Throws<ArgumentException>(() => Recertification.NewExpiry(Rule(RenewFrom.FixedDate, 30, fixedDate), 12, new DateOnly(2026, 1, 1), null));

    [Theory]
    [InlineData(45, 45, 1)]
    [InlineData(90, 45, 2)]
    [InlineData(100, 45, 2.22)]
    [InlineData(120, 60, 2)]
    public void Should_convert_minutes_to_jp(int minutes, int perJp, decimal expected) =>
        Assert.Equal(expected, JpLedger.FromMinutes(minutes, perJp));

    [Fact]
    public void Should_convert_hours_to_jp_and_judge_compliance()
    {
        Assert.Equal(16m, JpLedger.FromHours(12, 45));
        Assert.Equal(20m, JpLedger.FromHours(15, 45));
        Assert.True(JpLedger.IsCompliant(20m, 20m));
        Assert.False(JpLedger.IsCompliant(19.99m, 20m));
        Assert.Throws<ArgumentOutOfRangeException>(() => JpLedger.FromMinutes(45, 0));
    }
}
