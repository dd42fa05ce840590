using Learning.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Accounts;

/// <summary>Issue 16's day one: the administrator imports the unit's CSV on the organisation page, prints a unit's activation sheet, a newcomer activates on a phone and signs in.</summary>
public sealed class ActivationTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Nip = "199703032022032005";
    private const string Password = "Aktif#2027baru";

    [Fact]
    public async Task Should_activate_from_the_printed_code_on_a_phone_and_sign_in()
    {
        // The administrator imports the unit's CSV on the organisation page, then makes the unit's sheet.
        var admin = await browser.LoggedInPhone("admin");
        await admin.WaitForURLAsync(browser.BaseUrl + "/");
        await admin.GotoAsync("/admin/organisation");
        await admin.GetByLabel("Berkas pegawai", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = "pegawai-diskominfo.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes($"nip,name,email,unit_code,position_code,supervisor_nip,roles\n{Nip},Wulan Sari,,DISKOMINFO,,,\n"),
        });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Periksa dan impor" }).ClickAsync();
        await Assertions.Expect(admin.Locator("strong", new() { HasText = "Impor berhasil." })).ToBeVisibleAsync();
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Kode aktivasi" }).ClickAsync();
        await admin.GetByLabel("Unit kerja").SelectOptionAsync(new SelectOptionValue { Label = "Dinas Komunikasi dan Informatika" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Buat lembar cetak" }).ClickAsync();
        var slip = admin.Locator("article.slip", new() { HasText = "Wulan Sari" });
        await Assertions.Expect(slip).ToContainTextAsync(Nip);
        var code = (await slip.Locator(".code").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$", code);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "activation-sheet-390.png"), FullPage = true });
        await admin.Context.CloseAsync();

        // Wulan, on her phone, from the login page.
        var page = await (await browser.Phone()).NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Aktivasi akun" }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/activate");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"page is {scrollWidth} px wide");

        // A typo first: one clear message.
        await page.GetByLabel("NIP").FillAsync(Nip);
        await page.GetByLabel("Kode aktivasi").FillAsync("ABCD-EFGH-JK");
        await page.GetByLabel("Kata sandi baru", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Ulangi kata sandi baru").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aktifkan akun" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("NIP atau kode aktivasi tidak cocok");

        // Then as printed, typed in lower case.
        await page.GetByLabel("Kode aktivasi").FillAsync(code.ToLowerInvariant());
        await page.GetByLabel("Kata sandi baru", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Ulangi kata sandi baru").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aktifkan akun" }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/login?activated=1");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Akun Anda sudah aktif");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "activated-390.png") });

        await page.GetByLabel("NIP atau nama pengguna").FillAsync(Nip);
        await page.GetByLabel("Kata sandi").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        Assert.Equal("Selamat datang, Wulan Sari", await page.Locator("h1").InnerTextAsync());
        await page.Context.CloseAsync();
    }
}
