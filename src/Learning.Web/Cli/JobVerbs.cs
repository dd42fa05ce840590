using System.Globalization;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Quartz;

namespace Learning.Web.Hosting;

/// <summary>
/// <c>jobs list [--tenant KEY]</c> (every job's triggers, one per tenant in its zone, each line naming its tenant; with
/// <c>--tenant</c>, that tenant's and the platform's) and <c>jobs run NAME [--as-of ISO-8601] [--tenant KEY]</c>: one run for
/// the tenant the verb works in (the default one without <c>--tenant</c>), recorded like a scheduled one.
/// </summary>
internal static class JobVerbs
{
    /// <param name="only">The tenant <c>--tenant</c> named, if it was given (the list is then that tenant's).</param>
    public static async Task<int> Run(IServiceProvider services, string[] args, TenantInfo? only, TextWriter output, CancellationToken ct)
    {
        var jobs = services.GetServices<JobDefinition>().OrderBy(j => j.Name).ToList();
        var text = services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer>();
        if (args is ["list"])
        {
            // The stored triggers, as the scheduler will fire them (no scheduler runs in a verb; its store is read).
            // A per-tenant trigger's group is its tenant's key; the line names the tenant, as operators know it.
            var tenants = services.GetRequiredService<ITenantDirectory>();
            string TenantOf(string key) => tenants.Find(key) is { Name.Length: > 0 } t ? t.Name : key;
            var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
            foreach (var j in jobs)
            {
                var triggers = (await scheduler.GetTriggersOfJob(new JobKey(j.Name), ct))
                    .Where(t => !j.EachTenant || only is null || t.Key.Group == only.Key)
                    .OrderBy(t => j.EachTenant ? TenantOf(t.Key.Group) : "", StringComparer.Ordinal);
                var lines = triggers.Select(t => string.Join('\t', j.Name, j.Schedule, j.EachTenant ? TenantOf(t.Key.Group) : text["Host.Jobs.AllTenants"],
                    (t as ICronTrigger)?.TimeZone.Id ?? "", t.NextFireTimeUtc?.ToString("O", CultureInfo.InvariantCulture) ?? "")).ToList();
                if (lines.Count == 0) lines.Add($"{j.Name}\t{j.Schedule}");
                foreach (var line in lines) await output.WriteLineAsync(line);
            }
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

        // Verbs.Run made the tenant of --tenant current: the job, its record and the audit line are made inside it.
        await using var scope = services.CreateAsyncScope();
        var job = (ScheduledJob)scope.ServiceProvider.GetRequiredService(definition.JobType);
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var asOf = CommandLine.AsOf(["jobs", .. args]) ?? clock.GetUtcNow();
        var result = await scope.ServiceProvider.GetRequiredService<IJobRunner>().Run(name, job, asOf, ct);
        // Run by hand: the audit log says who ran what, as of when.
        scope.ServiceProvider.GetRequiredService<IAuditLog>().Record(AuditActions.JobRun, name,
            $"as of {result.AsOf.ToString("O", CultureInfo.InvariantCulture)}: {result.Items} items{(result.Error is null ? "" : "; error: " + result.Error)}");
        await scope.ServiceProvider.GetRequiredService<LearningDbContext>().SaveChangesAsync(ct);
        await output.WriteLineAsync(text["Host.Jobs.Done", result.Job, result.AsOf.ToString("O", CultureInfo.InvariantCulture), result.Items,
            Math.Round(result.Duration.TotalMilliseconds), Tenancy.CurrentOrDefault(services).Key]);
        if (result.Error is null) return 0;
        await Console.Error.WriteLineAsync(result.Error);
        return 1;
    }
}
