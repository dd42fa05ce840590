using System.Globalization;
using Learning.Audit.Contracts;
using Learning.Kernel;

namespace Learning.Web.Hosting;

/// <summary><c>jobs list</c> and <c>jobs run NAME [--as-of ISO-8601]</c>: one run, recorded like a scheduled one.</summary>
internal static class JobVerbs
{
    public static async Task<int> Run(IServiceProvider services, string[] args, CancellationToken ct)
    {
        var jobs = services.GetServices<JobDefinition>().OrderBy(j => j.Name).ToList();
        var text = services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer>();
        if (args is ["list", ..])
        {
            foreach (var j in jobs) Console.WriteLine($"{j.Name}\t{j.Schedule}");
            return 0;
        }
        // Anything but "--as-of TIME" after the name is refused: a mistyped option must not run the job as of now.
        if (args is not ["run", var name, .. var rest]
            || !(rest is [] or ["--as-of", _] || (rest is [var option] && option.StartsWith("--as-of=", StringComparison.Ordinal))))
        {
            await Console.Error.WriteLineAsync(text["Host.Jobs.Usage"]);
            return 2;
        }
        var definition = jobs.FirstOrDefault(j => j.Name == name);
        if (definition is null)
        {
            await Console.Error.WriteLineAsync(text["Host.Jobs.Unknown", name, string.Join(", ", jobs.Select(j => j.Name))]);
            return 2;
        }
        if (rest.Any(a => a.StartsWith("--as-of", StringComparison.Ordinal)) && CommandLine.AsOf(["jobs", .. args]) is null)
        {
            await Console.Error.WriteLineAsync(text["Host.Jobs.BadAsOf"]);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var job = (ScheduledJob)scope.ServiceProvider.GetRequiredService(definition.JobType);
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var asOf = CommandLine.AsOf(["jobs", .. args]) ?? clock.GetUtcNow();
        var result = await scope.ServiceProvider.GetRequiredService<IJobRunner>().Run(name, job, asOf, ct);
        // Run by hand: the audit log says who ran what, as of when.
        scope.ServiceProvider.GetRequiredService<IAuditLog>().Record(AuditActions.JobRun, name,
            $"as of {result.AsOf.ToString("O", CultureInfo.InvariantCulture)}: {result.Items} items{(result.Error is null ? "" : "; error: " + result.Error)}");
        await scope.ServiceProvider.GetRequiredService<LearningDbContext>().SaveChangesAsync(ct);
        Console.WriteLine(text["Host.Jobs.Done", result.Job, result.AsOf.ToString("O", CultureInfo.InvariantCulture), result.Items,
            Math.Round(result.Duration.TotalMilliseconds)]);
        if (result.Error is null) return 0;
        await Console.Error.WriteLineAsync(result.Error);
        return 1;
    }
}
