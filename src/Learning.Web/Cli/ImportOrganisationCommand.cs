using Learning.Organisation.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Learning.Web.Hosting;

/// <summary>
/// The verb <c>import-organisation [--units FILE] [--positions FILE] [--employees FILE [--deactivate-missing]] [--invite]</c>: exit 0
/// imported, 2 refused. With --deactivate-missing the employees file is the whole roster: the city's people not in it are deactivated.
/// With <c>--invite</c>, the people of the employees file who have an e-mail address and no password yet are e-mailed a link
/// to choose one.
/// </summary>
internal static class ImportOrganisationCommand
{
    private static readonly string[] Options = ["--units", "--positions", "--employees"];

    public static async Task<int> Run(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var text = scope.ServiceProvider.GetRequiredService<IStringLocalizer>();

        var paths = new Dictionary<string, string>();
        var deactivateMissing = false;
        var invite = args.Contains("--invite");
        args = args.Where(a => a != "--invite").ToArray();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--deactivate-missing")
            {
                deactivateMissing = true;
                continue;
            }
            var (option, value) = args[i].Split('=', 2) is [var o, var v] ? (o, (string?)v) : (args[i], i + 1 < args.Length ? args[++i] : null);
            if (!Options.Contains(option) || string.IsNullOrWhiteSpace(value) || !paths.TryAdd(option, value))
            {
                await error.WriteLineAsync(text["Organisation.Cli.Usage"]);
                return 2;
            }
        }
        if (paths.Count == 0)
        {
            await error.WriteLineAsync(text["Organisation.Cli.Usage"]);
            return 2;
        }

        if (deactivateMissing && !paths.ContainsKey("--employees"))
        {
            await error.WriteLineAsync(text["Organisation.Cli.DeactivateMissingNeedsEmployees"]);
            return 2;
        }

        var input = await OnboardingUpload.FromPaths(paths.GetValueOrDefault("--units"), paths.GetValueOrDefault("--positions"),
            paths.GetValueOrDefault("--employees"), text, ct);
        if (input.Errors.Count > 0)
        {
            foreach (var message in input.Errors) await error.WriteLineAsync(message);
            return 2;
        }

        var files = input.Files with { DeactivateMissing = deactivateMissing };
        var result = await scope.ServiceProvider.GetRequiredService<IOrganisationOnboarding>().Import(files, ct);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Errors) await error.WriteLineAsync(problem.ToString());
            await error.WriteLineAsync(text["Organisation.Onboarding.NothingImported", result.Errors.Count]);
            return 2;
        }
        await output.WriteLineAsync(text["Organisation.Onboarding.Counts", text["Organisation.Admin.Units"], result.Units.Added, result.Units.Updated, result.Units.Unchanged]);
        await output.WriteLineAsync(text["Organisation.Onboarding.Counts", text["Organisation.Admin.Positions"], result.Positions.Added, result.Positions.Updated, result.Positions.Unchanged]);
        await output.WriteLineAsync(text["Organisation.Onboarding.Counts", text["Organisation.Admin.Employees"], result.Employees.Added, result.Employees.Updated, result.Employees.Unchanged]);
        if (deactivateMissing || result.Deactivated > 0 || result.Reactivated > 0)
            await output.WriteLineAsync(text["Organisation.Onboarding.StatusCounts", result.Deactivated, result.Reactivated]);
        if (invite && input.Files.Employees is { } employees)
        {
            var invitations = scope.ServiceProvider.GetRequiredService<Learning.Accounts.Contracts.IAccountInvitations>();
            if (!invitations.Available)
            {
                await error.WriteLineAsync(text["Organisation.Cli.InviteNoMail"]);
                return 0;
            }
            var nips = Learning.Kernel.Text.CsvInput.Read(employees.Content, ["nip"], [], _ => { })?.Select(r => Nip.Normalise(r["nip"])).ToList() ?? [];
            var db = scope.ServiceProvider.GetRequiredService<Learning.Kernel.LearningDbContext>();
            // The tenant's public address (the directory settles it: its own, or the platform's under /t/{key}).
            var site = db.Tenant.PublicUrl ?? scope.ServiceProvider.GetRequiredService<IConfiguration>()["PublicUrl"] ?? "";
            await output.WriteLineAsync(text["Organisation.Cli.Invited", await invitations.Invite(nips, site, ct)]);
        }
        return 0;
    }
}
