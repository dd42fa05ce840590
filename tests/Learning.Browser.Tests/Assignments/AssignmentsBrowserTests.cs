using System.Globalization;
using System.Text.RegularExpressions;
using Learning.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Assignments;

/// <summary>A supervisor assigns learning and reads the team page, on a laptop and on a phone; the learner sees it on "/".</summary>
public sealed class AssignmentsBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Supervisor = "197811202003121002";
    private const string Dewi = "199208082019022003";

    private async Task<IPage> LoggedIn(string userName, int width)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = width > 600 ? 800 : 844 },
            DeviceScaleFactor = width > 600 ? 1 : 2, IsMobile = width <= 600, HasTouch = width <= 600, Locale = "id-ID", BaseURL = browser.BaseUrl,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("NIP atau nama pengguna").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(Web.Demo.DemoSeeder.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        return page;
    }

    private static async Task Check(IPage page, int width, string name)
    {
        var scroll = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scroll <= width, $"{name} is {scroll} px wide at {width} px");
        Assert.Equal(1, await page.Locator("main").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, $"assignments-{name}-{width}.png"), FullPage = true });
    }

    [Theory]
    [InlineData(1280, "spbe-dasar", "Dasar-Dasar SPBE untuk ASN Kota")]
    [InlineData(390, "pelindungan-data-pribadi", "Pelindungan Data Pribadi dalam Layanan Publik")]
    public async Task Should_assign_a_course_from_the_team_page_and_show_it_to_the_learner(int width, string course, string title)
    {
        var page = await LoggedIn(Supervisor, width);
        // From the menu (a button on a phone, a bar on a wide screen) to the team page, then to the assigning form.
        if (width <= 600) await page.GetByText("Menu").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Tim Saya" }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/team");
        await Check(page, width, "team-before");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Beri tugas" }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/assignments/new");

        await page.GetByLabel("Kursus").SelectOptionAsync(course);
        await page.GetByLabel("Dewi Lestari").CheckAsync();
        var due = DateTime.UtcNow.AddHours(7).Date.AddDays(21);
        await page.GetByLabel("Tenggat").FillAsync(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Catatan").FillAsync("Mohon selesai sebelum evaluasi triwulan.");
        await Check(page, width, "assign-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tugaskan", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(browser.BaseUrl + "/team");
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Tugas diberikan kepada 1 orang", main);
        var dewi = page.GetByRole(AriaRole.Region, new() { Name = "Dewi Lestari" });
        Assert.Contains(title, await dewi.InnerTextAsync());
        Assert.Contains("ditugaskan", await dewi.InnerTextAsync());
        Assert.Contains("JP tahun ini", await dewi.InnerTextAsync());
        await Check(page, width, "team-after");

        // The learner sees it with its due date on "/" and can ask for more time.
        var learner = await LoggedIn(Dewi, width);
        var home = await learner.Locator("main").InnerTextAsync();
        Assert.Contains("Status tugas wajib", home);
        Assert.Contains(due.ToString("d MMM yyyy", new CultureInfo("id-ID")), home);
        await learner.GetByRole(AriaRole.Link, new() { Name = "Lihat tugas wajib dan minta perpanjangan" }).ClickAsync();
        await learner.WaitForURLAsync(new Regex("/assignments/mine$"));
        Assert.Contains("Mohon selesai sebelum evaluasi triwulan.", await learner.Locator("main").InnerTextAsync());
        await Check(learner, width, "mine");
    }
}
