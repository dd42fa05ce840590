using Learning.Kernel;
using Quartz;

namespace Learning.Web.Hosting;

/// <summary>
/// Jobs only the two-node test registers (Testing:Jobs=true), through the same path as every real job: a frequent tick that
/// says which node ran which firing, and a long job that a killed node leaves to the other. Never listed otherwise.
/// </summary>
internal static class TestingJobs
{
    public const string Tick = "testing-tick", Long = "testing-long";

    public static void Add(IQuartzBuilder quartz, IConfiguration configuration)
    {
        quartz.AddScheduledJob<TickJob>(configuration, Tick, "0/2 * * * * ?", "Testing.Jobs.Tick", eachTenant: false);
        // A firing far away unless the test names one (a cron with a year: fires once).
        quartz.AddScheduledJob<LongJob>(configuration, Long, "0 0 0 1 1 ? 2099", "Testing.Jobs.Long", eachTenant: false);
    }

    /// <summary>Says, for the test to read in each node's log, which node ran the firing due at which time.</summary>
    private sealed class TickJob(IConfiguration configuration, ILogger<TickJob> log) : ScheduledJob
    {
        public override Task<int> Run(DateTimeOffset asOf, CancellationToken ct)
        {
            log.LogInformation("Testing tick due {Due} ran on {Node} (recovering: {Recovering})", Due(Firing), WebNode.Name(configuration),
                Firing?.Recovering ?? false);
            return Task.FromResult(1);
        }
    }

    /// <summary>Works Testing:LongJobSeconds (default 8), saying when it starts and when it is done.</summary>
    private sealed class LongJob(IConfiguration configuration, ILogger<LongJob> log) : ScheduledJob
    {
        public override async Task<int> Run(DateTimeOffset asOf, CancellationToken ct)
        {
            var node = WebNode.Name(configuration);
            log.LogInformation("Testing long job due {Due} started on {Node} (recovering: {Recovering})", Due(Firing), node, Firing?.Recovering ?? false);
            await Task.Delay(TimeSpan.FromSeconds(configuration.GetValue("Testing:LongJobSeconds", 8.0)), ct);
            log.LogInformation("Testing long job due {Due} finished on {Node} (recovering: {Recovering})", Due(Firing), node, Firing?.Recovering ?? false);
            return 1;
        }
    }

    private static string Due(JobFiring? firing) =>
        firing?.ScheduledFor.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
}
