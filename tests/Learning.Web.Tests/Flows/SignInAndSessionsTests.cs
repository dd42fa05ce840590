using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Learning.Accounts.Contracts;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Sign-in throttling instead of a lock a stranger can set off, sessions that end on the server, temporary passwords
/// that open only the change-password page, and what browsers are told and refused (issue 15, findings 4 to 6).
/// Clients name their address with <see cref="ClientAddresses"/>; the clock only moves when a test moves it.
/// </summary>
public sealed class SignInAndSessionsTests(SignInAndSessionsTests.DemoApp demo) : IClassFixture<SignInAndSessionsTests.DemoApp>
{
    public sealed class DemoApp : IAsyncLifetime
    {
        public LearningApp App { get; } = new(Db.Sqlite, demo: true, configureServices: ClientAddresses.Add);
        public Task InitializeAsync() { App.CreateClient(); return Task.CompletedTask; }
        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private LearningApp App => demo.App;

    private static Task<HttpResponseMessage> Token(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });

    // ---- Finding 4: throttling, not lockout ----

    [Fact]
    public async Task Should_let_the_administrator_sign_in_while_a_stranger_keeps_failing_from_another_address()
    {
        var stranger = ClientAddresses.From(App, "203.0.113.66");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(stranger, "admin", "tebakan-" + i)).StatusCode);
        for (var i = 0; i < 5; i++)
        {
            var refused = await Token(stranger, "admin", "tebakan-lagi-" + i);
            Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        }

        // The owner, from their own address, is not kept out: by the API and by the login page.
        var owner = ClientAddresses.From(App, "198.51.100.7");
        Assert.Equal(HttpStatusCode.OK, (await Token(owner, "admin", DemoSeeder.Password)).StatusCode);
        var login = await owner.PostAsync("/login", await LearningApp.FormWithToken(owner, "/login",
            new() { ["UserName"] = "admin", ["Password"] = DemoSeeder.Password }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Should_answer_an_unknown_login_exactly_as_a_wrong_password_every_time()
    {
        async Task<List<string>> Answers(string userName, string address)
        {
            var client = ClientAddresses.From(App, address);
            var answers = new List<string>();
            for (var i = 0; i < 7; i++)
            {
                var response = await Token(client, userName, "bukan-sandinya");
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
                body.Remove("traceId");
                answers.Add($"{(int)response.StatusCode} {response.Headers.RetryAfter} {body.ToJsonString()}");
            }
            return answers;
        }

        var known = await Answers("199208082019022003", "192.0.2.10");
        var unknown = await Answers("199909092099091009", "192.0.2.11");
        Assert.Equal(known, unknown);
        Assert.StartsWith("401 ", known[0]);
        Assert.StartsWith("429 ", known[^1]);

        // The page too: one message, whether the login exists or not.
        async Task<string> PageMessage(string userName, string address)
        {
            var client = ClientAddresses.From(App, address);
            var page = await (await client.PostAsync("/login", await LearningApp.FormWithToken(client, "/login",
                new() { ["UserName"] = userName, ["Password"] = "bukan-sandinya" }))).Content.ReadAsStringAsync();
            return Regex.Match(page, "role=\"alert\">([^<]+)<").Groups[1].Value;
        }
        var knownMessage = await PageMessage("admin", "192.0.2.12");
        Assert.Equal("NIP/nama pengguna atau kata sandi salah.", knownMessage);
        Assert.Equal(knownMessage, await PageMessage("tidak-ada-orangnya", "192.0.2.13"));
    }

    [Fact]
    public async Task Should_answer_429_with_Retry_After_beyond_the_limit_and_wait_longer_each_time()
    {
        await App.WithScope(sp => sp.GetRequiredService<IAccountAdministration>()
            .EnsureServiceAccount("lambat", "Akun Lambat", "Rahasia#2026", [], CancellationToken.None));
        var client = ClientAddresses.From(App, "192.0.2.50");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(client, "lambat", "keliru")).StatusCode);

        // Past the limit even the right password is not checked: the answer says how long to wait, in Indonesian.
        var throttled = await Token(client, "lambat", "Rahasia#2026");
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(30), throttled.Headers.RetryAfter?.Delta);
        Assert.Contains("Tunggu 30 detik", await throttled.Content.ReadAsStringAsync());

        var page = await client.PostAsync("/login", await LearningApp.FormWithToken(client, "/login",
            new() { ["UserName"] = "lambat", ["Password"] = "Rahasia#2026" }));
        Assert.Equal((HttpStatusCode)429, page.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), page.Headers.RetryAfter?.Delta);
        Assert.Contains("Terlalu banyak percobaan masuk yang gagal. Tunggu 30 detik", await page.Content.ReadAsStringAsync());

        // After the wait one more guess is checked; failing again doubles the wait.
        App.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token(client, "lambat", "keliru")).StatusCode);
        var longer = await Token(client, "lambat", "Rahasia#2026");
        Assert.Equal((HttpStatusCode)429, longer.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), longer.Headers.RetryAfter?.Delta);

        App.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await Token(client, "lambat", "Rahasia#2026")).StatusCode);
        // Success forgets this address's failures for the login.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token(client, "lambat", "keliru")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Token(client, "lambat", "Rahasia#2026")).StatusCode);
    }

    // ---- Finding 5: sessions that end ----

    /// <summary>Logs in through the form and returns the browser and a copy of its login cookie.</summary>
    private async Task<(HttpClient Browser, string Cookie)> LogIn(string userName, string address, string password = DemoSeeder.Password)
    {
        var browser = ClientAddresses.From(App, address);
        var response = await browser.PostAsync("/login", await LearningApp.FormWithToken(browser, "/login",
            new() { ["UserName"] = userName, ["Password"] = password }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("learning.auth=", StringComparison.Ordinal));
        return (browser, cookie[..cookie.IndexOf(';')]);
    }

    private HttpClient WithCookie(string cookie)
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    [Fact]
    public async Task Should_refuse_a_captured_cookie_after_logout()
    {
        var (browser, cookie) = await LogIn("199005172015031001", "192.0.2.20");
        var thief = WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/")).StatusCode);

        var logout = await browser.PostAsync("/logout", await LearningApp.FormWithToken(browser, "/", new()));
        Assert.Equal("/login", logout.Headers.Location!.OriginalString);

        var replayed = await thief.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/login", replayed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/v1/courses")).StatusCode);
    }

    [Fact]
    public async Task Should_keep_a_used_session_open_through_stamp_checks_and_cookie_renewals()
    {
        var (browser, _) = await LogIn("199005172015031001", "192.0.2.25");
        // Past the security-stamp interval (30 minutes) the principal is rebuilt: it keeps its session.
        App.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        // A cookie renewed on day 8 stays good on day 16, beyond the first 14 days of its session.
        App.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        App.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Should_end_a_session_on_every_web_node()
    {
        await using var nodeA = new LearningApp(Db.Postgres);
        _ = nodeA.Server; // migrates and seeds the shared database
        await using var nodeB = new LearningApp(Db.Postgres, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Learning"] = nodeA.ConnectionString,
        });
        const string learner = "199005172015031001";
        var onA = await nodeA.PagesAs(learner);
        var tokenOnA = await nodeA.ApiAs(learner);
        var onB = nodeB.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var token = tokenOnA.DefaultRequestHeaders.Authorization!;
        onB.DefaultRequestHeaders.Authorization = token;
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/courses")).StatusCode);

        // The password is reset through node A; node B refuses the token soon after (it reads the stamps again within a second).
        await nodeA.WithScope(sp => sp.GetRequiredService<IAccountAdministration>().SetPassword(learner, "Baru#Sekali2026", false));
        var refused = false;
        for (var watch = System.Diagnostics.Stopwatch.StartNew(); !refused && watch.Elapsed < TimeSpan.FromSeconds(10);)
        {
            refused = (await onB.GetAsync("/api/v1/courses")).StatusCode == HttpStatusCode.Unauthorized;
            if (!refused) await Task.Delay(100);
        }
        Assert.True(refused, "node B still took a token whose sessions were ended on node A");
        Assert.StartsWith("/login", (await onA.GetAsync("/")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Should_end_every_cookie_and_token_when_an_administrator_resets_the_password()
    {
        const string learner = "199208082019022003";
        var (browser, _) = await LogIn(learner, "192.0.2.21");
        var api = await App.ApiAs(learner);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/courses")).StatusCode);

        var admin = await App.PagesAs("admin");
        var reset = await admin.PostAsync("/admin/users?handler=Reset", await LearningApp.FormWithToken(admin, "/admin/users?q=" + learner,
            new() { ["userName"] = learner, ["q"] = learner }));
        Assert.Contains("id=\"temporary-password\"", await reset.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/courses")).StatusCode);
        var page = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.OriginalString);

        await App.WithScope(sp => sp.GetRequiredService<IAccountAdministration>().SetPassword(learner, DemoSeeder.Password, false));
    }

    [Fact]
    public async Task Should_end_the_other_sessions_when_a_person_changes_their_password()
    {
        const string supervisor = "197811202003121002";
        var (here, _) = await LogIn(supervisor, "192.0.2.22");
        var (elsewhere, _) = await LogIn(supervisor, "192.0.2.23");
        var api = await App.ApiAs(supervisor);

        var change = await here.PostAsync("/account/password", await LearningApp.FormWithToken(here, "/account/password",
            new() { ["current"] = DemoSeeder.Password, ["new"] = "GantiSendiri2026", ["confirm"] = "GantiSendiri2026" }));
        Assert.Contains("Kata sandi sudah diganti.", await change.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/")).StatusCode); // this browser goes on
        Assert.StartsWith("/login", (await elsewhere.GetAsync("/")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/courses")).StatusCode);

        await App.WithScope(sp => sp.GetRequiredService<IAccountAdministration>().SetPassword(supervisor, DemoSeeder.Password, false));
    }

    [Fact]
    public async Task Should_let_a_temporary_password_open_only_the_change_password_page()
    {
        const string learner = "199501012020121004";
        var temporary = "Sementara" + Random.Shared.Next(1000, 9999);
        await App.WithScope(sp => sp.GetRequiredService<IAccountAdministration>().SetPassword(learner, temporary, mustChangeAtNextLogin: true));

        var (browser, _) = await LogIn(learner, "192.0.2.24", temporary);
        foreach (var url in new[] { "/", "/courses", "/career-record", "/notifications" })
        {
            var response = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/password?required=1", response.Headers.Location!.OriginalString);
        }
        var passwordPage = await browser.GetStringAsync("/account/password?required=1");
        Assert.Contains("Buat kata sandi baru sebelum melanjutkan", passwordPage);
        var css = Regex.Match(passwordPage, "href=\"(/_content/[^\"]+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(css)).StatusCode);

        var cookieApi = await browser.GetAsync("/api/v1/courses");
        Assert.Equal(HttpStatusCode.Forbidden, cookieApi.StatusCode);
        Assert.Equal("application/problem+json", cookieApi.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Kata sandi sementara harus diganti dulu", await cookieApi.Content.ReadAsStringAsync());
        var token = await Token(ClientAddresses.From(App, "192.0.2.24"), learner, temporary);
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        Assert.Contains("Kata sandi sementara harus diganti dulu", await token.Content.ReadAsStringAsync());

        var change = await browser.PostAsync("/account/password", await LearningApp.FormWithToken(browser, "/account/password",
            new() { ["current"] = temporary, ["new"] = "PilihanSendiri2026", ["confirm"] = "PilihanSendiri2026" }));
        Assert.Contains("Kata sandi sudah diganti.", await change.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        await App.ApiAs(learner, "PilihanSendiri2026");

        await App.WithScope(sp => sp.GetRequiredService<IAccountAdministration>().SetPassword(learner, DemoSeeder.Password, false));
    }

    // ---- Finding 6: what browsers are told and refused ----

    [Fact]
    public async Task Should_send_the_security_headers_on_pages_static_files_and_errors()
    {
        var client = await App.PagesAs("198203152006042001");
        var home = await client.GetAsync("/");
        var css = Regex.Match(await home.Content.ReadAsStringAsync(), "href=\"(/_content/[^\"]+)\"").Groups[1].Value;
        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["page"] = home,
            ["login page"] = await App.CreateClient().GetAsync("/login"),
            ["static file"] = await client.GetAsync(css),
            ["404 page"] = await client.GetAsync("/tidak-ada"),
            ["API 404"] = await client.GetAsync("/api/v1/tidak-ada"),
        };
        Assert.Equal(HttpStatusCode.NotFound, responses["404 page"].StatusCode);
        foreach (var (what, response) in responses)
        {
            string Header(string name) => response.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "";
            var csp = Header("Content-Security-Policy");
            Assert.True(csp.Contains("frame-ancestors 'none'") && csp.Contains("script-src 'self';") && csp.Contains("object-src 'none'"), $"{what}: CSP '{csp}'");
            Assert.True(Header("X-Content-Type-Options") == "nosniff", what);
            Assert.True(Header("X-Frame-Options") == "DENY", what);
            Assert.True(Header("Referrer-Policy") == "same-origin", what);
            Assert.True(Header("Permissions-Policy").Contains("camera=()"), what);
        }
        // No inline script left for the policy to block.
        Assert.DoesNotMatch("<script>|<script [^>]*>[^<]", await client.GetStringAsync("/career-record"));
    }

    [Fact]
    public async Task Should_refuse_a_cross_site_text_plain_or_empty_post_that_carries_the_cookie()
    {
        var (browser, _) = await LogIn("198203152006042001", "192.0.2.30");

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/v1/notifications/read-all")
            { Content = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain") };
        crossSite.Headers.Add("Origin", "https://penyerang.example");
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        var refused = await browser.SendAsync(crossSite);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        Assert.Contains("bukan dari situs lain", await refused.Content.ReadAsStringAsync());

        // Without a sign of the other site (an older browser), a text/plain or empty post still needs the form's token.
        var plain = await browser.PostAsync("/api/v1/notifications/read-all", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("token keamanan formulir", await plain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/api/v1/notifications/read-all", null)).StatusCode);

        // JSON from our own origin passes, as does any body with a bearer token.
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/v1/notifications/read-all") { Content = JsonContent.Create(new { }) };
        sameOrigin.Headers.Add("Origin", "http://localhost");
        Assert.True((await browser.SendAsync(sameOrigin)).IsSuccessStatusCode);
        var api = await App.ApiAs("198203152006042001");
        Assert.True((await api.PostAsync("/api/v1/notifications/read-all", new StringContent("", System.Text.Encoding.UTF8, "text/plain"))).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Should_not_reflect_a_forged_Host_header()
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false });
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/");
        forged.Headers.Host = "penyerang.example";
        var response = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("penyerang", response.Headers.Location?.OriginalString ?? "");

        // Redirects name a path, never a host taken from the request.
        var redirect = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.False(redirect.Headers.Location!.IsAbsoluteUri, redirect.Headers.Location.OriginalString);
        Assert.StartsWith("/login?ReturnUrl=", redirect.Headers.Location.OriginalString);
    }
}
