using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Paths;

/// <summary>On phones: the learner waits for approval, the supervisor approves from the inbox, the coordinator sees the diagram.</summary>
public sealed class PathsBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Agus = "199005172015031001";
    private const string Bambang = "197811202003121002";
    private const string Coordinator = "198203152006042001";
    private const string PathKey = "sertifikasi-pelayanan-publik";
    private const string Course = "standar-dan-maklumat-pelayanan";

    [Fact]
    public async Task Should_approve_from_the_inbox_and_show_the_path_diagram_with_the_learners_on_each_step()
    {
        var api = await browser.App.ApiAs(Agus);
        var enrolled = await api.PostAsJsonAsync("/api/v1/enrolments", new { path = PathKey });
        Assert.Equal(System.Net.HttpStatusCode.Created, enrolled.StatusCode);
        var instance = (await enrolled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pathInstanceId").GetString();

        // The learner sees why nothing opens yet, and what comes next.
        var learner = await browser.LoggedInPhone(Agus);
        await learner.GotoAsync($"/courses/{Course}");
        var course = await learner.Locator("main").InnerTextAsync();
        Assert.Contains("Menunggu persetujuan atasan", course);
        Assert.Contains("Berikutnya: Selesaikan kursus", course);
        await Check(learner, "learner-waiting");

        // The coordinator's diagram counts Agus on the approval step.
        var coordinator = await browser.LoggedInPhone(Coordinator);
        await coordinator.GotoAsync($"/authoring/paths/{PathKey}");
        var diagram = coordinator.Locator("svg.path-diagram");
        await Assertions.Expect(diagram).ToBeVisibleAsync();
        Assert.Equal("1", await diagram.Locator("g[data-step='persetujuan-atasan'] [data-count]").TextContentAsync());
        Assert.Equal("0", await diagram.Locator("g[data-step='ikuti-kursus'] [data-count]").TextContentAsync());
        await Check(coordinator, "diagram");

        // The supervisor approves from the inbox with a reason.
        var supervisor = await browser.LoggedInPhone(Bambang);
        await supervisor.GotoAsync("/approvals");
        var request = supervisor.Locator("section.approval", new() { HasText = "Agus Prasetyo" });
        await Assertions.Expect(request).ToBeVisibleAsync();
        await Check(supervisor, "inbox");
        await request.GetByLabel("Alasan (wajib bila menolak)").FillAsync("Sesuai rencana pengembangan kompetensi");
        await request.GetByRole(AriaRole.Button, new() { Name = "Setujui" }).ClickAsync();
        await Assertions.Expect(supervisor.GetByRole(AriaRole.Status)).ToContainTextAsync("Disetujui");
        Assert.Contains("Tidak ada permintaan", await supervisor.Locator("main").InnerTextAsync());

        // The timeline names him; the diagram moves Agus on; the course opens.
        await supervisor.GotoAsync($"/paths/instances/{instance}");
        Assert.Matches(new Regex("Persetujuan diputuskan.*\\s+Bambang Setiawan", RegexOptions.Singleline), await supervisor.Locator("main").InnerTextAsync());
        await Check(supervisor, "timeline");
        await coordinator.ReloadAsync();
        Assert.Equal("1", await coordinator.Locator("svg.path-diagram g[data-step='ikuti-kursus'] [data-count]").TextContentAsync());
        await learner.ReloadAsync();
        await learner.GetByRole(AriaRole.Link, new() { Name = "Lanjutkan" }).ClickAsync();
        await learner.WaitForURLAsync(new Regex("/learn/"));
        foreach (var page in new[] { learner, coordinator, supervisor }) await page.Context.CloseAsync();
    }

    private static async Task Check(IPage page, string name)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{name} is {width} px wide");
        Assert.Equal(1, await page.Locator("main").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, $"paths-{name}-390.png"), FullPage = true });
    }
}
