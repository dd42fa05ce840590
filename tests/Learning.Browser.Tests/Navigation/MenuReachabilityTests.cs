using System.Text.RegularExpressions;
using Learning.Browser.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Navigation;

/// <summary>
/// Nobody needs the README to find a page: signed in as each demo role, starting at "/" and following only the links of
/// the menu and of the pages reached that way (same site, no downloads, no logout, no forms), every page that role may
/// open is reached. On a phone the menu opens from its button; on a wide screen it is a bar, shown without a click.
/// </summary>
public sealed partial class MenuReachabilityTests(BrowserApp browser, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private const string Learner = "199005172015031001", Supervisor = "197811202003121002", Coordinator = "198203152006042001";

    private static readonly string[] Everyone = ["/account/password", "/notifications", "/notifications/settings"];
    private static readonly string[] Learning = ["/", "/courses", "/career-record", "/assignments/mine", "/career-record/assessment", "/learn/offline", "/classes", "/classes/calendar", .. Everyone];

    /// <summary>The pages each role may open whose address holds no id (those open from a list: a course, a lesson, a user).</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["learner"] = Learning,
        ["supervisor"] = [.. Learning, "/team", "/approvals", "/assignments/new", "/career-record/assessment/team"],
        ["coordinator"] = [.. Learning, "/authoring", "/authoring/classes", "/authoring/classes/new", "/authoring/paths", "/reports", "/reports/evaluations", "/team", "/assignments/new", "/approvals",
            "/career-records/verification", "/career-records/compliance", "/certificates/revoke", "/competencies/standards"],
        ["admin"] = ["/admin", "/admin/users", "/admin/activation-codes", "/admin/organisation", "/admin/jobs", "/admin/audit",
            "/admin/tenants", "/approvals", "/authoring", "/authoring/classes", "/authoring/classes/new", "/authoring/paths", "/competencies/standards", "/reports", "/reports/evaluations", .. Everyone],
    };

    /// <summary>
    /// Pages without an id that are no menu's business: signing in and out, the language switch, error pages, and the page
    /// the service worker shows offline.
    /// </summary>
    private static readonly string[] OutsideMenus = ["/login", "/logout", "/activate", "/forgot-password", "/reset-password", "/language", "/forbidden", "/offline"];

    [Theory]
    [InlineData("learner", Learner, 390)]
    [InlineData("supervisor", Supervisor, 390)]
    [InlineData("coordinator", Coordinator, 1280)]
    [InlineData("admin", "admin", 1280)]
    public async Task Should_reach_every_page_a_role_may_open_from_the_menu(string role, string login, int width)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = width > 600 ? 800 : 844 },
            DeviceScaleFactor = 1, IsMobile = width <= 600, HasTouch = width <= 600, Locale = "id-ID", BaseURL = browser.BaseUrl,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("NIP atau nama pengguna").FillAsync(login);
        await page.GetByLabel("Kata sandi").FillAsync(Web.Demo.DemoSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/");

        // The menu can be used at this width: a button that opens a list on a phone, a bar on a wide screen.
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Navigasi utama" });
        var firstLink = nav.GetByRole(AriaRole.Link).First;
        if (width <= 600)
        {
            Assert.False(await firstLink.IsVisibleAsync());
            await page.Locator("summary", new() { HasText = "Menu" }).ClickAsync();
        }
        Assert.True(await firstLink.IsVisibleAsync(), $"the menu's links are not visible at {width} px");
        var scroll = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scroll <= width, $"the page with its menu is {scroll} px wide at {width} px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, $"menu-{role}-{width}.png") });

        var (reached, broken, sizes) = await Crawl(context);
        await context.CloseAsync();

        // Light pages on a phone's connection: every page reached, menu and all, under 250 KB of HTML.
        var heaviest = sizes.MaxBy(p => p.Value);
        output.WriteLine($"{role}: {reached.Count} pages reached; heaviest {heaviest.Key} {heaviest.Value / 1024.0:F1} KB");
        Assert.True(heaviest.Value < 250 * 1024, $"{heaviest.Key} is {heaviest.Value / 1024} KB");

        var missing = Expected[role].Where(p => !reached.Contains(p)).ToList();
        Assert.True(missing.Count == 0 && broken.Count == 0,
            $"As {role}, not reachable from the menu: {string.Join(", ", missing)}; links that fail: {string.Join(", ", broken)}. " +
            $"Reached: {string.Join(", ", reached.Order())}");
    }

    /// <summary>
    /// Breadth first from "/" over the links of each page (the menu's among them), following only links to pages without an
    /// id in their address: every page a role may open is such a page, and a page that needs an id is one step from a list.
    /// Pages are read with the browser's own session (its cookies), a level at a time, without drawing them.
    /// </summary>
    private async Task<(HashSet<string> Reached, List<string> Broken, Dictionary<string, int> Sizes)> Crawl(IBrowserContext context)
    {
        var destinations = Destinations().ToHashSet(StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var broken = new List<string>();
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        var queued = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var level = new List<string> { "/" };
        while (level.Count > 0)
        {
            var pages = await Task.WhenAll(level.Select(async url =>
            {
                var response = await context.APIRequest.GetAsync(url, new() { MaxRedirects = 5 });
                return (url, response.Status, Path: new Uri(response.Url).AbsolutePath, Html: response.Ok ? await response.TextAsync() : "");
            }));
            level = [];
            foreach (var (url, status, path, html) in pages)
            {
                if (status >= 400) { broken.Add($"{url} ({status})"); continue; }
                reached.Add(path);
                sizes[url] = System.Text.Encoding.UTF8.GetByteCount(html);
                foreach (var link in Links(html, new Uri(new Uri(browser.BaseUrl), path)))
                {
                    if (link.GetLeftPart(UriPartial.Authority) != browser.BaseUrl) continue;
                    // Downloads (CSV, PDF, a zip export) and everything but a destination page are not followed.
                    if (!destinations.Contains(link.AbsolutePath) || link.Query.Contains("format=", StringComparison.Ordinal)
                        || link.Query.Contains("handler=", StringComparison.OrdinalIgnoreCase)) continue;
                    if (queued.Add(link.AbsolutePath)) level.Add(link.PathAndQuery);
                }
            }
        }
        return (reached, broken, sizes);
    }

    /// <summary>The targets of a page's links (&lt;a href&gt;, not those marked download), resolved against the page.</summary>
    private static IEnumerable<Uri> Links(string html, Uri page) =>
        AnchorTag().Matches(html).Select(m => m.Value).Where(tag => !tag.Contains(" download", StringComparison.Ordinal))
            .Select(tag => HrefOf().Match(tag)).Where(h => h.Success)
            .Select(h => Uri.TryCreate(page, System.Net.WebUtility.HtmlDecode(h.Groups[1].Value), out var u) ? u : null).OfType<Uri>();

    [GeneratedRegex("<a\\s[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex AnchorTag();

    [GeneratedRegex("\\shref=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HrefOf();

    /// <summary>The app's pages whose route has no parameter, from its own route table, less those outside any menu.</summary>
    private IEnumerable<string> Destinations() =>
        browser.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.RoutePattern.Parameters.Count == 0)
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Except(OutsideMenus);

    [Fact]
    public void Should_list_for_some_role_every_page_without_an_id()
    {
        // A new page either belongs in a role's list above (and so in its menu, or linked from a page in it) or is no menu's business.
        var listed = Expected.Values.SelectMany(p => p).ToHashSet();
        var unlisted = Destinations().Where(d => !listed.Contains(d)).Order().ToList();
        Assert.True(unlisted.Count == 0, "Pages in no role's list: " + string.Join(", ", unlisted));
    }
}
