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

    // The innermost elements that reach past the right edge: where to look when a page is too wide.
    private const string TooWide = """
        w => Array.from(document.querySelectorAll('main *'))
          .filter(e => e.getBoundingClientRect().right > w + 1)
          .filter(e => !Array.from(e.children).some(c => c.getBoundingClientRect().right > w + 1))
          .slice(0, 5)
          .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : '')
            + ' "' + (e.textContent || '').trim().slice(0, 60) + '" ' + Math.round(e.getBoundingClientRect().right) + 'px')
        """;

    /// <summary>Every check on the page as it is now; <paramref name="name"/> names it in messages and in the screenshot's file.</summary>
    public static async Task Check(IPage page, string name, bool weigh = true)
    {
        var problems = await Problems(page, name, weigh);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>What is wrong with the page on a phone, one line each (none: all good); for tests that check many pages and report all at once.</summary>
    public static async Task<List<string>> Problems(IPage page, string name, bool weigh = true)
    {
        var problems = new List<string>();
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, $"{name}-{Width}.png"), FullPage = true });
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (width > Width)
            problems.Add($"{name} ({page.Url}) is {width} px wide: it scrolls sideways on a {Width} px phone; too wide: "
                + string.Join(" | ", await page.EvaluateAsync<string[]>(TooWide, Width)));
        var mains = await page.Locator("main").CountAsync();
        if (mains != 1) problems.Add($"{name} ({page.Url}) has {mains} <main> elements");
        var unlabelled = await page.EvaluateAsync<string[]>(Unlabelled);
        if (unlabelled.Length > 0) problems.Add($"{name} ({page.Url}) has fields without a label: {string.Join(" | ", unlabelled)}");
        if (!weigh) return problems;
        var bytes = await page.EvaluateAsync<long>(
            "performance.getEntries().filter(e => 'decodedBodySize' in e).reduce((s, e) => s + e.decodedBodySize, 0)");
        if (bytes is <= 0 or >= MaxBytes) problems.Add($"{name} ({page.Url}) weighs {bytes} bytes with its assets");
        Console.WriteLine($"{name}: {bytes} bytes with its assets");
        return problems;
    }
}
