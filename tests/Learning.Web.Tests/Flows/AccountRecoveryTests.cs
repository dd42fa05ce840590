using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Learning.Kernel;
using Learning.Web.Demo;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Getting in by e-mail: "lupa kata sandi" sends a single-use link valid for an hour, answered the same for any address;
/// an import with --invite e-mails the people without a password a link to choose their first one. Real SMTP (a sink).
/// </summary>
public sealed partial class AccountRecoveryTests
{
    private const string Agus = "199005172015031001";
    private const string AgusEmail = "agus.prasetyo@example.semarangkota.go.id";
    private const string DewiEmail = "dewi.lestari@example.semarangkota.go.id";
    private const string NewPassword = "Lupa#Sandi2026";

    private static LearningApp WithMail(SmtpSink smtp) => new(settings: new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:From"] = "learning@semarangkota.go.id", ["PublicUrl"] = "https://learning.semarangkota.go.id",
        ["Outbox:IntervalSeconds"] = "3600", // the test sends the outbox itself
    });

    [Fact]
    public async Task Should_send_a_single_use_recovery_link_that_sets_a_new_password_and_answer_the_same_for_unknown_addresses()
    {
        await using var smtp = new SmtpSink();
        await using var app = WithMail(smtp);
        var browser = app.ClientFor(host: null, pages: true);

        Assert.Contains("Lupa kata sandi?", await browser.GetStringAsync("/login"));
        var known = await Ask(browser, AgusEmail);
        var unknown = await Ask(browser, "tidak.ada@example.semarangkota.go.id");
        Assert.Contains("Jika alamat itu terdaftar", known);
        Assert.Equal(SentMessage(known), SentMessage(unknown));

        // One mail, to Agus only, in Indonesian, with a link on the city's address.
        Assert.Equal(1, await SendOutbox(app));
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal([AgusEmail], mail.To);
        var text = TextOf(mail);
        Assert.Contains("Yth. Agus Prasetyo", text);
        Assert.Contains("hanya dapat dipakai sekali", text);
        var link = Link(text);
        Assert.StartsWith("https://learning.semarangkota.go.id/reset-password?", link);
        var path = new Uri(link).PathAndQuery;

        // The form names whose account it is; two different passwords are refused, then the new one is saved.
        var form = await browser.GetStringAsync(path);
        Assert.Contains("Untuk akun Agus Prasetyo", form);
        var mismatch = await browser.PostAsync(path, await LearningApp.FormWithToken(browser, path, Fields(path, NewPassword, "lain")));
        Assert.Contains("tidak sama", await mismatch.Content.ReadAsStringAsync());
        var saved = await browser.PostAsync(path, await LearningApp.FormWithToken(browser, path, Fields(path, NewPassword, NewPassword)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.EndsWith("/login?set=password", saved.Headers.Location!.OriginalString);
        Assert.Contains("Kata sandi Anda sudah disimpan", await browser.GetStringAsync(saved.Headers.Location.OriginalString));

        // The new password signs in, the old one no longer does, and the link is spent.
        await app.PagesAs(Agus, NewPassword);
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.PagesAs(Agus, DemoSeeder.Password));
        Assert.Contains("Tautan ini tidak berlaku lagi", await browser.GetStringAsync(path));

        // A link left for more than an hour has expired.
        await Ask(browser, DewiEmail);
        Assert.Equal(1, await SendOutbox(app));
        var late = new Uri(Link(TextOf(smtp.Messages[^1]))).PathAndQuery;
        Assert.Contains("Untuk akun Dewi Lestari", await browser.GetStringAsync(late));
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Contains("Tautan ini tidak berlaku lagi", await browser.GetStringAsync(late));

        // A forged or cut link is refused the same way.
        Assert.Contains("Tautan ini tidak berlaku lagi", await browser.GetStringAsync(path[..^5]));
    }

    [Fact]
    public async Task Should_invite_the_imported_people_without_a_password_to_choose_their_first_one()
    {
        await using var smtp = new SmtpSink();
        await using var app = WithMail(smtp);
        var file = Path.Combine(app.DataRoot, "pegawai-baru.csv");
        await File.WriteAllTextAsync(file, """
            nip,name,email,unit_code,position_code,supervisor_nip,roles
            199702142022031005,Galih Saputra,galih.saputra@example.semarangkota.go.id,DISDUKCAPIL,PENGADM-DUK,197811202003121002,
            199803032023032001,Nur Aini,,DISDUKCAPIL,PENGADM-DUK,197811202003121002,
            199005172015031001,Agus Prasetyo,agus.prasetyo@example.semarangkota.go.id,DISDUKCAPIL,PENGADM-DUK,197811202003121002,
            """);

        var output = new StringWriter();
        Assert.Equal(0, await Verbs.Run(app.Services, "import-organisation", ["--employees", file, "--invite"], output));
        // Galih only: Nur has no address, Agus already has a password.
        Assert.Contains("Undangan surel dikirim kepada 1 orang.", output.ToString());
        Assert.Equal(1, await SendOutbox(app));
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["galih.saputra@example.semarangkota.go.id"], mail.To);
        var text = TextOf(mail);
        Assert.Contains("Yth. Galih Saputra", text);
        Assert.Contains("kata sandi pertama", text);

        var browser = app.ClientFor(host: null, pages: true);
        var path = new Uri(Link(text)).PathAndQuery;
        Assert.Contains("Buat kata sandi pertama Anda", await browser.GetStringAsync(path));
        var saved = await browser.PostAsync(path, await LearningApp.FormWithToken(browser, path, Fields(path, NewPassword, NewPassword)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await app.PagesAs("199702142022031005", NewPassword);
        Assert.Contains("Tautan ini tidak berlaku lagi", await browser.GetStringAsync(path));
    }

    [Fact]
    public async Task Should_invite_from_the_organisation_page_and_deactivate_who_a_full_roster_leaves_out()
    {
        await using var smtp = new SmtpSink();
        await using var app = WithMail(smtp);
        app.Clock.Set(DateTimeOffset.UtcNow); // the cookie jar reads the machine's date
        var admin = await app.PagesAs("admin");
        Assert.Contains("id=\"invite\"", await admin.GetStringAsync("/admin/organisation"));

        // The city's whole roster: Galih is new with an address, Rizky (Diskominfo) is no longer on it.
        const string roster = """
            nip,name,email,unit_code,position_code,supervisor_nip,roles
            198203152006042001,Sri Wahyuningsih,,BKPSDM,ANALIS-SDM,,Coordinator
            197811202003121002,Bambang Setiawan,,DISDUKCAPIL,KABID-PIAK,,
            199005172015031001,Agus Prasetyo,agus.prasetyo@example.semarangkota.go.id,DISDUKCAPIL,PENGADM-DUK,197811202003121002,
            199208082019022003,Dewi Lestari Putri,dewi.lestari@example.semarangkota.go.id,DISDUKCAPIL,VERIFIKATOR-DUK,197811202003121002,
            199702142022031005,Galih Saputra,galih.saputra@example.semarangkota.go.id,DISDUKCAPIL,PENGADM-DUK,197811202003121002,
            """;
        var page = WebUtility.HtmlDecode(await (await Import(admin, roster, ("deactivateMissing", "true"), ("invite", "true"))).Content.ReadAsStringAsync());
        Assert.Contains("Dinonaktifkan: 1; diaktifkan kembali: 0.", page);
        Assert.Contains("Undangan surel dikirim kepada 1 orang.", page);
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.PagesAs("199501012020121004"));

        Assert.Equal(1, await SendOutbox(app));
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["galih.saputra@example.semarangkota.go.id"], mail.To);
        Assert.Contains("https://learning.semarangkota.go.id/reset-password?", TextOf(mail));

        // The full-roster box with units but no employees file changes nothing and says why.
        var refused = WebUtility.HtmlDecode(await (await Import(admin, null, ("deactivateMissing", "true"))).Content.ReadAsStringAsync());
        Assert.Contains("Daftar lengkap memerlukan berkas pegawai.", refused);
    }

    [Fact]
    public async Task Should_say_on_the_organisation_page_that_invitations_need_a_mail_server()
    {
        await using var app = new LearningApp();
        app.Clock.Set(DateTimeOffset.UtcNow);
        var page = await (await app.PagesAs("admin")).GetStringAsync("/admin/organisation");
        Assert.Contains("id=\"invite-unavailable\"", page);
        Assert.DoesNotContain("name=\"invite\"", page);
    }

    private static async Task<HttpResponseMessage> Import(HttpClient admin, string? employees, params (string Name, string Value)[] fields)
    {
        var token = Regex.Match(await admin.GetStringAsync("/admin/organisation"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        var form = new MultipartFormDataContent { { new StringContent(token.Groups[1].Value), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        if (employees is null)
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("code,name,parent_code\nBKPSDM,BKPSDM,\n")) { Headers = { ContentType = new("text/csv") } }, "units", "unit.csv");
        else
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(employees)) { Headers = { ContentType = new("text/csv") } }, "employees", "pegawai.csv");
        var response = await admin.PostAsync("/admin/organisation", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    [Fact]
    public async Task Should_write_the_mail_to_the_pickup_folder_when_there_is_no_mail_server_as_the_demo_does()
    {
        await using var app = new LearningApp(settings: new Dictionary<string, string?>
        {
            ["Smtp:PickupDirectory"] = "mail", ["Outbox:IntervalSeconds"] = "3600",
        });
        var browser = app.ClientFor(host: null, pages: true);
        Assert.Contains("Jika alamat itu terdaftar", await Ask(browser, AgusEmail));
        Assert.Equal(1, await SendOutbox(app));

        // A .eml file under DataRoot/mail that any mail reader opens; its link works like a sent one.
        var file = Assert.Single(Directory.GetFiles(Path.Combine(app.DataRoot, "mail"), "*.eml"));
        var mail = await MimeKit.MimeMessage.LoadAsync(file);
        Assert.Equal(AgusEmail, mail.To.Mailboxes.Single().Address);
        var path = new Uri(Link(mail.TextBody ?? "")).PathAndQuery;
        Assert.Contains("Untuk akun Agus Prasetyo", await browser.GetStringAsync(path));
    }

    private static async Task<string> Ask(HttpClient browser, string email)
    {
        var response = await browser.PostAsync("/forgot-password",
            await LearningApp.FormWithToken(browser, "/forgot-password", new() { ["Email"] = email }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string SentMessage(string page) => Regex.Match(page, "<p class=\"alert ok\" role=\"status\">(.*?)</p>").Groups[1].Value;

    private static Dictionary<string, string> Fields(string path, string password, string confirm)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + path).Query);
        return new() { ["user"] = query["user"]!, ["token"] = query["token"]!, ["for"] = query["for"]!, ["New"] = password, ["Confirm"] = confirm };
    }

    private static Task<int> SendOutbox(LearningApp app) =>
        app.Services.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None);

    /// <summary>The plain-text part, whether the mail is plain or multipart.</summary>
    private static string TextOf(SmtpSink.Received mail) =>
        MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(mail.Data))).TextBody ?? "";

    private static string Link(string text) => LinkPattern().Match(text).Value;

    [GeneratedRegex(@"https?://\S+/reset-password\?\S+")]
    private static partial Regex LinkPattern();
}
