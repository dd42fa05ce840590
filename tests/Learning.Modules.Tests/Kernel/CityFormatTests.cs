using System.Globalization;
using Learning.Kernel;

namespace Learning.Modules.Tests.Kernel;

public sealed class CityFormatTests
{
    private static readonly CultureInfo Id = new("id-ID");
    private static readonly CultureInfo En = new("en-US");

    private static CityFormat In(string zone, CultureInfo culture) => CityFormat.For(TimeZoneInfo.FindSystemTimeZoneById(zone), culture);

    private static readonly DateTime Instant = new(2026, 12, 6, 7, 30, 0, DateTimeKind.Utc);

    private static string Hm(int hour, int minute, CultureInfo culture) => new DateTime(2026, 1, 1, hour, minute, 0).ToString("HH:mm", culture);

    [Theory]
    [InlineData("Asia/Jakarta", 14, "WIB")]
    [InlineData("Asia/Makassar", 15, "WITA")]
    [InlineData("Asia/Jayapura", 16, "WIT")]
    public void Should_show_an_instant_on_the_citys_clock_with_its_zones_name(string zone, int hour, string name)
    {
        var format = In(zone, Id);
        Assert.Equal($"6 Des 2026 {Hm(hour, 30, Id)} {name}", format.DateAndTime(Instant));
        Assert.Equal($"{Hm(hour, 30, Id)} {name}", format.Time(Instant));
        Assert.Equal($"6 Desember 2026 {Hm(hour, 30, Id)} {name}", format.LongDateAndTime(Instant));
        Assert.Equal(name, format.ZoneName);
    }

    [Fact]
    public void Should_read_a_stored_instant_of_unspecified_kind_as_UTC_never_as_the_servers_time()
    {
        var stored = DateTime.SpecifyKind(Instant, DateTimeKind.Unspecified); // how SQLite gives it back
        var local = DateTime.SpecifyKind(Instant, DateTimeKind.Local);
        var format = In("Asia/Jakarta", Id);
        Assert.Equal(format.DateAndTime(Instant), format.DateAndTime(stored));
        Assert.Equal(format.DateAndTime(Instant), format.DateAndTime(local));
        Assert.Equal(format.DateAndTime(Instant), format.DateAndTime(new DateTimeOffset(Instant).ToOffset(TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void Should_date_an_instant_by_the_citys_calendar()
    {
        var lateEvening = new DateTime(2026, 12, 31, 17, 30, 0, DateTimeKind.Utc); // 00:30 WIB on 1 January
        Assert.Equal("1 Jan 2027", In("Asia/Jakarta", Id).Date(lateEvening));
        Assert.Equal("1 January 2027", In("Asia/Jakarta", En).LongDate(lateEvening));
    }

    [Fact]
    public void Should_write_in_the_readers_language()
    {
        var day = new DateOnly(2026, 8, 17);
        Assert.Equal("17 Agu 2026", In("Asia/Jakarta", Id).Date(day));
        Assert.Equal("17 Agustus 2026", In("Asia/Jakarta", Id).LongDate(day));
        Assert.Equal("17 Aug 2026", In("Asia/Jakarta", En).Date(day));
        Assert.Equal("17 August 2026", In("Asia/Jakarta", En).LongDate(day));
        Assert.Equal($"6 Dec 2026 {Hm(14, 30, En)} WIB", In("Asia/Jakarta", new CultureInfo("en")).DateAndTime(Instant));
        // Any other language reads Indonesian, the platform's own.
        Assert.Equal("17 Agustus 2026", In("Asia/Jakarta", new CultureInfo("fr-FR")).LongDate(day));
    }

    [Fact]
    public void Should_follow_the_request_language_when_made_for_the_current_reader()
    {
        var format = new CityFormat(new FixedZoneClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Makassar")));
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = En;
            Assert.Equal($"6 Dec 2026 {Hm(15, 30, En)} WITA", format.DateAndTime(Instant));
            CultureInfo.CurrentUICulture = Id;
            Assert.Equal($"6 Des 2026 {Hm(15, 30, Id)} WITA", format.DateAndTime(Instant));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Should_name_a_zone_outside_Indonesia_by_its_offset()
    {
        Assert.Equal("UTC+10", CityFormat.ZoneNameOf(TimeZoneInfo.FindSystemTimeZoneById("Australia/Brisbane"), Instant));
        Assert.Equal("UTC+5:30", CityFormat.ZoneNameOf(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"), Instant));
        Assert.Equal("UTC", CityFormat.ZoneNameOf(TimeZoneInfo.Utc, Instant));
    }

    [Fact]
    public void Should_show_the_dates_notices_carry_as_dates_and_leave_other_arguments_alone()
    {
        var id = In("Asia/Jakarta", Id);
        Assert.Equal("9 Desember 2026", id.Argument(CityFormat.Carried(new DateOnly(2026, 12, 9))));
        Assert.Equal("December 2026", In("Asia/Jakarta", En).Argument("2026-12"));
        Assert.Equal("pelindungan-data-pribadi", id.Argument("pelindungan-data-pribadi"));
        Assert.Equal("2026-13-01", id.Argument("2026-13-01"));
        Assert.Equal("12", id.Argument("12"));
    }

    private sealed class FixedZoneClock(TimeZoneInfo zone) : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone => zone;
    }
}
