using System.Reflection;
using Learning.Accounts.Contracts;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;

namespace Learning.Web.Demo;

/// <summary>
/// The demo organisation and accounts of DESIGN.md (password Belajar#2026, demo only), onboarded
/// through the same CSV import a city uses, then ContentRoot imported. Idempotent.
/// </summary>
public static class DemoSeeder
{
    public const string Password = "Belajar#2026";

    public static readonly IReadOnlyList<string> Accounts =
    [
        "admin", "198203152006042001", "197811202003121002", "199005172015031001", "199208082019022003", "199501012020121004",
    ];

    public static async Task Seed(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;

        var result = await sp.GetRequiredService<IOrganisationOnboarding>().Import(
            new OnboardingFiles(Csv("units.csv"), Csv("positions.csv"), Csv("employees.csv")), ct);
        if (!result.Succeeded)
            throw new InvalidOperationException("Demo organisation did not import: " + string.Join("; ", result.Errors));

        var accounts = sp.GetRequiredService<IAccountAdministration>();
        await accounts.EnsureServiceAccount("admin", "Administrator", Password, [Roles.Administrator], ct);
        foreach (var nip in Accounts.Skip(1))
            await accounts.SetPassword(nip, Password, mustChangeAtNextLogin: false, ct);

        await output.WriteLineAsync($"Demo: {Accounts.Count} accounts ready (password {Password}).");

        var content = sp.GetRequiredService<IConfiguration>()["ContentRoot"]
            ?? throw new InvalidOperationException("ContentRoot is not set.");
        var imported = await sp.GetRequiredService<IContentImporter>().Import(content, ct);
        if (!imported.Succeeded)
            throw new InvalidOperationException($"Demo content in {content} did not import:\n" + string.Join("\n", imported.Problems));
        await output.WriteLineAsync($"Demo: content of {content} imported ({imported.Counts.CoursesAdded} new, " +
            $"{imported.Counts.CoursesUpdated} updated, {imported.Counts.CoursesUnchanged} unchanged courses).");

        // Standards name the dictionary's competencies, so they come after the content.
        var standardsFile = Csv("position-standards.csv");
        var standards = await sp.GetRequiredService<IPositionStandards>().Import(standardsFile.Name, standardsFile.Content, ct);
        if (!standards.Succeeded)
            throw new InvalidOperationException("Demo position standards did not import:\n" + string.Join("\n", standards.Problems));
        await output.WriteLineAsync($"Demo: competency standards of {standards.Counts.Positions} positions ready.");
    }

    private static CsvFile Csv(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Learning.Web.Demo.{name}")
            ?? throw new InvalidOperationException($"Demo file {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return new CsvFile(name, reader.ReadToEnd());
    }
}
