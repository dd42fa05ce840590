using Learning.Kernel;

namespace Learning.Modules.Tests.Kernel;

public sealed class CityTimeTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static TimeProvider At(string utc, string zone = CityTime.DefaultZone) =>
        new CityClock(new FixedClock(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)), TimeZoneInfo.FindSystemTimeZoneById(zone));

    [Fact]
    public void Should_date_a_new_years_morning_in_Semarang_in_the_new_year()
    {
        var clock = At("2026-12-31T23:30:00Z"); // 06:30 WIB on 1 January
        Assert.Equal(new DateOnly(2027, 1, 1), clock.Today());
        Assert.Equal(2027, clock.ThisYear());
        Assert.Equal(new DateOnly(2027, 1, 1), clock.LocalDate(new DateTime(2026, 12, 31, 23, 30, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("2026-06-30T16:30:00Z", "Asia/Jakarta", 30)]   // 23:30 WIB
    [InlineData("2026-06-30T16:30:00Z", "Asia/Makassar", 1)]   // 00:30 WITA the next day
    [InlineData("2026-06-30T14:59:00Z", "Asia/Jayapura", 30)]  // 23:59 WIT
    public void Should_follow_the_citys_own_zone(string utc, string zone, int day) =>
        Assert.Equal(day, At(utc, zone).Today().Day);
}
