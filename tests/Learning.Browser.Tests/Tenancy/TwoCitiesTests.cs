using Learning.Browser.Tests.Infrastructure;
using Learning.Web.Demo;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Tenancy;

/// <summary>Both demo cities from one server, as their people meet them on a phone.</summary>
public sealed class TwoCitiesTests(TwoCitiesTests.TwoCities browser) : IClassFixture<TwoCitiesTests.TwoCities>
{
    public sealed class TwoCities() : BrowserApp(new Dictionary<string, string?> { ["DemoSalatiga"] = "true" });

    [Fact]
    public async Task Should_greet_a_Salatiga_learner_on_Salatigas_host_with_Salatigas_name_and_courses()
    {
        var salatiga = browser.UrlOn(DemoSeeder.SalatigaHost);
        var page = await browser.LoggedInPhone("199311052018031002", baseUrl: salatiga);
        await page.WaitForURLAsync(salatiga + "/");
        Assert.Equal("Selamat datang, Yoga Pratama", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Kota Salatiga", await page.Locator("header").InnerTextAsync());

        await page.GotoAsync("/courses");
        Assert.True(await page.Locator("main a[href^='/courses/']").CountAsync() > 0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "salatiga-courses-390.png"), FullPage = true });

        // The province's shared course is in Salatiga's catalogue (Salatiga subscribes) and opens like any other.
        await page.GetByRole(AriaRole.Link, new() { Name = "Etika Digital dan Bermedia Sosial bagi ASN" }).ClickAsync();
        await page.WaitForURLAsync(salatiga + "/courses/etika-digital-asn");
        Assert.Equal("Etika Digital dan Bermedia Sosial bagi ASN", await page.Locator("h1").InnerTextAsync());

        // Semarang's people are not Salatiga's: the same form refuses them with the usual message.
        var stranger = await browser.LoggedInPhone("199005172015031001", baseUrl: salatiga);
        Assert.Equal("NIP/nama pengguna atau kata sandi salah.", (await stranger.GetByRole(AriaRole.Alert).InnerTextAsync()).Trim());
        await page.Context.CloseAsync();
        await stranger.Context.CloseAsync();
    }

    [Fact]
    public async Task Should_keep_a_city_under_its_path_prefix_through_links_and_forms_beside_the_default_city()
    {
        var context = await browser.Phone();
        var page = await context.NewPageAsync();

        // Semarang at /, Salatiga at /t/salatiga, signed in side by side in one browser.
        await SignIn(page, "/login", "199005172015031001");
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await SignIn(page, "/t/salatiga/login", "199311052018031002");
        await page.WaitForURLAsync(browser.BaseUrl + "/t/salatiga/");
        Assert.Equal("Selamat datang, Yoga Pratama", await page.Locator("h1").InnerTextAsync());

        // A link followed in Salatiga stays in Salatiga.
        await page.Locator("header a.brand").ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/t/salatiga/");
        await page.GotoAsync("/t/salatiga/courses");
        await page.Locator("main a[href^='/t/salatiga/courses/']").First.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/t/salatiga/courses/[^/]+$"));

        await page.GotoAsync("/");
        Assert.Equal("Selamat datang, Agus Prasetyo", await page.Locator("h1").InnerTextAsync());
        // Semarang does not subscribe to the shared catalogue: the province's course is not in its list.
        await page.GotoAsync("/courses");
        Assert.True(await page.Locator("main a[href^='/courses/']").CountAsync() > 0);
        Assert.Equal(0, await page.GetByText("Etika Digital dan Bermedia Sosial bagi ASN").CountAsync());
        await context.CloseAsync();
    }

    private static async Task SignIn(IPage page, string loginUrl, string nip)
    {
        await page.GotoAsync(loginUrl);
        await page.GetByLabel("NIP atau nama pengguna").FillAsync(nip);
        await page.GetByLabel("Kata sandi").FillAsync(DemoSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
    }
}
