using System.Globalization;
using Learning.Kernel;
using Learning.Web.Demo;

namespace Learning.Web.Hosting;

/// <summary>The operator commands of DESIGN.md. Each returns the process exit code: 0 done, 2 refused input.</summary>
internal static class Verbs
{
    /// <param name="output">Where the verb writes what it reports (the console unless a test reads it).</param>
    public static async Task<int> Run(IServiceProvider services, string verb, string[] args, TextWriter? output = null)
    {
        var ct = CancellationToken.None;
        output ??= Console.Out;
        // Operators read the verbs' messages in Bahasa Indonesia.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
        // --tenant KEY, anywhere after the verb: the whole verb works in that tenant (without it, the default tenant).
        var tenantKey = TenantSwitch(ref args);
        if (verb == "tenants") return await TenantVerbs.Run(services, args, ct);
        var directory = services.GetRequiredService<ITenantDirectory>();
        // The shared catalogue is imported and exported as the platform; nothing else is done in its name.
        if (tenantKey == Tenancy.PlatformKey && verb is not ("import" or "export"))
        {
            await Console.Error.WriteLineAsync(Text(services)["Host.Cli.PlatformOnlyContent", verb]);
            return 2;
        }
        var tenant = tenantKey is null ? directory.Default
            : tenantKey == Tenancy.PlatformKey ? Tenancy.Platform : directory.Find(tenantKey);
        if (tenant is null)
        {
            await Console.Error.WriteLineAsync(Text(services)["Host.Cli.TenantUnknown", tenantKey!, string.Join(", ", directory.All.Select(t => t.Key))]);
            return 2;
        }
        using var _ = Tenancy.Use(tenant);
        switch (verb)
        {
            case "import-organisation":
                return await ImportOrganisationCommand.Run(services, args, output, Console.Error, ct);
            case "import-position-standards":
                return await ImportStandardsCommand.Run(services, args, output, Console.Error, ct);
            case "seed-demo" when args.Length > 0:
                await Console.Error.WriteLineAsync(Text(services)["Host.Cli.SeedDemoArguments", string.Join(" ", args)]);
                return 2;
            case "seed-demo":
                await DemoSeeder.Seed(services, output, ct);
                return 0;
            case "jobs":
                return await JobVerbs.Run(services, args, tenantKey is null ? null : tenant, output, ct);
            case "generate-data":
                return await GenerateDataVerb.Run(services, args, output, Console.Error, ct);
            case "import":
                return await ContentVerbs.Import(services, args, ct);
            case "export" when args is ["course" or "content", ..]:
                return await ContentVerbs.Export(services, args, ct);
            case "export" when args is ["career-records", ..]:
            {
                // A city is 100,000 lines: buffered, not flushed line by line as Console.Out is.
                await using var buffered = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16);
                return await CareerRecordVerbs.Export(services, args[1..], buffered, Console.Error, ct);
            }
            case "export":
                // Whatever follows "export" that is not a subject: say which subjects there are.
                await Console.Error.WriteLineAsync(args is [var subject, ..]
                    ? Text(services)["Host.Cli.ExportUnknown", subject]
                    : Text(services)["Host.Cli.ExportNothing"]);
                return 2;
            default:
                await Console.Error.WriteLineAsync(Text(services)["Host.Cli.UnknownVerb", verb, string.Join(", ", CommandLine.Verbs.Order(StringComparer.Ordinal))]);
                return 2;
        }
    }

    /// <summary>Takes <c>--tenant KEY</c> (or <c>--tenant=KEY</c>) out of the verb's arguments.</summary>
    internal static string? TenantSwitch(ref string[] args)
    {
        string? key = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--tenant" && i + 1 < args.Length) key = args[++i];
            else if (args[i].StartsWith("--tenant=", StringComparison.Ordinal)) key = args[i]["--tenant=".Length..];
            else rest.Add(args[i]);
        }
        args = rest.ToArray();
        return key?.Trim().ToLowerInvariant();
    }

    private static Microsoft.Extensions.Localization.IStringLocalizer Text(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer>();
}
