using Learning.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Reports;

/// <summary>A coordinator reads the report charts on a phone 390 px wide: every unit's name whole, each bar with its figure.</summary>
public sealed class ReportsBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Coordinator = "198203152006042001";

    /// <summary>Where a label is drawn (page coordinates) and whether its text fits in it.</summary>
    public sealed class Box
    {
        public string Text { get; set; } = "";
        public double X { get; set; }
        public double Y { get; set; }
        public double Width { get; set; }
        public double Height { get; set; }
        public int ScrollWidth { get; set; }
        public int ClientWidth { get; set; }
        public int ScrollHeight { get; set; }
        public int ClientHeight { get; set; }
    }

    [Fact]
    public async Task Should_show_every_chart_label_whole_and_apart_on_a_phone()
    {
        var page = await browser.LoggedInPhone(Coordinator);
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await page.GotoAsync("/reports");

        foreach (var chart in new[] { "chart-completion-unit", "chart-jp-unit" })
        {
            var figure = page.Locator($"#{chart}");
            await Assertions.Expect(figure).ToBeVisibleAsync();
            var labels = figure.Locator(".bar-label");
            var count = await labels.CountAsync();
            Assert.True(count >= 3, $"{chart}: {count} bars");
            // The long names of the demo's units, e.g. "Dinas Kependudukan dan Pencatatan Sipil", read in full.
            await Assertions.Expect(labels.Filter(new() { HasText = "Dinas Kependudukan dan Pencatatan Sipil" })).ToBeVisibleAsync();

            var boxes = await labels.EvaluateAllAsync<Box[]>("""
                els => els.map(e => { const r = e.getBoundingClientRect();
                  return { Text: e.textContent, X: r.x, Y: r.y + window.scrollY, Width: r.width, Height: r.height,
                           ScrollWidth: e.scrollWidth, ClientWidth: e.clientWidth, ScrollHeight: e.scrollHeight, ClientHeight: e.clientHeight }; })
                """);
            foreach (var b in boxes)
            {
                await Assertions.Expect(labels.Filter(new() { HasText = b.Text }).First).ToBeVisibleAsync();
                Assert.True(b.X >= 0 && b.X + b.Width <= 390, $"{chart}: '{b.Text}' runs off the screen ({b.X}..{b.X + b.Width})");
                Assert.True(b.ScrollWidth <= b.ClientWidth && b.ScrollHeight <= b.ClientHeight, $"{chart}: '{b.Text}' is cut off");
                Assert.True(b.Height < 100, $"{chart}: '{b.Text}' is {b.Height} px tall");
            }
            // One under another, none drawn over the next.
            for (var i = 1; i < boxes.Length; i++)
                Assert.True(boxes[i].Y >= boxes[i - 1].Y + boxes[i - 1].Height, $"{chart}: '{boxes[i - 1].Text}' overlaps '{boxes[i].Text}'");

            // Each bar has its figure beside it, readable and on the screen.
            var values = figure.Locator(".bar-value");
            Assert.Equal(count, await values.CountAsync());
            var first = await values.First.BoundingBoxAsync();
            Assert.NotNull(first);
            Assert.True(first.X + first.Width <= 390 && first.Height >= 12, $"{chart}: the first figure is at {first.X}+{first.Width}, {first.Height} px tall");
            await Assertions.Expect(values.First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+(,\d)?%$"));
        }

        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the reports page is {width} px wide");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "reports-units-390.png"), FullPage = true });
    }
}
