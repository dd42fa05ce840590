using Learning.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Accounts;

public sealed class LoginTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Should_log_in_with_a_NIP_on_a_phone_and_see_my_learning_in_Indonesian()
    {
        var page = await browser.LoggedInPhone("199005172015031001");
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        Assert.Equal("Selamat datang, Agus Prasetyo", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Sedang berjalan", await page.Locator("main").InnerTextAsync());

        // Nothing sticks out sideways at 390 px.
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"page is {scrollWidth} px wide");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "home-390.png"), FullPage = true });

        // The menu opens by touch and logs out.
        await page.GetByText("Menu").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Keluar (Agus Prasetyo)" }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/login");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Should_tell_me_in_Indonesian_when_the_password_is_wrong()
    {
        var page = await browser.LoggedInPhone("199208082019022003", "bukan-sandi");
        Assert.Equal("NIP/nama pengguna atau kata sandi salah.", (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "login-error-390.png") });
        await page.Context.CloseAsync();
    }
}
