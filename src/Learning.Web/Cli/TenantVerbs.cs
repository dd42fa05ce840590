using System.Globalization;
using Learning.Kernel;
using Learning.Tenants.Contracts;

namespace Learning.Web.Hosting;

/// <summary>
/// <c>tenants list</c> and <c>tenants add KEY --name NAME [--host HOST]… [--zone ZONE] [--institution …] [--official …]
/// [--official-title …] [--official-nip NIP] [--public-url URL] [--mail-from ADDRESS] [--mail-from-name …] [--theme NAME] [--logo URL]
/// [--colour #RRGGBB] [--jp-per-year N] [--catalogue yes|no]</c>: add a tenant, or change the settings given of one.
/// </summary>
internal static class TenantVerbs
{
    private static readonly string[] Options =
    [
        "--name", "--host", "--zone", "--institution", "--official", "--official-title", "--official-nip", "--public-url", "--mail-from",
        "--mail-from-name", "--theme", "--logo", "--colour", "--jp-per-year", "--catalogue",
    ];

    public static async Task<int> Run(IServiceProvider services, string[] args, CancellationToken ct)
    {
        var text = services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer>();
        if (args is ["list"])
        {
            foreach (var t in services.GetRequiredService<ITenantDirectory>().All)
                Console.WriteLine($"{t.Key}\t{t.Name}\t{string.Join(' ', t.Hosts)}\t{t.TimeZone.Id}");
            return 0;
        }
        if (args is not ["add" or "set", var key, .. var rest] || key.StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync(text["Host.Tenants.Usage"]);
            return 2;
        }

        var values = new Dictionary<string, List<string>>();
        for (var i = 0; i < rest.Length; i++)
        {
            var (option, value) = rest[i].Contains('=') ? (rest[i][..rest[i].IndexOf('=')], rest[i][(rest[i].IndexOf('=') + 1)..])
                : (rest[i], i + 1 < rest.Length ? rest[++i] : null);
            if (!Options.Contains(option) || value is null)
            {
                await Console.Error.WriteLineAsync(text["Host.Tenants.BadOption", rest[i]] + "\n" + text["Host.Tenants.Usage"]);
                return 2;
            }
            (values.TryGetValue(option, out var list) ? list : values[option] = []).Add(value);
        }
        string? One(string option) => values.TryGetValue(option, out var v) ? v[^1] : null;

        decimal? jp = null;
        if (One("--jp-per-year") is { } jpText)
        {
            if (!decimal.TryParse(jpText, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
            {
                await Console.Error.WriteLineAsync(text["Host.Tenants.BadNumber", jpText]);
                return 2;
            }
            jp = parsed;
        }
        bool? catalogue = One("--catalogue") switch
        {
            null => null,
            "yes" or "ya" or "true" => true,
            "no" or "tidak" or "false" => false,
            _ => (bool?)null,
        };
        if (One("--catalogue") is { } said && catalogue is null)
        {
            await Console.Error.WriteLineAsync(text["Host.Tenants.BadOption", "--catalogue " + said]);
            return 2;
        }

        var settings = new TenantSettings
        {
            Name = One("--name"),
            Hosts = values.TryGetValue("--host", out var hosts) ? string.Join(' ', hosts) : null,
            TimeZone = One("--zone"),
            Institution = One("--institution"),
            OfficialName = One("--official"),
            OfficialTitle = One("--official-title"),
            OfficialNip = One("--official-nip"),
            PublicUrl = One("--public-url"),
            MailFrom = One("--mail-from"),
            MailFromName = One("--mail-from-name"),
            Theme = One("--theme"),
            Logo = One("--logo"),
            Colour = One("--colour"),
            JpPerYear = jp,
            SubscribesToCatalogue = catalogue,
        };
        await using var scope = services.CreateAsyncScope();
        var change = await scope.ServiceProvider.GetRequiredService<ITenantAdministration>().Save(key, settings, ct);
        if (!change.Succeeded)
        {
            foreach (var problem in change.Problems) await Console.Error.WriteLineAsync(problem);
            return 2;
        }
        Console.WriteLine(text["Host.Tenants.Saved", change.Tenant!.Key, change.Tenant.Name, string.Join(' ', change.Tenant.Hosts)]);
        return 0;
    }
}
