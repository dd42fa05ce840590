using Learning.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Notifications;

/// <summary>
/// The push section of /notifications/settings in a real browser: push.js runs under the page's CSP and, with the offline
/// client's service worker registered, offers to turn push on; the per-kind choice is saved; and a push message delivered to
/// that service worker (as a push service would, through Chromium's DevTools protocol) shows the notice as a notification.
/// Subscribing itself needs the browser vendor's push service, which a test machine cannot reach: the subscription round trip
/// against the push endpoint contract is WebPushTests.
/// </summary>
public sealed class PushSettingsTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Should_offer_push_save_which_kinds_are_pushed_and_show_a_pushed_notice()
    {
        var page = await browser.LoggedInPhone("199005172015031001");
        var errors = new List<string>();
        // Script errors and CSP refusals (a resource that answers 404, such as a favicon, is not the script's doing).
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        var failed = new List<string>();
        page.Response += (_, r) => { if (r.Status >= 400) failed.Add($"{r.Status} {r.Url}"); };

        // The layout's offline script registers the service worker; wait until it is active before opening the settings.
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => navigator.serviceWorker.ready.then(() => true)");
        await page.GotoAsync("/notifications/settings");

        await Assertions.Expect(page.Locator("#push-status")).ToHaveTextAsync("Notifikasi push belum aktif di browser ini.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Aktifkan notifikasi push di browser ini" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Matikan notifikasi push di browser ini" })).ToBeHiddenAsync();

        // Which kinds are pushed: all three at first; untick reminders and save.
        var kinds = page.Locator("#push-kinds");
        await Assertions.Expect(kinds.GetByLabel("Tugas wajib", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(kinds.GetByLabel("Pengingat", new() { Exact = true })).ToBeCheckedAsync();
        await kinds.GetByLabel("Pengingat", new() { Exact = true }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#push-kinds").GetByLabel("Pengingat", new() { Exact = true })).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#push-kinds").GetByLabel("Persetujuan", new() { Exact = true })).ToBeCheckedAsync();

        // A push message reaches the service worker: it shows the notice with its title and body.
        await page.Context.GrantPermissionsAsync(["notifications"]);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var registration = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            foreach (var r in e!.Value.GetProperty("registrations").EnumerateArray())
                if (!r.GetProperty("isDeleted").GetBoolean()) registration.TrySetResult(r.GetProperty("registrationId").GetString()!);
        };
        await cdp.SendAsync("ServiceWorker.enable");
        var registrationId = await registration.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var origin = new Uri(browser.BaseUrl).GetLeftPart(UriPartial.Authority);
        // The registration event can come while the worker is still installing, and a push delivered to a worker that is
        // not yet active is dropped: wait until the page's worker is active, and deliver again if nothing shows (a push
        // service retries too). EvaluateAsync awaits the promise (WaitForFunction would take the promise as a truthy answer).
        await page.EvaluateAsync<bool>("() => navigator.serviceWorker.ready.then(r => r.active !== null)");
        var shown = false;
        for (var attempt = 0; !shown && attempt < 3; attempt++)
        {
            await cdp.SendAsync("ServiceWorker.deliverPushMessage", new Dictionary<string, object>
            {
                ["origin"] = origin,
                ["registrationId"] = registrationId,
                ["data"] = """{"title":"Tugas wajib: Pelayanan Publik Digital","body":"Anda ditugaskan mengikuti kursus ini.","url":"/"}""",
            });
            for (var deadline = DateTime.UtcNow.AddSeconds(15); !shown && DateTime.UtcNow < deadline; await Task.Delay(200))
                shown = await page.EvaluateAsync<bool>("""
                    () => navigator.serviceWorker.ready
                      .then(r => r.getNotifications())
                      .then(ns => ns.some(n => n.title === 'Tugas wajib: Pelayanan Publik Digital' && n.body === 'Anda ditugaskan mengikuti kursus ini.'))
                    """);
        }
        Assert.True(shown, "the service worker showed no notification for the push message");

        Assert.Empty(errors);
        Assert.DoesNotContain(failed, f => f.Contains("push.js") || f.Contains("/notifications/settings"));
        await page.Context.CloseAsync();
    }
}
