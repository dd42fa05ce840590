using Learning.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Notifications;

/// <summary>
/// The push section of /notifications/settings in a real browser: push.js runs under the page's CSP, and with no service worker
/// registered for the site (the offline client brings one) it keeps the button hidden and says why; the per-kind choice is saved.
/// </summary>
public sealed class PushSettingsTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Should_hide_the_push_button_without_a_service_worker_and_save_which_kinds_are_pushed()
    {
        var page = await browser.LoggedInPhone("199005172015031001");
        var errors = new List<string>();
        // Script errors and CSP refusals (a resource that answers 404, such as a favicon, is not the script's doing).
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        var failed = new List<string>();
        page.Response += (_, r) => { if (r.Status >= 400) failed.Add($"{r.Status} {r.Url}"); };
        await page.GotoAsync("/notifications/settings");

        // push.js ran (CSP allows our own file), found no service worker, and said so.
        await Assertions.Expect(page.Locator("#push-status")).ToHaveTextAsync("Browser ini belum dapat menerima notifikasi push dari situs ini.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Aktifkan notifikasi push di browser ini" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Matikan notifikasi push di browser ini" })).ToBeHiddenAsync();

        // Which kinds are pushed: all three at first; untick reminders and save.
        var kinds = page.Locator("#push-kinds");
        await Assertions.Expect(kinds.GetByLabel("Tugas wajib")).ToBeCheckedAsync();
        await Assertions.Expect(kinds.GetByLabel("Pengingat")).ToBeCheckedAsync();
        await kinds.GetByLabel("Pengingat").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#push-kinds").GetByLabel("Pengingat")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#push-kinds").GetByLabel("Persetujuan")).ToBeCheckedAsync();
        Assert.Empty(errors);
        Assert.DoesNotContain(failed, f => f.Contains("push.js") || f.Contains("/notifications/settings"));
        await page.Context.CloseAsync();
    }
}
