using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;

namespace Learning.Web.Tests.Flows;

public sealed class AccountsTests(AccountsTests.DemoApp demo) : IClassFixture<AccountsTests.DemoApp>
{
    public sealed class DemoApp() : IAsyncLifetime
    {
        public LearningApp App { get; } = new(Db.Sqlite, demo: true, new Dictionary<string, string?> { ["Accounts:Throttle:PerAccountAndAddress"] = "3" });
        public Task InitializeAsync() { App.CreateClient(); return Task.CompletedTask; }
        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private LearningApp App => demo.App;

    public static TheoryData<string> DemoAccounts => new(DemoSeeder.Accounts);

    [Theory]
    [MemberData(nameof(DemoAccounts))]
    public async Task Should_let_every_demo_account_log_in_on_the_page_and_get_a_token(string userName)
    {
        var pages = await App.PagesAs(userName);
        var home = await pages.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Selamat datang", await home.Content.ReadAsStringAsync());

        var api = await App.ApiAs(userName);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Should_log_in_by_NIP_typed_with_spaces()
    {
        var client = App.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "19900517 201503 1 001", password = DemoSeeder.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > App.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Should_show_a_clear_Indonesian_message_for_a_wrong_password()
    {
        var client = App.CreateClient();
        var form = await LearningApp.FormWithToken(client, "/login", new() { ["UserName"] = "199208082019022003", ["Password"] = "salah" });
        var page = await (await client.PostAsync("/login", form)).Content.ReadAsStringAsync();
        Assert.Contains("NIP/nama pengguna atau kata sandi salah.", page);
    }

    [Fact]
    public async Task Should_slow_down_the_login_after_repeated_failures()
    {
        await App.WithScope(async sp =>
            await sp.GetRequiredService<Learning.Accounts.Contracts.IAccountAdministration>().EnsureServiceAccount(
                "lockme", "Lock Me", "Rahasia#2026", [], CancellationToken.None));
        var client = App.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "lockme", password = "keliru" })).StatusCode);
        // Past the limit this client waits (429, Retry-After) before any password is checked again, even the right one;
        // nothing is locked (SignInAndSessionsTests: the owner signs in from elsewhere).
        var throttled = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "lockme", password = "Rahasia#2026" });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Terlalu banyak percobaan", await throttled.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_answer_the_API_with_problem_json_not_a_login_page()
    {
        var client = App.CreateClient();
        var anonymous = await client.GetAsync("/api/v1/me/nothing-here");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var api = await App.ApiAs("199005172015031001");
        var missing = await api.GetAsync("/api/v1/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        var badToken = App.CreateClient();
        badToken.DefaultRequestHeaders.Authorization = new("Bearer", "forged-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await badToken.GetAsync("/api/v1/courses")).StatusCode);
    }

    [Fact]
    public async Task Should_send_anonymous_people_to_the_login_page()
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Should_let_an_administrator_reset_a_password_which_must_then_be_changed()
    {
        var admin = await App.PagesAs("admin");
        var form = await LearningApp.FormWithToken(admin, "/admin/users?q=1995", new() { ["userName"] = "199501012020121004", ["q"] = "1995" });
        var page = await (await admin.PostAsync("/admin/users?handler=Reset", form)).Content.ReadAsStringAsync();
        var temporary = System.Text.RegularExpressions.Regex.Match(page, "id=\"temporary-password\">([^<]+)<").Groups[1].Value;
        Assert.Equal(12, temporary.Length);

        // The old password no longer works; the temporary one leads to the change-password page.
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().PostAsJsonAsync("/api/v1/auth/token",
            new { userName = "199501012020121004", password = DemoSeeder.Password })).StatusCode);
        var learner = App.CreateClient(new() { AllowAutoRedirect = false });
        var login = await learner.PostAsync("/login", await LearningApp.FormWithToken(learner, "/login",
            new() { ["UserName"] = "199501012020121004", ["Password"] = temporary }));
        Assert.Equal("/account/password?required=1", login.Headers.Location!.OriginalString);

        var change = await learner.PostAsync("/account/password", await LearningApp.FormWithToken(learner, "/account/password",
            new() { ["current"] = temporary, ["new"] = "BaruSekali2026", ["confirm"] = "BaruSekali2026" }));
        Assert.Contains("Kata sandi sudah diganti.", await change.Content.ReadAsStringAsync());
        await App.ApiAs("199501012020121004", "BaruSekali2026");

        // Put the demo password back for the other tests.
        await App.WithScope(sp => sp.GetRequiredService<Learning.Accounts.Contracts.IAccountAdministration>()
            .SetPassword("199501012020121004", DemoSeeder.Password, false));
    }

    [Fact]
    public async Task Should_refuse_the_administration_pages_to_a_learner()
    {
        var learner = await App.PagesAs("199005172015031001");
        var response = await learner.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/forbidden", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Should_refuse_a_form_without_its_antiforgery_token()
    {
        var learner = await App.PagesAs("199005172015031001");
        var response = await learner.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["current"] = DemoSeeder.Password, ["new"] = "TanpaToken2026", ["confirm"] = "TanpaToken2026",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await App.ApiAs("199005172015031001"); // password unchanged
    }

    [Fact]
    public async Task Should_switch_to_English_and_keep_the_choice_for_the_person()
    {
        var client = await App.PagesAs("199208082019022003");
        var switched = await client.PostAsync("/language", await LearningApp.FormWithToken(client, "/",
            new() { ["language"] = "en", ["returnUrl"] = "/" }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("Welcome", await client.GetStringAsync("/"));

        // A new device: logging in brings the person's language back.
        var other = await App.PagesAs("199208082019022003");
        Assert.Contains("Welcome", await other.GetStringAsync("/"));
        await client.PostAsync("/language", await LearningApp.FormWithToken(client, "/", new() { ["language"] = "id", ["returnUrl"] = "/" }));
        Assert.Contains("Selamat datang", await client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Should_show_an_Indonesian_page_for_an_unknown_address()
    {
        var client = await App.PagesAs("199005172015031001");
        var response = await client.GetAsync("/tidak-ada");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Halaman tidak ditemukan", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_describe_the_API_in_OpenAPI()
    {
        var document = await App.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/auth/token", out _));
    }

    [Fact]
    public async Task Should_render_the_home_page_light_and_accessible()
    {
        var client = await App.PagesAs("199005172015031001");
        var html = await client.GetStringAsync("/");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<main[ >]"));
        Assert.Contains("lang=\"id\"", html);
        Assert.Contains("name=\"viewport\"", html);
        var css = await client.GetByteArrayAsync(System.Text.RegularExpressions.Regex.Match(html, "href=\"(/_content/[^\"]+)\"").Groups[1].Value);
        Assert.True(html.Length + css.Length < 250 * 1024, $"home page with CSS is {html.Length + css.Length} bytes");
    }
}
