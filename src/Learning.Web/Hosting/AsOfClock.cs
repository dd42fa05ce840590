namespace Learning.Web.Hosting;

/// <summary>The clock of <c>jobs run NAME --as-of ISO-8601</c>: everything in that run reads the given time.</summary>
public sealed class AsOfClock(DateTimeOffset asOf, TimeZoneInfo cityZone) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => asOf.ToUniversalTime();
    public override TimeZoneInfo LocalTimeZone => Learning.Kernel.Tenancy.Current?.TimeZone ?? cityZone;
}
