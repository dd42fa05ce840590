using System.Reflection;
using Learning.Accounts.Contracts;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Tenants.Contracts;
using Learning.Web.Hosting;

namespace Learning.Web.Demo;

/// <summary>
/// The demo cities of DESIGN.md (password Belajar#2026, demo only): Kota Semarang, the default tenant, with the accounts of
/// the contract, and Kota Salatiga (host salatiga.localhost, or /t/salatiga) with a small organisation, its own
/// administrator, coordinator, supervisor and learners. Each is onboarded through the same CSV import a city uses, then
/// the content folder (Content:Root) imported as its own courses. Beside Salatiga, the platform publishes the shared catalogue in its catalogue/ folder,
/// which Salatiga subscribes to and Semarang does not. Idempotent.
/// </summary>
public static class DemoSeeder
{
    public const string Password = "Belajar#2026";

    public static readonly IReadOnlyList<string> Accounts =
    [
        "admin", "198203152006042001", "197811202003121002", "199005172015031001", "199208082019022003", "199501012020121004",
    ];

    /// <summary>Salatiga's administrator, coordinator (Rina Kusumawati), supervisor (Hendro Wibowo) and learners.</summary>
    public static readonly IReadOnlyList<string> SalatigaAccounts =
    [
        "admin", "198507212010012005", "197604102002121003", "199311052018031002", "199609142020122001",
    ];

    public const string SalatigaKey = "salatiga";
    public const string SalatigaHost = "salatiga.localhost";

    public static async Task Seed(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var tenants = services.GetRequiredService<ITenantDirectory>();
        await using (var scope = services.CreateAsyncScope())
        {
            var administration = scope.ServiceProvider.GetRequiredService<ITenantAdministration>();
            await Save(administration, tenants.Default.Key, new TenantSettings
            {
                Name = "Kota Semarang", Institution = "BKPSDM Kota Semarang",
                OfficialName = "Dr. Sri Wahyuningsih, S.Sos., M.Si.", OfficialNip = "197504122000032001",
                OfficialTitle = "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Semarang",
            }, ct);
            // Salatiga is a second city only where the demo asks for it (tests of one city leave it out: it costs a second import).
            if (configuration.GetValue("DemoSalatiga", true) && tenants.Default.Key != SalatigaKey)
                await Save(administration, SalatigaKey, new TenantSettings
                {
                    Name = "Kota Salatiga", Hosts = SalatigaHost, Institution = "BKPSDM Kota Salatiga",
                    OfficialName = "Drs. Bambang Sutrisno, M.M.", OfficialNip = "196908151994031003",
                    OfficialTitle = "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Salatiga",
                    PublicUrl = OnHost(configuration["PublicUrl"], SalatigaHost), Colour = "#0b6e4f",
                    SubscribesToCatalogue = true,
                    JpPerYear = 24, // its own yearly target (Semarang keeps the platform's 20)
                }, ct);
        }

        await SeedCity(services, tenants.Default, "", Accounts, output, ct);
        if (tenants.Find(SalatigaKey) is { } salatiga && salatiga.Key != tenants.Default.Key && configuration.GetValue("DemoSalatiga", true))
        {
            await SeedCatalogue(services, output, ct);
            await SeedCity(services, salatiga, "Salatiga.", SalatigaAccounts, output, ct);
        }
    }

    /// <summary>The shared catalogue the province publishes (content/catalogue), which Salatiga subscribes to and Semarang does not.</summary>
    private static async Task SeedCatalogue(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        var folder = Path.Combine(services.GetRequiredService<IConfiguration>()[ContentFolder.Key]!, "catalogue");
        if (!Directory.Exists(folder)) return; // a content folder of one's own may have none
        using var asPlatform = Tenancy.Use(Tenancy.Platform);
        await using var scope = services.CreateAsyncScope();
        var imported = await scope.ServiceProvider.GetRequiredService<IContentImporter>().Import(folder, ct);
        if (!imported.Succeeded)
            throw new InvalidOperationException($"Demo catalogue in {folder} did not import:\n" + string.Join("\n", imported.Problems));
        await output.WriteLineAsync($"Demo shared catalogue: {folder} imported ({imported.Counts.CoursesAdded} new, " +
            $"{imported.Counts.CoursesUpdated} updated, {imported.Counts.CoursesUnchanged} unchanged courses).");
    }

    private static async Task Save(ITenantAdministration administration, string key, TenantSettings settings, CancellationToken ct)
    {
        var change = await administration.Save(key, settings, ct);
        if (!change.Succeeded) throw new InvalidOperationException($"Demo tenant {key}: " + string.Join("; ", change.Problems));
    }

    /// <summary>The platform's public address with another host name (http://127.0.0.1:5000 → http://salatiga.localhost:5000).</summary>
    private static string? OnHost(string? publicUrl, string host) =>
        Uri.TryCreate(publicUrl, UriKind.Absolute, out var url) ? new UriBuilder(url) { Host = host }.Uri.ToString().TrimEnd('/') : null;

    private static async Task SeedCity(IServiceProvider services, TenantInfo tenant, string files, IReadOnlyList<string> logins,
        TextWriter output, CancellationToken ct)
    {
        using var inTenant = Tenancy.Use(tenant);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;

        var result = await sp.GetRequiredService<IOrganisationOnboarding>().Import(
            new OnboardingFiles(Csv(files + "units.csv"), Csv(files + "positions.csv"), Csv(files + "employees.csv")), ct);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo organisation of {tenant.Name} did not import: " + string.Join("; ", result.Errors));

        var accounts = sp.GetRequiredService<IAccountAdministration>();
        await accounts.EnsureServiceAccount("admin", "Administrator", Password, [Roles.Administrator], ct);
        foreach (var nip in logins.Skip(1))
            await accounts.SetPassword(nip, Password, mustChangeAtNextLogin: false, ct);

        await output.WriteLineAsync($"Demo {tenant.Name}: {logins.Count} accounts ready (password {Password}).");

        var content = sp.GetRequiredService<IConfiguration>()[ContentFolder.Key]
            ?? throw new InvalidOperationException($"{ContentFolder.Key} is not set.");
        var imported = await sp.GetRequiredService<IContentImporter>().Import(content, ct);
        if (!imported.Succeeded)
            throw new InvalidOperationException($"Demo content in {content} did not import:\n" + string.Join("\n", imported.Problems));
        await output.WriteLineAsync($"Demo {tenant.Name}: content of {content} imported ({imported.Counts.CoursesAdded} new, " +
            $"{imported.Counts.CoursesUpdated} updated, {imported.Counts.CoursesUnchanged} unchanged courses).");

        // Standards name the dictionary's competencies, so they come after the content.
        var standardsFile = Csv("position-standards.csv"); // the same positions in both cities
        var standards = await sp.GetRequiredService<IPositionStandards>().Import(standardsFile.Name, standardsFile.Content, ct);
        if (!standards.Succeeded)
            throw new InvalidOperationException("Demo position standards did not import:\n" + string.Join("\n", standards.Problems));
        await output.WriteLineAsync($"Demo {tenant.Name}: competency standards of {standards.Counts.Positions} positions ready.");

        // Classes are the demo city's (Semarang's) only: they name its coordinator and supervisor.
        if (files.Length == 0) await DemoClasses.Seed(sp, output, ct);
    }

    private static CsvFile Csv(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Learning.Web.Demo.{name}")
            ?? throw new InvalidOperationException($"Demo file {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return new CsvFile(name, reader.ReadToEnd());
    }
}
