using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Learning.Kernel;

/// <summary>
/// The city's calendar. Dates people see and count by (issue dates, the JP year, due dates, "today" for the sweep) are dates
/// in the city's time zone (Scheduling:TimeZone, Asia/Jakarta by default), never UTC dates: a course finished at 06:30 WIB on
/// 1 January belongs to the new year.
/// The zone is read here alone: the host registers one <see cref="CityClock"/> (the <see cref="TimeProvider"/>) holding it,
/// and everything else asks the clock (<see cref="Today"/>, <see cref="LocalDate(TimeProvider, DateTime)"/>, its
/// LocalTimeZone); only the frame calls <see cref="Zone"/> (the host building that clock, ScheduledJobs' Quartz triggers and their reconciler).
/// </summary>
public static class CityTime
{
    public const string DefaultZone = "Asia/Jakarta";

    /// <summary>Scheduling:TimeZone: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT).</summary>
    public static TimeZoneInfo Zone(IConfiguration configuration) => Named(configuration["Scheduling:TimeZone"] ?? DefaultZone);

    /// <summary>WIB, for what is dated without configuration (the synthetic city).</summary>
    public static TimeZoneInfo DefaultTimeZone => Named(DefaultZone);

    private static TimeZoneInfo Named(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    /// <summary>A tenant's zone by its IANA name (the tenant row keeps the name).</summary>
    public static TimeZoneInfo ZoneNamed(string id) => Named(id);

    /// <summary>Whether this machine knows the zone (an operator typed it).</summary>
    public static bool IsKnownZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    public static int ThisYear(this TimeProvider clock) => clock.GetLocalNow().Year;

    /// <summary>The city's date at a UTC instant.</summary>
    public static DateOnly LocalDate(this TimeProvider clock, DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone));

    public static DateOnly LocalDate(this TimeProvider clock, DateTimeOffset instant) => clock.LocalDate(instant.UtcDateTime);

    /// <summary>The city's wall-clock time at a UTC instant.</summary>
    public static DateTime LocalDateTime(this TimeProvider clock, DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone);
}

/// <summary>
/// A clock whose local time zone is the city's, so <see cref="TimeProvider.GetLocalNow"/> reads the city's wall clock: the
/// current tenant's zone (<see cref="Tenancy"/>), or the configured one where no tenant is current.
/// </summary>
public sealed class CityClock(TimeProvider inner, TimeZoneInfo zone) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();
    public override TimeZoneInfo LocalTimeZone => Tenancy.Current?.TimeZone ?? zone;
    public override long GetTimestamp() => inner.GetTimestamp();
    public override long TimestampFrequency => inner.TimestampFrequency;
}

/// <summary>
/// Every date and time a person reads, one way: on the city's clock (the current tenant's zone, else Scheduling:TimeZone, never
/// the server's), in the reader's language (the request's UI culture: Indonesian unless they chose English), with the zone's
/// name beside a time ("6 Des 2026 14.30 WIB"). Views have it as <c>Format</c>. Stored instants are UTC, whatever their Kind.
/// API JSON keeps ISO 8601; this is for people only.
/// </summary>
public sealed class CityFormat
{
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Asia/Jakarta"] = "WIB", ["Asia/Pontianak"] = "WIB",
        ["Asia/Makassar"] = "WITA", ["Asia/Ujung_Pandang"] = "WITA",
        ["Asia/Jayapura"] = "WIT",
    };

    private readonly Func<TimeZoneInfo> _zone;
    private readonly Func<CultureInfo> _culture;

    public CityFormat(TimeProvider clock) : this(() => clock.LocalTimeZone, () => CultureOf(CultureInfo.CurrentUICulture)) { }

    private CityFormat(Func<TimeZoneInfo> zone, Func<CultureInfo> culture) => (_zone, _culture) = (zone, culture);

    /// <summary>For a reader who is not the current request (an e-mail, a job): their zone and language.</summary>
    public static CityFormat For(TimeZoneInfo zone, CultureInfo culture)
    {
        var specific = CultureOf(culture);
        return new(() => zone, () => specific);
    }

    /// <summary>The same zone in another reader's language.</summary>
    public CityFormat In(CultureInfo culture)
    {
        var specific = CultureOf(culture);
        return new(_zone, () => specific);
    }

    /// <summary>id → id-ID, en → en-US: the two languages people read, with their month names.</summary>
    public static CultureInfo CultureOf(CultureInfo culture) =>
        CultureInfo.GetCultureInfo(culture.TwoLetterISOLanguageName == "en" ? "en-US" : "id-ID");

    public CultureInfo Culture => _culture();

    /// <summary>WIB, WITA or WIT; another zone as its offset from UTC (UTC+10).</summary>
    public string ZoneName => ZoneNameOf(_zone(), DateTime.UtcNow);

    public static string ZoneNameOf(TimeZoneInfo zone, DateTime utc)
    {
        if (Abbreviations.TryGetValue(zone.Id, out var name)) return name;
        var offset = zone.GetUtcOffset(utc);
        return offset == TimeSpan.Zero ? "UTC"
            : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration().Hours}{(offset.Minutes != 0 ? $":{offset.Duration().Minutes:00}" : "")}";
    }

    /// <summary>The city's wall clock at a stored instant (UTC, or Unspecified as databases give it back).</summary>
    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone());

    /// <summary>6 Des 2026.</summary>
    public string Date(DateOnly day) => day.ToString("d MMM yyyy", Culture);

    /// <summary>A calendar date (no zone to convert) in the current reader's language, where no instance is at hand.</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureOf(CultureInfo.CurrentUICulture));
    public string Date(DateTime utc) => Local(utc).ToString("d MMM yyyy", Culture);
    public string Date(DateTimeOffset instant) => Date(instant.UtcDateTime);

    /// <summary>6 Desember 2026.</summary>
    public string LongDate(DateOnly day) => day.ToString("d MMMM yyyy", Culture);
    public string LongDate(DateTime utc) => Local(utc).ToString("d MMMM yyyy", Culture);
    public string LongDate(DateTimeOffset instant) => LongDate(instant.UtcDateTime);

    /// <summary>Desember 2026.</summary>
    public string Month(DateOnly day) => day.ToString("MMMM yyyy", Culture);

    /// <summary>6 Des 2026 14.30 WIB (the reader's time separator).</summary>
    public string DateAndTime(DateTime utc, bool seconds = false) =>
        $"{Local(utc).ToString(seconds ? "d MMM yyyy HH:mm:ss" : "d MMM yyyy HH:mm", Culture)} {ZoneNameOf(_zone(), DateTime.SpecifyKind(utc, DateTimeKind.Utc))}";
    public string DateAndTime(DateTimeOffset instant) => DateAndTime(instant.UtcDateTime);

    /// <summary>6 Desember 2026 14.30 WIB: where there is room (the inbox, an e-mail).</summary>
    public string LongDateAndTime(DateTime utc) =>
        $"{Local(utc).ToString("d MMMM yyyy HH:mm", Culture)} {ZoneNameOf(_zone(), DateTime.SpecifyKind(utc, DateTimeKind.Utc))}";

    /// <summary>14.30 WIB.</summary>
    public string Time(DateTime utc) => $"{Local(utc).ToString("HH:mm", Culture)} {ZoneNameOf(_zone(), DateTime.SpecifyKind(utc, DateTimeKind.Utc))}";
    public string Time(DateTimeOffset instant) => Time(instant.UtcDateTime);

    /// <summary>Notice arguments carry dates as yyyy-MM-dd and months as yyyy-MM (stored, language-free): shown as 6 Desember 2026 / Desember 2026.</summary>
    public string Argument(string value) =>
        value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? LongDate(day)
        : value.Length == 7 && DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? Month(month)
        : value;

    /// <summary>How a notice carries a date: yyyy-MM-dd, the same in every language, so the reader's shows it.</summary>
    public static string Carried(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
