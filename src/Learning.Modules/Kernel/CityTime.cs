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
