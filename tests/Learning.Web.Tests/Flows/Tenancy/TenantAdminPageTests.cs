using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Kernel;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;

namespace Learning.Web.Tests.Flows.Tenancy;

/// <summary>The demo's two cities, with a platform address, for the tests of the tenant page: they only add cities or change their own.</summary>
public sealed class TenantAdminApp : IAsyncLifetime
{
    public const string PlatformUrl = "https://belajar.example.go.id";
    public LearningApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        var settings = CertificationDriver.Settings();
        settings["DemoSalatiga"] = "true";
        App = new LearningApp(Db.Sqlite, settings: settings);
        _ = App.Services; // start (and seed) before the first test's clock starts
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The platform administrator (Semarang's, the default city's) lists, adds and changes cities on /admin/tenants; nobody else
/// may, and what they change shows at once.
/// </summary>
public sealed partial class TenantAdminPageTests(TenantAdminApp fixture) : IClassFixture<TenantAdminApp>
{
    private const string SalatigaLearner = "199311052018031002";
    private const string SalatigaCoordinator = "198507212010012005";
    private const string SemarangCoordinator = "198203152006042001";
    private const string SemarangLearner = "199005172015031001";

    private LearningApp App => fixture.App;

    [Fact]
    public async Task Should_list_the_cities_and_add_one_that_then_answers_on_its_host_and_prefix()
    {
        var admin = await App.PagesAs("admin");
        Assert.Contains("href=\"/admin/tenants\"", await admin.GetStringAsync("/admin"));

        var list = await admin.GetStringAsync("/admin/tenants");
        AssertAccessible(list);
        var table = Table(list);
        Assert.Contains("Kota Semarang", table);
        Assert.Contains("Kota Salatiga", table);
        Assert.Contains(DemoSeeder.SalatigaHost, table);
        Assert.Contains("Asia/Jakarta", table);

        var added = await admin.PostAsync("/admin/tenants", await LearningApp.FormWithToken(admin, "/admin/tenants", new()
        {
            ["Input.Key"] = "kendal", ["Input.Name"] = "Kabupaten Kendal", ["Input.Hosts"] = "belajar.kendal.test",
            ["Input.TimeZone"] = "Asia/Jakarta", ["Input.Institution"] = "BKPSDM Kabupaten Kendal", ["Input.OfficialName"] = "Drs. Sutrisno",
            ["Input.OfficialTitle"] = "Kepala BKPSDM", ["Input.PublicUrl"] = "https://belajar.kendal.test", ["Input.MailFrom"] = "diklat@kendal.test",
            ["Input.MailFromName"] = "Diklat Kendal", ["Input.Theme"] = "Default", ["Input.Logo"] = "/media/public/kendal.png",
            ["Input.Colour"] = "#7a1f1f", ["Input.JpPerYear"] = "24", ["Input.SubscribesToCatalogue"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var after = await admin.GetStringAsync(added.Headers.Location!.OriginalString);
        Assert.Contains("Kabupaten Kendal sudah ditambahkan.", after);
        Assert.Matches("<tr>\\s*<td><a href=\"/admin/tenants/kendal\">Kabupaten Kendal</a>\\s*</td>\\s*<td><code>kendal</code></td>\\s*<td>belajar.kendal.test</td>"
            + "\\s*<td>https://belajar.kendal.test</td>\\s*<td>Asia/Jakarta</td>\\s*<td>Ya</td>", Table(after));

        // The new city answers at once, on its own host and under /t/kendal on any host, with its name and colour.
        foreach (var (client, path) in new[] { (App.ClientFor("belajar.kendal.test"), "/login"), (App.ClientFor(null), "/t/kendal/login") })
        {
            var login = await client.GetStringAsync(path);
            Assert.Contains("Learning Kabupaten Kendal", login);
            Assert.Contains("--brand:#7a1f1f", login);
        }

        // Its edit page shows what was typed.
        var editPage = await admin.GetStringAsync("/admin/tenants/kendal");
        AssertAccessible(editPage);
        var edit = Fields(editPage);
        Assert.Equal("BKPSDM Kabupaten Kendal", edit["Input.Institution"]);
        Assert.Equal("24", edit["Input.JpPerYear"]);
        Assert.Equal("true", edit["Input.SubscribesToCatalogue"]);

        // Adding a key already taken is refused, never a change of the city that has it.
        var again = await admin.PostAsync("/admin/tenants", await LearningApp.FormWithToken(admin, "/admin/tenants", new()
        {
            ["Input.Key"] = "kendal", ["Input.Name"] = "Kendal Lain", ["Input.TimeZone"] = "Asia/Jakarta",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Kunci \"kendal\" sudah dipakai oleh Kabupaten Kendal.", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        Assert.DoesNotContain("Kendal Lain", Table(await admin.GetStringAsync("/admin/tenants")));

        // A post without the form's antiforgery token is refused before anything is read.
        var forged = await admin.PostAsync("/admin/tenants", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Key"] = "tegal", ["Input.Name"] = "Kota Tegal", ["Input.TimeZone"] = "Asia/Jakarta",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(App.Services.GetRequiredService<ITenantDirectory>().Find("tegal"));
    }

    [Fact]
    public async Task Should_refuse_a_bad_key_and_zone_in_indonesian_and_keep_what_was_typed()
    {
        var admin = await App.PagesAs("admin");
        var refused = await admin.PostAsync("/admin/tenants", await LearningApp.FormWithToken(admin, "/admin/tenants", new()
        {
            ["Input.Key"] = "Kota Batang!", ["Input.Name"] = "Kabupaten Batang", ["Input.TimeZone"] = "Mars/Olympus",
            ["Input.Institution"] = "BKPSDM Kabupaten Batang",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Tidak ada yang disimpan:", page);
        Assert.Contains("Kunci tenant \"kota batang!\" tidak sah: gunakan huruf kecil, angka, dan tanda hubung", page);
        Assert.Contains("Zona waktu \"Mars/Olympus\" tidak dikenal", page);
        var typed = Fields(await refused.Content.ReadAsStringAsync());
        Assert.Equal(("Kota Batang!", "Kabupaten Batang", "BKPSDM Kabupaten Batang", "Mars/Olympus"),
            (typed["Input.Key"], typed["Input.Name"], typed["Input.Institution"], typed["Input.TimeZone"]));
        Assert.DoesNotContain("Kabupaten Batang", Table(await admin.GetStringAsync("/admin/tenants")));
    }

    [Fact]
    public async Task Should_refuse_another_citys_administrator_and_a_coordinator()
    {
        // Salatiga's administrator is an Administrator, of Salatiga: on its prefix (and so on its host) the page is not theirs.
        var salatigaAdmin = await InSalatiga("admin");
        var salatigaAdminPage = await salatigaAdmin.GetStringAsync("/t/salatiga/admin");
        Assert.Contains("/t/salatiga/admin/users", salatigaAdminPage); // their own city's administration
        Assert.DoesNotContain("admin/tenants", salatigaAdminPage);
        AssertForbidden(await salatigaAdmin.GetAsync("/t/salatiga/admin/tenants"));
        AssertForbidden(await salatigaAdmin.GetAsync("/t/salatiga/admin/tenants/semarang"));
        // Their cookie is not Semarang's: on the platform's own pages they are nobody.
        var outside = await salatigaAdmin.GetAsync("/admin/tenants");
        Assert.Equal(HttpStatusCode.Redirect, outside.StatusCode);
        Assert.Contains("/login", outside.Headers.Location!.OriginalString);

        var coordinator = await App.PagesAs(SemarangCoordinator);
        AssertForbidden(await coordinator.GetAsync("/admin/tenants"));
        AssertForbidden(await coordinator.GetAsync("/admin/tenants/salatiga"));

        // A post without the page changes nothing either.
        var token = Token(await salatigaAdmin.GetStringAsync("/t/salatiga/login"));
        AssertForbidden(await salatigaAdmin.PostAsync("/t/salatiga/admin/tenants/salatiga", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Name"] = "Kota Salatiga Diambil", ["Input.TimeZone"] = "Asia/Jakarta",
        })));
        Assert.Equal("Kota Salatiga", App.Services.GetRequiredService<ITenantDirectory>().Find("salatiga")!.Name);

        // A learner of either city is refused too (the API has no tenant endpoints at all).
        AssertForbidden(await (await App.PagesAs(SemarangLearner)).GetAsync("/admin/tenants"));
        AssertForbidden(await (await InSalatiga(SalatigaCoordinator)).GetAsync("/t/salatiga/admin/tenants"));
    }

    [Fact]
    public async Task Should_tell_the_second_of_two_administrators_editing_at_once_that_the_city_changed_meanwhile()
    {
        await App.AddTenant("demak", "Kabupaten Demak", "belajar.demak.test");
        var first = await App.PagesAs("admin");
        var second = await App.PagesAs("admin");
        var firstForm = Fields(await first.GetStringAsync("/admin/tenants/demak"));
        var secondForm = Fields(await second.GetStringAsync("/admin/tenants/demak"));

        firstForm["Input.Institution"] = "BKPSDM Kabupaten Demak";
        var saved = await first.PostAsync("/admin/tenants/demak", new FormUrlEncodedContent(firstForm));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Pengaturan Kabupaten Demak sudah disimpan.", await first.GetStringAsync(saved.Headers.Location!.OriginalString));

        secondForm["Input.Name"] = "Kabupaten Demak Kota Wali";
        var late = await second.PostAsync("/admin/tenants/demak", new FormUrlEncodedContent(secondForm));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var html = await late.Content.ReadAsStringAsync();
        Assert.Contains("Kabupaten Demak diubah orang lain setelah Anda membuka formulir ini.", WebUtility.HtmlDecode(html));
        Assert.Equal("Kabupaten Demak Kota Wali", Fields(html)["Input.Name"]); // what they typed is still there

        // The first save stands, whole; the second wrote nothing.
        var demak = App.Services.GetRequiredService<ITenantDirectory>().Find("demak")!;
        Assert.Equal(("Kabupaten Demak", "BKPSDM Kabupaten Demak"), (demak.Name, demak.Institution));

        // Read again, the second administrator's change goes through.
        var fresh = Fields(await second.GetStringAsync("/admin/tenants/demak"));
        fresh["Input.Name"] = "Kabupaten Demak Kota Wali";
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostAsync("/admin/tenants/demak", new FormUrlEncodedContent(fresh))).StatusCode);
        Assert.Equal("Kabupaten Demak Kota Wali", App.Services.GetRequiredService<ITenantDirectory>().Find("demak")!.Name);
    }

    [Fact]
    public async Task Should_refuse_a_save_on_an_older_revision_and_show_the_change_at_once_on_postgres()
    {
        await using var app = new LearningApp(Db.Postgres);
        var learner = await app.PagesAs(SemarangLearner);
        Assert.Contains("Learning Kota Semarang<", await learner.GetStringAsync("/"));
        var first = await app.PagesAs("admin");
        var second = await app.PagesAs("admin");
        var firstForm = Fields(await first.GetStringAsync("/admin/tenants/semarang"));
        var secondForm = Fields(await second.GetStringAsync("/admin/tenants/semarang"));

        firstForm["Input.Name"] = "Kota Semarang Baru";
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync("/admin/tenants/semarang", new FormUrlEncodedContent(firstForm))).StatusCode);
        secondForm["Input.OfficialTitle"] = "Kepala Badan Lama";
        var late = await second.PostAsync("/admin/tenants/semarang", new FormUrlEncodedContent(secondForm));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("Kota Semarang Baru diubah orang lain setelah Anda membuka formulir ini.", WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()));

        Assert.Contains("Learning Kota Semarang Baru<", await learner.GetStringAsync("/"));
        Assert.NotEqual("Kepala Badan Lama", app.Services.GetRequiredService<ITenantDirectory>().Default.OfficialTitle);
    }

    [Fact]
    public async Task Should_point_the_qr_code_of_a_city_without_address_or_host_at_the_platform_under_its_prefix()
    {
        // Salatiga loses its own host and address (cleared on the page): its certificates must still lead to Salatiga.
        var admin = await App.PagesAs("admin");
        var form = Fields(await admin.GetStringAsync("/admin/tenants/salatiga"));
        form["Input.Hosts"] = "";
        form["Input.PublicUrl"] = "";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin/tenants/salatiga", new FormUrlEncodedContent(form))).StatusCode);

        var salatiga = App.Services.GetRequiredService<ITenantDirectory>().Find("salatiga")!;
        Assert.Equal($"{TenantAdminApp.PlatformUrl}/t/salatiga", salatiga.PublicUrl);
        var certificate = await App.WithScope(async _ =>
        {
            using var inSalatiga = Learning.Kernel.Tenancy.Use(salatiga);
            return await CertificationDriver.Complete(App, SalatigaLearner, "spbe-dasar", App.Clock.GetUtcNow().UtcDateTime);
        });
        Assert.Equal($"{TenantAdminApp.PlatformUrl}/t/salatiga/certificates/verify/{certificate.Code}", certificate.VerificationUrl);

        // That address (on the platform's host) verifies it: Salatiga's, with Salatiga's institution.
        var verified = await App.ClientFor(null).GetFromJsonAsync<JsonElement>($"/t/salatiga/api/v1/certificates/verify/{certificate.Code}");
        Assert.True(verified.GetProperty("valid").GetBoolean());
        Assert.Equal("BKPSDM Kota Salatiga", verified.GetProperty("institution").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await App.ClientFor(null).GetAsync($"/certificates/verify/{certificate.Code}")).StatusCode);

        // Semarang, the default city, keeps the platform's own address.
        Assert.Equal(TenantAdminApp.PlatformUrl, App.Services.GetRequiredService<ITenantDirectory>().Default.PublicUrl);
    }

    [Fact]
    public async Task Should_show_a_changed_city_name_on_the_next_page_a_signed_in_person_opens()
    {
        var learner = await App.PagesAs(SemarangLearner);
        Assert.Contains("Learning Kota Semarang<", await learner.GetStringAsync("/"));
        var again = await learner.GetAsync("/");
        Assert.True(again.Headers.Age is not null, "the home page was rendered again instead of served from the personal page cache");

        var admin = await App.PagesAs("admin");
        var form = Fields(await admin.GetStringAsync("/admin/tenants/semarang"));
        form["Input.Name"] = "Kota Semarang Hebat";
        form["Input.Colour"] = "#123456";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin/tenants/semarang", new FormUrlEncodedContent(form))).StatusCode);
        try
        {
            var changed = await learner.GetStringAsync("/");
            Assert.Contains("Learning Kota Semarang Hebat<", changed);
            Assert.Contains("--brand:#123456", changed);
            Assert.Contains("Learning Kota Semarang Hebat<", await learner.GetStringAsync("/courses"));
        }
        finally
        {
            var back = Fields(await admin.GetStringAsync("/admin/tenants/semarang"));
            back["Input.Name"] = "Kota Semarang";
            back["Input.Colour"] = "";
            Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin/tenants/semarang", new FormUrlEncodedContent(back))).StatusCode);
        }
    }

    /// <summary>Signed in to Salatiga under its prefix (its host name may have been cleared by another test here).</summary>
    private async Task<HttpClient> InSalatiga(string userName)
    {
        var client = App.ClientFor(host: null, pages: true);
        var login = await client.PostAsync("/t/salatiga/login", await LearningApp.FormWithToken(client, "/t/salatiga/login",
            new() { ["UserName"] = userName, ["Password"] = DemoSeeder.Password }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    /// <summary>One main; every field a person fills in has its label; the form posts with its antiforgery token.</summary>
    private static void AssertAccessible(string html)
    {
        Assert.Single(Regex.Matches(html, "<main[ >]"));
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
        Assert.Contains("name=\"__RequestVerificationToken\"", main);
        foreach (Match input in Input().Matches(main))
        {
            if (Attribute(input.Value, "type") is "hidden" or "checkbox") continue; // a checkbox sits inside its label
            var id = Attribute(input.Value, "id");
            Assert.True(id is not null && main.Contains($"<label for=\"{id}\"", StringComparison.Ordinal), $"No label for {input.Value}");
        }
    }

    private static void AssertForbidden(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Forbidden) return;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/forbidden", response.Headers.Location!.OriginalString);
    }

    /// <summary>The tenants table of the list page.</summary>
    private static string Table(string html)
    {
        var start = html.IndexOf("<table id=\"tenants\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "No tenants table.");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    /// <summary>The fields of the page's form in its main part, as a browser would send them (a checkbox only when ticked).</summary>
    private static Dictionary<string, string> Fields(string html)
    {
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
        var form = main[main.IndexOf("<form method=\"post\"", StringComparison.Ordinal)..];
        var fields = new Dictionary<string, string>();
        foreach (Match input in Input().Matches(form[..form.IndexOf("</form>", StringComparison.Ordinal)]))
        {
            var tag = input.Value;
            if (Attribute(tag, "name") is not { } name || fields.ContainsKey(name)) continue; // a checkbox's hidden "false" comes after it
            if (Attribute(tag, "type") == "checkbox")
            {
                if (tag.Contains(" checked", StringComparison.Ordinal)) fields[name] = "true";
                continue;
            }
            fields[name] = Attribute(tag, "value") ?? "";
        }
        return fields;
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static string Token(string html) => Fields(html)["__RequestVerificationToken"];

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex Input();
}
