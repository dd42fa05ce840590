namespace Learning.Web.Hosting;

/// <summary>The clock of <c>jobs run NAME --as-of ISO-8601</c>: everything in that run reads the given time.</summary>
public sealed class AsOfClock(DateTimeOffset asOf) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => asOf.ToUniversalTime();
}
