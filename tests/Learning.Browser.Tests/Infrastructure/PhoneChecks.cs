using Microsoft.Playwright;

namespace Learning.Browser.Tests.Infrastructure;

/// <summary>
/// What a page must be on a phone (the team's standard): nothing sticking out sideways at 390 px, exactly one &lt;main&gt;,
/// every field with a name a screen reader can say, and the page with its assets under 250 KB. Each check names the page
/// and what failed, and a screenshot is kept for looking at.
/// </summary>
public static class PhoneChecks
{
    public const int Width = 390;
    public const long MaxBytes = 250_000;

    // Fields a person fills in (not hidden fields or buttons) that have no visible label with text, no aria-label and no
    // aria-labelledby naming an element with text: what a screen reader would read out as just "edit text".
    private const string Unlabelled = """
        () => Array.from(document.querySelectorAll('input, select, textarea'))
          .filter(e => !['hidden', 'submit', 'button', 'reset', 'image'].includes((e.getAttribute('type') || '').toLowerCase()))
          .filter(e => {
            const text = n => (n && n.textContent || '').trim().length > 0;
            if (e.labels && Array.from(e.labels).some(text)) return false;
            if ((e.getAttribute('aria-label') || '').trim()) return false;
            const by = (e.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
            return !by.some(id => text(document.getElementById(id)));
          })
          .map(e => e.outerHTML.slice(0, 160))
        """;

    /// <summary>Every check on the page as it is now; <paramref name="name"/> names it in messages and in the screenshot's file.</summary>
    public static async Task Check(IPage page, string name, bool weigh = true)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, $"{name}-{Width}.png"), FullPage = true });
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Width, $"{name} ({page.Url}) is {width} px wide: it scrolls sideways on a {Width} px phone");
        Assert.True(await page.Locator("main").CountAsync() == 1, $"{name} ({page.Url}) has {await page.Locator("main").CountAsync()} <main> elements");
        var unlabelled = await page.EvaluateAsync<string[]>(Unlabelled);
        Assert.True(unlabelled.Length == 0, $"{name} ({page.Url}) has fields without a label: {string.Join(" | ", unlabelled)}");
        if (!weigh) return;
        var bytes = await page.EvaluateAsync<long>(
            "performance.getEntries().filter(e => 'decodedBodySize' in e).reduce((s, e) => s + e.decodedBodySize, 0)");
        Assert.True(bytes is > 0 and < MaxBytes, $"{name} ({page.Url}) weighs {bytes} bytes with its assets");
        Console.WriteLine($"{name}: {bytes} bytes with its assets");
    }
}
