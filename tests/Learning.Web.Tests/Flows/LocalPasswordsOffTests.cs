using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// A city that signs its people in with its own provider (issue 16): Authentication:LocalPasswords=false leaves a
/// password only to admin, on the login form and at the token endpoint. The sign-in itself is a browser test against a
/// real provider (Learning.Browser.Tests, SingleSignOnTests).
/// </summary>
public sealed class LocalPasswordsOffTests(LocalPasswordsOffTests.SsoCity city) : IClassFixture<LocalPasswordsOffTests.SsoCity>
{
    public sealed class SsoCity : IAsyncLifetime
    {
        public LearningApp App { get; } = new(Db.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Authentication:LocalPasswords"] = "false",
            // Never reached here: the page only names it.
            ["Authentication:Oidc:Authority"] = "https://sso.example.invalid",
            ["Authentication:Oidc:ClientId"] = "learning",
            ["Authentication:Oidc:DisplayName"] = "Portal ASN",
        });
        public Task InitializeAsync() { App.CreateClient(); return Task.CompletedTask; }
        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private LearningApp App => city.App;
    private const string Refusal = "Kata sandi tidak lagi dipakai untuk masuk (kecuali admin). Silakan masuk dengan Portal ASN.";

    [Fact]
    public async Task Should_refuse_a_learners_right_password_on_the_login_form_with_a_clear_message()
    {
        var client = App.ClientFor(null, pages: true);
        var response = await client.PostAsync("/login", await LearningApp.FormWithToken(client, "/login",
            new() { ["UserName"] = "199005172015031001", ["Password"] = DemoSeeder.Password }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Refusal, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        // Not signed in: the home page still sends them to the login page.
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/login", home.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Should_refuse_a_learners_password_at_the_token_endpoint_as_problem_json()
    {
        var response = await App.CreateClient().PostAsJsonAsync("/api/v1/auth/token",
            new { userName = "199005172015031001", password = DemoSeeder.Password });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(Refusal, (string?)problem["title"]);
        Assert.False(problem.AsObject().ContainsKey("accessToken"));
    }

    [Fact]
    public async Task Should_still_let_admin_sign_in_with_a_password_by_form_and_by_token()
    {
        var pages = await App.PagesAs("admin");
        var admin = await pages.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);

        var api = await App.ApiAs("admin");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/reports/courses")).StatusCode);
    }

    [Fact]
    public async Task Should_offer_the_provider_first_and_keep_the_password_form_for_admin_out_of_the_way()
    {
        var html = WebUtility.HtmlDecode(await App.CreateClient().GetStringAsync("/login?ReturnUrl=%2Fcourses"));

        Assert.Contains("Masuk dengan akun Portal ASN Anda.", html);
        Assert.Contains("<a class=\"button\" href=\"/login/sso?returnUrl=%2Fcourses\">Masuk dengan Portal ASN</a>", html);
        Assert.Contains("<summary>Masuk dengan kata sandi (khusus admin)</summary>", html);
        Assert.True(html.IndexOf("Masuk dengan Portal ASN</a>", StringComparison.Ordinal) < html.IndexOf("<details>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_say_why_when_the_provider_sends_someone_back()
    {
        var html = WebUtility.HtmlDecode(await App.CreateClient().GetStringAsync("/login?sso=unknown"));
        Assert.Contains("Akun Portal ASN Anda tidak terhubung ke pegawai mana pun di sini: NIP Anda belum terdaftar.", html);
        var failed = WebUtility.HtmlDecode(await App.CreateClient().GetStringAsync("/login?sso=failed"));
        Assert.Contains("Masuk dengan Portal ASN tidak berhasil. Silakan coba lagi.", failed);
    }
}
