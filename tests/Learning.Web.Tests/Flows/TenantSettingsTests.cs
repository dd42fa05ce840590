using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Learning.Accounts.Contracts;
using Learning.CareerRecords;
using Learning.CareerRecords.Contracts;
using Learning.Certification;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Media.Contracts;
using Learning.Notifications.Contracts;
using Learning.Organisation.Contracts;
using Learning.Tenants.Contracts;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using static Learning.Web.Tests.Flows.CertificationDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>Kota Salatiga beside the demo's Kota Semarang: its own organisation, courses and settings.</summary>
internal static class SalatigaTenant
{
    public const string Key = "salatiga", Host = "salatiga.test", Url = "https://belajar.salatiga.test";
    public const string Institution = "BKPSDM Kota Salatiga", Official = "Drs. Bambang Wicaksono", OfficialTitle = "Kepala BKPSDM Kota Salatiga";
    public const string MailFrom = "belajar@salatiga.test", MailFromName = "Belajar Kota Salatiga";

    public static readonly TenantSettings Settings = new()
    {
        Institution = Institution, OfficialName = Official, OfficialTitle = OfficialTitle, PublicUrl = Url, JpPerYear = 24,
        MailFrom = MailFrom, MailFromName = MailFromName, Colour = "#0a6", Logo = "/media/public/logo-salatiga.png",
    };

    /// <summary>Adds the tenant and brings in what a city brings: its ASN (two with passwords) and the content folder.</summary>
    public static async Task Add(LearningApp app)
    {
        await app.AddTenant(Key, "Kota Salatiga", Host, Settings);
        await app.InTenant(Key, async sp =>
        {
            var organisation = await sp.GetRequiredService<IOrganisationOnboarding>().Import(Salatiga.Files());
            Assert.True(organisation.Succeeded, string.Join("; ", organisation.Errors));
            var content = await sp.GetRequiredService<IContentImporter>().Import(sp.GetRequiredService<IConfiguration>()[Learning.Web.Hosting.ContentFolder.Key]!);
            Assert.True(content.Succeeded, string.Join("\n", content.Problems));
            var accounts = sp.GetRequiredService<IAccountAdministration>();
            foreach (var nip in new[] { Salatiga.Teacher, Salatiga.Coordinator })
                Assert.True(await accounts.SetPassword(nip, DemoSeeder.Password, mustChangeAtNextLogin: false));
        });
    }

    /// <summary>A course completed in Salatiga (what its path engine does on the last step).</summary>
    public static async Task<Certificate> Complete(LearningApp app, string nip, string slug)
    {
        using var _ = Learning.Kernel.Tenancy.Use(app.Services.GetRequiredService<ITenantDirectory>().Find(Key)!);
        return await CertificationDriver.Complete(app, nip, slug, app.Clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Sends what Salatiga's outbox holds (as its scheduled pass does, in its scope).</summary>
    public static Task<int> SendOutbox(LearningApp app) =>
        app.InTenant(Key, sp => sp.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None));
}

/// <summary>The demo (Semarang) and Salatiga in one app, on Azurite, with an SMTP sink: the tests below only add to it.</summary>
public sealed class TwoCitiesApp : IAsyncLifetime
{
    private readonly string _container = "t" + Guid.NewGuid().ToString("N")[..20];
    public SmtpSink Smtp { get; } = new();
    public LearningApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = Settings();
        settings["Storage:Provider"] = "AzureBlob";
        settings["ConnectionStrings:Blobs"] = MediaAppFixture.Azurite;
        settings["Storage:Container"] = _container;
        settings["Smtp:Host"] = "127.0.0.1";
        settings["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Smtp:From"] = "learning@semarangkota.go.id";
        settings["Outbox:IntervalSeconds"] = "3600"; // the tests send the outbox themselves, tenant by tenant
        App = new LearningApp(Db.Sqlite, settings: settings);
        await SalatigaTenant.Add(App);
    }

    /// <summary>The store itself, below the tenant folders.</summary>
    public BlobContainerClient Container => new(MediaAppFixture.Azurite, _container);

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
        await Container.DeleteIfExistsAsync();
    }
}

public sealed class TenantSettingsTests(TwoCitiesApp cities) : IClassFixture<TwoCitiesApp>
{
    private LearningApp App => cities.App;

    private static async Task<byte[]> Read(IBlobStore store, string name)
    {
        var blob = await store.Get(name);
        Assert.NotNull(blob);
        await using var content = blob.Value.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Should_name_the_tenants_institution_and_official_and_point_the_qr_code_at_its_address()
    {
        var certificate = await SalatigaTenant.Complete(App, Salatiga.Teacher, "spbe-dasar");

        Assert.Equal($"{SalatigaTenant.Url}/certificates/verify/{certificate.Code}", certificate.VerificationUrl);
        await SalatigaTenant.SendOutbox(App);
        var bytes = await App.InTenant(SalatigaTenant.Key, sp => Read(sp.GetRequiredService<IBlobStore>(), certificate.PdfBlobName));
        var pdf = Latin1(bytes);
        var lines = PdfText.Extract(bytes).Split('\n');
        foreach (var text in new[] { SalatigaTenant.Institution, SalatigaTenant.Official, SalatigaTenant.OfficialTitle, "Ratna Sari", certificate.VerificationUrl })
            Assert.Contains(text, lines);
        Assert.DoesNotContain("Semarang", string.Join('\n', lines));
        var (size, _) = CertificatePdf.QrImage(certificate.VerificationUrl); // the QR code encodes exactly that address
        Assert.Contains($"/Width {size}/Height {size}/BitsPerComponent 1", pdf);

        // Its verification page, on its own host, names who issued it; Semarang's host knows no such certificate.
        var page = await App.ClientFor(SalatigaTenant.Host).GetStringAsync($"/certificates/verify/{certificate.Code}");
        Assert.Contains(SalatigaTenant.Institution, page);
        Assert.Contains($"{SalatigaTenant.Official}, {SalatigaTenant.OfficialTitle}", page);
        var verified = await App.ClientFor(SalatigaTenant.Host).GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify/{certificate.Code}");
        Assert.Equal(SalatigaTenant.Institution, verified.GetProperty("institution").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await App.ClientFor(null).GetAsync($"/certificates/verify/{certificate.Code}")).StatusCode);

        // Semarang, with no settings of its own, keeps what configuration says.
        var semarang = await Complete(App, Learner, "spbe-dasar", App.Clock.GetUtcNow().UtcDateTime);
        Assert.StartsWith("https://belajar.example.go.id/certificates/verify/", semarang.VerificationUrl);
        await App.Services.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None);
        var semarangPdf = PdfText.Extract(await Read(App.Services.GetRequiredService<IBlobStore>(), semarang.PdfBlobName));
        Assert.Contains("BKPSDM Kota Semarang", semarangPdf.Split('\n'));
        Assert.DoesNotContain("Salatiga", semarangPdf);
    }

    [Fact]
    public async Task Should_record_training_with_the_tenants_institution_and_measure_its_yearly_jp()
    {
        var certificate = await SalatigaTenant.Complete(App, Salatiga.Head, "literasi-keamanan-digital");

        var (line, row) = await App.InTenant(SalatigaTenant.Key, async sp =>
        {
            var line = await sp.GetRequiredService<LearningDbContext>().Set<Training>().AsNoTracking().SingleAsync(t => t.CertificateCode == certificate.Code);
            var rows = await sp.GetRequiredService<ICareerRecordExport>().Rows(null, null);
            return (line, rows!.Single(r => r.KodeVerifikasi == certificate.Code));
        });
        Assert.Equal(SalatigaTenant.Institution, line.Institution);
        Assert.Equal(SalatigaTenant.Institution, row.InstitusiPenyelenggara);
        Assert.Equal($"{SalatigaTenant.Url}/certificates/{certificate.Code}/pdf", row.SertifikatUrl);

        // What the ASN sees: Salatiga's 24 JP a year, on the page and in the API; Semarang's stays 20.
        var pages = await App.PagesAs(Salatiga.Teacher, host: SalatigaTenant.Host);
        var record = await pages.GetStringAsync("/career-record");
        Assert.Contains(" dari 24", record);
        var api = await App.ApiAs(Salatiga.Teacher, host: SalatigaTenant.Host);
        Assert.Equal(24m, (await api.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record")).GetProperty("jp").GetProperty("required").GetDecimal());
        var semarang = await App.ApiAs(Learner);
        Assert.Equal(20m, (await semarang.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record")).GetProperty("jp").GetProperty("required").GetDecimal());
    }

    [Fact]
    public async Task Should_send_the_tenants_email_from_its_sender_with_links_to_its_address()
    {
        async Task Notify(string? tenant, string nip)
        {
            async Task Work(IServiceProvider sp)
            {
                var employee = await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(nip);
                Assert.True(await sp.GetRequiredService<INotifier>().NotifyEmployee(employee!.Id,
                    new Notice("tenant-mail:1", "Notifications.CourseWaiting", ["SPBE Dasar"], "/courses/spbe-dasar")));
                await sp.GetRequiredService<LearningDbContext>().SaveChangesAsync();
            }
            if (tenant is null) await App.WithScope(Work); else await App.InTenant(tenant, Work);
        }

        await Notify(SalatigaTenant.Key, Salatiga.Teacher);
        await Notify(null, Learner);
        await SalatigaTenant.SendOutbox(App);
        await App.Services.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None);

        var salatiga = Assert.Single(cities.Smtp.Messages, m => m.To.Contains("ratna.sari@example.salatiga.go.id") && m.Body.Contains("/courses/spbe-dasar"));
        Assert.Equal(SalatigaTenant.MailFrom, salatiga.From);
        Assert.Contains($"From: {SalatigaTenant.MailFromName} <{SalatigaTenant.MailFrom}>", salatiga.Data);
        Assert.Contains($"{SalatigaTenant.Url}/courses/spbe-dasar", salatiga.Body);
        var semarang = Assert.Single(cities.Smtp.Messages, m => m.To.Contains("agus.prasetyo@example.semarangkota.go.id") && m.Body.Contains("/courses/spbe-dasar"));
        Assert.Equal("learning@semarangkota.go.id", semarang.From);
        Assert.Contains("https://belajar.example.go.id/courses/spbe-dasar", semarang.Body);
    }

    [Fact]
    public async Task Should_show_the_tenants_name_logo_and_colour_on_its_pages_and_nothing_unsafe()
    {
        var salatiga = await App.ClientFor(SalatigaTenant.Host).GetStringAsync("/login");
        Assert.Contains("Learning Kota Salatiga", salatiga);
        Assert.Contains("<style>:root{--brand:#0a6}</style>", salatiga);
        Assert.Contains("<img src=\"/media/public/logo-salatiga.png\" alt=\"Kota Salatiga\"", salatiga);

        var semarang = await App.ClientFor(null).GetStringAsync("/login");
        Assert.DoesNotContain("Salatiga", semarang);
        Assert.DoesNotContain("--brand:", semarang.Replace("site.css", ""));

        // A colour or logo that is not one (typed wrong, or meant to inject) is refused with a reason, and an unknown theme falls back.
        var refused = await App.WithScope(sp => sp.GetRequiredService<ITenantAdministration>().Save("ungaran",
            new TenantSettings { Name = "Kabupaten Semarang", Colour = "#0a6;}body{display:none", Logo = "javascript:alert(1)" }, CancellationToken.None));
        Assert.Equal(2, refused.Problems.Count);
        Assert.Contains(refused.Problems, p => p.Contains("#RRGGBB", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.Contains("https://", StringComparison.Ordinal));
        await App.AddTenant("ungaran", "Kabupaten Semarang", "ungaran.test", new TenantSettings { Theme = "Tidak-Ada" });
        var ungaran = await App.ClientFor("ungaran.test").GetStringAsync("/login");
        Assert.Contains("Learning Kabupaten Semarang", ungaran);
        Assert.DoesNotContain("<style>:root", ungaran);
        Assert.DoesNotContain("javascript:", ungaran);
        Assert.DoesNotContain("<img", ungaran);
    }

    [Fact]
    public async Task Should_keep_each_tenants_blobs_under_its_own_folder()
    {
        const string name = "media/0123456789abcdef-salatiga.txt";
        await App.InTenant(SalatigaTenant.Key, sp =>
            sp.GetRequiredService<IBlobStore>().Put(name, new MemoryStream(Encoding.UTF8.GetBytes("Salatiga")), "text/plain"));

        Assert.True((await cities.Container.GetBlobClient($"tenants/salatiga/{name}").ExistsAsync()).Value);
        Assert.False((await cities.Container.GetBlobClient(name).ExistsAsync()).Value);
        var semarangStore = App.Services.GetRequiredService<IBlobStore>();
        Assert.Null(await semarangStore.Get(name));
        Assert.Null(await semarangStore.Get($"tenants/salatiga/{name}"));
        await foreach (var blob in semarangStore.List("")) Assert.DoesNotContain("salatiga", blob.Name);

        // Served on Salatiga's host to its coordinator; Semarang's coordinator finds it under no name.
        var salatigaCoordinator = await App.PagesAs(Salatiga.Coordinator, host: SalatigaTenant.Host);
        Assert.Equal("Salatiga", await salatigaCoordinator.GetStringAsync($"/media/{name}"));
        var semarangCoordinator = await App.PagesAs(Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await semarangCoordinator.GetAsync($"/media/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await semarangCoordinator.GetAsync($"/media/tenants/salatiga/{name}")).StatusCode);

        // A certificate PDF of Salatiga is in its folder too; Semarang's stay where they always were.
        var certificate = await SalatigaTenant.Complete(App, Salatiga.PppkTeacher, "pengaduan-sp4n-lapor");
        await SalatigaTenant.SendOutbox(App);
        Assert.True((await cities.Container.GetBlobClient($"tenants/salatiga/{certificate.PdfBlobName}").ExistsAsync()).Value);
        var semarang = await Complete(App, OtherLearner, "pengaduan-sp4n-lapor", App.Clock.GetUtcNow().UtcDateTime);
        await App.Services.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None);
        Assert.True((await cities.Container.GetBlobClient(semarang.PdfBlobName).ExistsAsync()).Value);
    }
}

/// <summary>The same settings on PostgreSQL, without the demo: a tenant's rows and settings meet in one scope there too.</summary>
public sealed class TenantSettingsPostgresTests
{
    [Fact]
    public async Task Should_use_the_tenants_institution_address_and_jp_on_postgres()
    {
        await using var app = new LearningApp(Db.Postgres, demo: false, settings: Settings());
        await SalatigaTenant.Add(app);

        var certificate = await SalatigaTenant.Complete(app, Salatiga.Teacher, "spbe-dasar");

        Assert.Equal($"{SalatigaTenant.Url}/certificates/verify/{certificate.Code}", certificate.VerificationUrl);
        var (institution, required) = await app.InTenant(SalatigaTenant.Key, async sp =>
            (await sp.GetRequiredService<LearningDbContext>().Set<Training>().Where(t => t.CertificateCode == certificate.Code)
                .Select(t => t.Institution).SingleAsync(), sp.GetRequiredService<IJpStanding>().RequiredPerYear));
        Assert.Equal((SalatigaTenant.Institution, 24m), (institution, required));
        Assert.Equal(20m, await app.WithScope(sp => Task.FromResult(sp.GetRequiredService<IJpStanding>().RequiredPerYear)));
    }
}
