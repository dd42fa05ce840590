using System.Text.RegularExpressions;
using Learning.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Accounts;

/// <summary>
/// Single sign-on through the browser against a real OpenID Connect provider (<see cref="OidcProvider"/>): the app's
/// login page, the provider's own form, and back signed in — or refused — by the NIP the provider vouches for.
/// </summary>
public sealed class SingleSignOnTests(SingleSignOnTests.SsoCities sso) : IClassFixture<SingleSignOnTests.SsoCities>
{
    /// <summary>The provider first (its address goes into the app's settings), then both demo cities on one server.</summary>
    public sealed class SsoCities : IAsyncLifetime
    {
        public OidcProvider Provider { get; } = new(new Dictionary<string, OidcProvider.Person>
        {
            ["agus"] = new("AGUS P.", "199005172015031001"), // Semarang's demo learner
            ["yoga"] = new("YOGA P.", "1993 1105 2018 03 1002"), // Salatiga's, as a provider might space it
            ["tamu"] = new("Tamu Dinas", "199901012024011001"), // an ASN the city never imported
        });
        public BrowserApp Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Provider.StartAsync();
            Browser = new App(new Dictionary<string, string?>
            {
                ["DemoSalatiga"] = "true",
                ["Authentication:Oidc:Authority"] = Provider.Authority,
                ["Authentication:Oidc:ClientId"] = OidcProvider.ClientId,
                ["Authentication:Oidc:ClientSecret"] = OidcProvider.ClientSecret,
                ["Authentication:Oidc:NipClaim"] = "nip",
                ["Authentication:Oidc:DisplayName"] = "Portal ASN",
            });
            await Browser.InitializeAsync();
            // As an operator registers the app at the provider: one callback per city address.
            Provider.AllowRedirect(Browser.BaseUrl + "/signin-oidc");
            Provider.AllowRedirect(Browser.BaseUrl + "/t/salatiga/signin-oidc");
            Provider.AllowSignedOutRedirect(Browser.BaseUrl + "/signout-callback-oidc");
            Provider.AllowSignedOutRedirect(Browser.BaseUrl + "/t/salatiga/signout-callback-oidc");
        }

        public async Task DisposeAsync()
        {
            await Browser.DisposeAsync();
            await Provider.DisposeAsync();
        }

        private sealed class App(IDictionary<string, string?> settings) : BrowserApp(settings);
    }

    private BrowserApp Browser => sso.Browser;

    [Fact]
    public async Task Should_sign_a_learner_in_through_the_provider_and_greet_them_by_their_name_here()
    {
        var page = await (await Browser.Phone()).NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Masuk dengan Portal ASN" }).ClickAsync();

        await SignInAtProvider(page, "agus");
        await page.WaitForURLAsync(Browser.BaseUrl + "/");
        // The app's own name for the person, not the provider's.
        Assert.Equal("Selamat datang, Agus Prasetyo", await page.Locator("h1").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "sso-home-390.png"), FullPage = true });

        // A session like any other: logging out ends it, and the home page asks for a login again.
        await page.GotoAsync("/logout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).ClickAsync();
        await page.WaitForURLAsync(Browser.BaseUrl + "/login");
        await page.GotoAsync("/");
        await page.WaitForURLAsync(new Regex("/login\\?ReturnUrl=%2F$"));

        // Logging out here ended the provider's session too: on a shared computer the next person is asked for a password.
        await page.GetByRole(AriaRole.Link, new() { Name = "Masuk dengan Portal ASN" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("^" + Regex.Escape(sso.Provider.Authority) + "/account/login"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Should_refuse_a_NIP_the_city_does_not_know_and_say_so_on_the_login_page()
    {
        var page = await (await Browser.Phone()).NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Masuk dengan Portal ASN" }).ClickAsync();

        await SignInAtProvider(page, "tamu");
        await page.WaitForURLAsync(Browser.BaseUrl + "/login?sso=unknown");
        Assert.Equal("Akun Portal ASN Anda tidak terhubung ke pegawai mana pun di sini: NIP Anda belum terdaftar. "
            + "Hubungi admin kepegawaian (BKPSDM) untuk didaftarkan.", (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "sso-unknown-390.png") });
        // Nobody was signed in.
        await page.GotoAsync("/");
        await page.WaitForURLAsync(new Regex("/login\\?ReturnUrl=%2F$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Should_keep_a_city_under_its_path_prefix_and_match_only_its_own_people()
    {
        var salatiga = Browser.BaseUrl + "/t/salatiga";

        // Semarang's learner is nobody in Salatiga, whatever the provider says.
        var stranger = await (await Browser.Phone()).NewPageAsync();
        await stranger.GotoAsync(salatiga + "/login");
        await stranger.GetByRole(AriaRole.Link, new() { Name = "Masuk dengan Portal ASN" }).ClickAsync();
        await SignInAtProvider(stranger, "agus");
        await stranger.WaitForURLAsync(salatiga + "/login?sso=unknown");
        await Assertions.Expect(stranger.GetByRole(AriaRole.Alert)).ToContainTextAsync("NIP Anda belum terdaftar");
        await stranger.Context.CloseAsync();

        // Salatiga's own learner, sent to log in from a page deep in the city, comes back to that page.
        var page = await (await Browser.Phone()).NewPageAsync();
        await page.GotoAsync(salatiga + "/courses");
        await page.WaitForURLAsync(new Regex("/t/salatiga/login\\?ReturnUrl="));
        await page.GetByRole(AriaRole.Link, new() { Name = "Masuk dengan Portal ASN" }).ClickAsync();
        await SignInAtProvider(page, "yoga");
        await page.WaitForURLAsync(salatiga + "/courses");
        await page.GotoAsync(salatiga + "/");
        Assert.Equal("Selamat datang, Yoga Pratama", await page.Locator("h1").InnerTextAsync());
        // Signed in to Salatiga only: Semarang at / still asks for a login.
        await page.GotoAsync(Browser.BaseUrl + "/");
        await page.WaitForURLAsync(new Regex("^[^?]+/login\\?ReturnUrl=%2F$"));
        await page.Context.CloseAsync();
    }

    /// <summary>The provider's own login form.</summary>
    private async Task SignInAtProvider(IPage page, string userName)
    {
        await page.WaitForURLAsync(new Regex("^" + Regex.Escape(sso.Provider.Authority) + "/account/login"));
        await page.GetByLabel("Nama pengguna").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(OidcProvider.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk ke Portal ASN" }).ClickAsync();
    }
}
