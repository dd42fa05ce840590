using Learning.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on a real socket (Kestrel on a free loopback port) and Debian's Chromium driven by
/// Playwright. One per test class; each test opens its own browser context.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    public BrowserApp() : this(null) { }

    /// <param name="settings">Configuration for a fixture of its own (e.g. both demo cities).</param>
    protected BrowserApp(IDictionary<string, string?>? settings) => App = new(Db.Sqlite, settings: settings);

    public LearningApp App { get; }
    public string BaseUrl { get; private set; } = "";
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LEARNING_TEST_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A phone: 390 px wide, touch, Indonesian.</summary>
    public Task<IBrowserContext> Phone(string? baseUrl = null) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2, IsMobile = true, HasTouch = true, Locale = "id-ID", BaseURL = baseUrl ?? BaseUrl,
    });

    /// <summary>The same server under another host name (a tenant's: Chromium sends *.localhost to this machine).</summary>
    public string UrlOn(string host) => new UriBuilder(BaseUrl) { Host = host }.Uri.ToString().TrimEnd('/');

    public async Task<IPage> LoggedInPhone(string userName, string password = Web.Demo.DemoSeeder.Password, string? baseUrl = null)
    {
        var page = await (await Phone(baseUrl)).NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("NIP atau nama pengguna").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        return page;
    }

    public static string Screenshots => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
