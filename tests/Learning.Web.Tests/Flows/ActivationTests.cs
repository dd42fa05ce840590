using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Accounts;
using Learning.Accounts.Contracts;
using Learning.Audit;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Issue 16, activation codes: an administrator issues codes for the people of a unit who have no password (command line or
/// printable sheet), a person turns NIP + code into a password on /activate or the API, then signs in as anyone does.
/// </summary>
public sealed partial class ActivationTests
{
    // Three newcomers in Diskominfo, with no password (imported as a BKPSDM does on its first week).
    private const string Wulan = "199703032022032005";
    private const string Fajar = "199804042023021006";
    private const string Sinta = "199905052024032007";
    private const string NewPassword = "Aktif#2027baru";

    private const string Newcomers = $"""
        nip,name,email,unit_code,position_code,supervisor_nip,roles
        {Wulan},Wulan Sari,,DISKOMINFO,,,
        {Fajar},Fajar Nugroho,,DISKOMINFO,,,
        {Sinta},Sinta Maharani,,DISKOMINFO,,,
        """;

    private static LearningApp NewApp(Db db = Db.Sqlite) => new(db, configureServices: ClientAddresses.Add);

    private static async Task Import(LearningApp app, string csv, string? tenant = null)
    {
        var file = Path.Combine(app.DataRoot, $"employees-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv);
        string[] args = tenant is null ? ["--employees", file] : ["--employees", file, "--tenant", tenant];
        Assert.Equal(0, await Verbs.Run(app.Services, "import-organisation", args));
    }

    /// <summary>Runs the command line verb and reads its CSV back as nip → row.</summary>
    private static async Task<Dictionary<string, string[]>> IssueByCli(LearningApp app, params string[] args)
    {
        var file = Path.Combine(app.DataRoot, $"codes-{Guid.NewGuid():N}.csv");
        Assert.Equal(0, await Verbs.Run(app.Services, "accounts", ["activation-codes", .. args, "--out", file]));
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal("nip,name,unit,code,expires", lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(cells => cells[0]);
    }

    private static Task<HttpResponseMessage> ActivateByApi(HttpClient client, string nip, string code, string password = NewPassword) =>
        client.PostAsJsonAsync("/api/v1/auth/activate", new { nip, code, password });

    private static async Task<string> Title(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()!;
    }

    private static async Task<bool> CanSignIn(LearningApp app, string nip, string password, string? host = null) =>
        (await app.ClientFor(host).PostAsJsonAsync("/api/v1/auth/token", new { userName = nip, password })).IsSuccessStatusCode;

    [Fact]
    public async Task Should_issue_codes_for_a_unit_on_the_command_line_stored_only_as_hashes()
    {
        await using var app = NewApp();
        await Import(app, Newcomers);

        var codes = await IssueByCli(app, "--unit", "DISKOMINFO");

        // Only the three without a password: Rizky (Diskominfo, demo password) gets none.
        Assert.Equal(new[] { Wulan, Fajar, Sinta }, codes.Keys.Order());
        var wulan = codes[Wulan];
        Assert.Equal("Wulan Sari", wulan[1]);
        Assert.Equal("Dinas Komunikasi dan Informatika", wulan[2]);
        Assert.Matches(CodeShape(), wulan[3]);
        Assert.DoesNotMatch("[01OI]", wulan[3]);
        var lastDay = app.Clock.LocalDate(app.Clock.GetUtcNow()).AddDays(30);
        Assert.Equal(lastDay.ToString("yyyy-MM-dd"), wulan[4]);

        var stored = await app.WithScope(async sp => await sp.GetRequiredService<LearningDbContext>().Set<ActivationCode>().AsNoTracking().ToListAsync());
        Assert.Equal(3, stored.Count);
        foreach (var row in codes.Values)
            Assert.DoesNotContain(stored, s => s.CodeHash.Contains(row[3].Replace("-", ""), StringComparison.OrdinalIgnoreCase));

        var audit = await app.WithScope(async sp => await sp.GetRequiredService<LearningDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Action == AuditActions.ActivationCodesIssued).ToListAsync());
        Assert.Equal("Dinas Komunikasi dan Informatika", Assert.Single(audit).Subject);

        // A second run replaces the codes: one row per person, and the first code no longer works.
        var again = await IssueByCli(app, "--all");
        Assert.Equal(new[] { Wulan, Fajar, Sinta }, again.Keys.Order());
        Assert.Equal(3, await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<ActivationCode>().CountAsync()));
        var client = ClientAddresses.From(app, "198.51.100.10");
        Assert.Equal(HttpStatusCode.BadRequest, (await ActivateByApi(client, Wulan, wulan[3])).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ActivateByApi(client, Wulan, again[Wulan][3])).StatusCode);
    }

    [Fact]
    public async Task Should_refuse_bad_command_lines_with_exit_2()
    {
        await using var app = NewApp();
        var file = Path.Combine(app.DataRoot, "x.csv");
        Assert.Equal(2, await Verbs.Run(app.Services, "accounts", ["activation-codes", "--out", file]));
        Assert.Equal(2, await Verbs.Run(app.Services, "accounts", ["activation-codes", "--unit", "NOPE", "--out", file]));
        Assert.Equal(2, await Verbs.Run(app.Services, "accounts", ["activation-codes", "--unit", "BKPSDM", "--all", "--out", file]));
        Assert.Equal(2, await Verbs.Run(app.Services, "accounts", ["nonsense"]));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Should_let_a_person_activate_through_the_API_and_then_sign_in()
    {
        await using var app = NewApp();
        await Import(app, Newcomers);
        var codes = await IssueByCli(app, "--unit", "DISKOMINFO");
        var client = ClientAddresses.From(app, "198.51.100.11");

        // Typed from paper: lower case, spaces instead of dashes.
        var typed = codes[Fajar][3].ToLowerInvariant().Replace('-', ' ');
        Assert.Equal(HttpStatusCode.NoContent, (await ActivateByApi(client, Fajar, typed)).StatusCode);
        Assert.True(await CanSignIn(app, Fajar, NewPassword));

        // Used once: the same code again, and a person who now has a password, get the one clear message.
        var used = await ActivateByApi(client, Fajar, codes[Fajar][3], "Lain#2027baru");
        Assert.Equal(HttpStatusCode.BadRequest, used.StatusCode);
        Assert.StartsWith("NIP atau kode aktivasi tidak cocok", await Title(used));
        Assert.True(await CanSignIn(app, Fajar, NewPassword));
    }

    [Fact]
    public async Task Should_give_one_message_for_wrong_unknown_foreign_and_expired_codes()
    {
        await using var app = NewApp();
        await Import(app, Newcomers);
        var codes = await IssueByCli(app, "--unit", "DISKOMINFO");
        var client = ClientAddresses.From(app, "198.51.100.12");

        var wrong = await Title(await ActivateByApi(client, Wulan, "ABCD-EFGH-JK"));
        var unknownNip = await Title(await ActivateByApi(client, "199001012020011001", codes[Wulan][3]));
        var someoneElses = await Title(await ActivateByApi(client, Wulan, codes[Sinta][3]));
        var hasPassword = await Title(await ActivateByApi(client, "199501012020121004", codes[Wulan][3]));
        Assert.Equal(wrong, unknownNip);
        Assert.Equal(wrong, someoneElses);
        Assert.Equal(wrong, hasPassword);
        Assert.Contains("kedaluwarsa", wrong);

        // A weak password is named as such, whatever the code.
        var weak = await ActivateByApi(client, Sinta, codes[Sinta][3], "pendek");
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("minimal 8", await Title(weak));

        // The last day is still good (in the city's zone); the day after, not.
        var lastDay = DateOnly.ParseExact(codes[Sinta][4], "yyyy-MM-dd");
        var zone = app.Clock.LocalTimeZone;
        var start = lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue);
        app.Clock.Set(new DateTimeOffset(start, zone.GetUtcOffset(start)).AddMinutes(1));
        var expired = await ActivateByApi(client, Sinta, codes[Sinta][3]);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal(wrong, await Title(expired));
        app.Clock.Advance(TimeSpan.FromMinutes(-2));
        Assert.Equal(HttpStatusCode.NoContent, (await ActivateByApi(client, Wulan, codes[Wulan][3])).StatusCode);
        Assert.False(await CanSignIn(app, Sinta, NewPassword));
    }

    [Fact]
    public async Task Should_throttle_repeated_failures_with_429_and_Retry_After()
    {
        await using var app = NewApp();
        await Import(app, Newcomers);
        var codes = await IssueByCli(app, "--unit", "DISKOMINFO");
        var guesser = ClientAddresses.From(app, "203.0.113.20");

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await ActivateByApi(guesser, Wulan, $"AAAA-BBBB-C{ActivationCodes.Alphabet[i]}")).StatusCode);
        // Even the right code is not looked at while the guesser waits.
        var refused = await ActivateByApi(guesser, Wulan, codes[Wulan][3]);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("coba lagi", (await Title(refused)).ToLowerInvariant());

        // The page answers the same way.
        var page = await guesser.PostAsync("/activate", await LearningApp.FormWithToken(guesser, "/activate",
            new() { ["Nip"] = Wulan, ["Code"] = codes[Wulan][3], ["New"] = NewPassword, ["Confirm"] = NewPassword }));
        Assert.Equal((HttpStatusCode)429, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);

        // Once the wait is over, the owner gets in.
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.NoContent, (await ActivateByApi(guesser, Wulan, codes[Wulan][3])).StatusCode);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_let_exactly_one_of_two_simultaneous_activations_win(Db db)
    {
        await using var app = NewApp(db);
        await Import(app, Newcomers);
        var codes = await IssueByCli(app, "--unit", "DISKOMINFO");
        var answers = await Task.WhenAll(
            ActivateByApi(ClientAddresses.From(app, "198.51.100.31"), Wulan, codes[Wulan][3], "Pertama#2027"),
            ActivateByApi(ClientAddresses.From(app, "198.51.100.32"), Wulan, codes[Wulan][3], "Kedua#2027x"));
        Assert.Equal(new[] { HttpStatusCode.NoContent, HttpStatusCode.BadRequest }, answers.Select(a => a.StatusCode).OrderBy(s => (int)s));
        Assert.True(await CanSignIn(app, Wulan, "Pertama#2027") ^ await CanSignIn(app, Wulan, "Kedua#2027x"));
    }

    [Fact]
    public async Task Should_issue_a_printable_sheet_and_a_CSV_from_admin_and_activate_on_the_page()
    {
        await using var app = NewApp();
        await Import(app, Newcomers);
        var admin = await app.PagesAs("admin");
        Assert.Contains("href=\"/admin/activation-codes\"", await admin.GetStringAsync("/admin"));

        var sheet = await admin.PostAsync("/admin/activation-codes?handler=Sheet",
            await LearningApp.FormWithToken(admin, "/admin/activation-codes", new() { ["Unit"] = "DISKOMINFO" }));
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        var html = await sheet.Content.ReadAsStringAsync();
        Assert.Equal(3, Regex.Matches(html, "class=\"slip\"").Count);
        Assert.Contains("Wulan Sari", html);
        Assert.Contains(Wulan, html);
        Assert.Contains("/activate", html);
        Assert.Contains("@media print", html);
        var lastDay = app.Clock.LocalDate(app.Clock.GetUtcNow()).AddDays(30);
        Assert.Contains(lastDay.ToString("d MMMM yyyy", new System.Globalization.CultureInfo("id-ID")), html);
        var sheetCodes = SlipCode().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, sheetCodes.Count);

        // Without the antiforgery token nothing is issued.
        var forged = await admin.PostAsync("/admin/activation-codes?handler=Sheet",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Unit"] = "DISKOMINFO" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var csv = await admin.PostAsync("/admin/activation-codes?handler=Csv", await LearningApp.FormWithToken(admin, "/admin/activation-codes", new() { ["Unit"] = "DISKOMINFO" }));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("nip,name,unit,code,expires", lines[0]);
        Assert.Equal(4, lines.Length);
        // The CSV replaced the sheet's codes.
        var code = lines.Single(l => l.StartsWith(Wulan)).Split(',')[3];
        Assert.DoesNotContain(code, sheetCodes);

        // Only an administrator issues codes.
        var coordinator = await app.PagesAs("198203152006042001");
        var denied = await coordinator.GetAsync("/admin/activation-codes");
        Assert.Contains("/forbidden", denied.Headers.Location?.ToString());

        // The person, on the page, from the login page's link.
        var person = ClientAddresses.From(app, "198.51.100.40");
        Assert.Contains("href=\"/activate\"", await person.GetStringAsync("/login"));
        var mismatch = await person.PostAsync("/activate", await LearningApp.FormWithToken(person, "/activate",
            new() { ["Nip"] = Wulan, ["Code"] = code, ["New"] = NewPassword, ["Confirm"] = NewPassword + "x" }));
        Assert.Contains("tidak sama", await mismatch.Content.ReadAsStringAsync());
        var done = await person.PostAsync("/activate", await LearningApp.FormWithToken(person, "/activate",
            new() { ["Nip"] = Wulan, ["Code"] = code, ["New"] = NewPassword, ["Confirm"] = NewPassword }));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/login?activated=1", done.Headers.Location?.ToString());
        Assert.Contains("Akun Anda sudah aktif", await person.GetStringAsync("/login?activated=1"));
        await app.PagesAs(Wulan, NewPassword);

        var again = await person.PostAsync("/activate", await LearningApp.FormWithToken(person, "/activate",
            new() { ["Nip"] = Wulan, ["Code"] = code, ["New"] = NewPassword, ["Confirm"] = NewPassword }));
        Assert.Contains("NIP atau kode aktivasi tidak cocok", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_keep_a_citys_codes_to_that_city()
    {
        await using var app = NewApp();
        await app.AddTenant("salatiga", "Kota Salatiga", "salatiga.test");
        var units = Path.Combine(app.DataRoot, "units.csv");
        await File.WriteAllTextAsync(units, "code,name,parent_code\nDISKOMINFO,Diskominfo Kota Salatiga,\n");
        Assert.Equal(0, await Verbs.Run(app.Services, "import-organisation", ["--units", units, "--tenant", "salatiga"]));
        // The same NIP in both cities: two people, two accounts.
        await Import(app, Newcomers);
        await Import(app, $"nip,name,email,unit_code,position_code,supervisor_nip,roles\n{Wulan},Wulan Salatiga,,DISKOMINFO,,,\n", "salatiga");

        var salatiga = await IssueByCli(app, "--all", "--tenant", "salatiga");
        Assert.Equal(new[] { Wulan }, salatiga.Keys);
        Assert.Equal("Diskominfo Kota Salatiga", salatiga[Wulan][2]);
        var semarang = await IssueByCli(app, "--unit", "DISKOMINFO");

        var inSemarang = ClientAddresses.From(app, "198.51.100.50");
        Assert.Equal(HttpStatusCode.BadRequest, (await ActivateByApi(inSemarang, Wulan, salatiga[Wulan][3])).StatusCode);
        var inSalatiga = app.ClientFor("salatiga.test");
        Assert.Equal(HttpStatusCode.BadRequest, (await ActivateByApi(inSalatiga, Wulan, semarang[Wulan][3])).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ActivateByApi(inSalatiga, Wulan, salatiga[Wulan][3])).StatusCode);

        Assert.True(await CanSignIn(app, Wulan, NewPassword, "salatiga.test"));
        Assert.False(await CanSignIn(app, Wulan, NewPassword));
    }

    [GeneratedRegex("^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{2}$")]
    private static partial Regex CodeShape();

    [GeneratedRegex("class=\"code\">([A-Z0-9-]{12})<")]
    private static partial Regex SlipCode();
}
