using Learning.Kernel;
using System.Text.RegularExpressions;
using Learning.Browser.Tests.Infrastructure;
using Learning.Courses.Contracts;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Learning;

/// <summary>A learner on a phone: finds a course, enrols, reads every lesson, fails then passes, and sees it completed on "/".</summary>
public sealed class LearnerJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Course = "spbe-dasar";
    private const string Title = "Dasar-Dasar SPBE untuk ASN Kota";

    [Fact]
    public Task Should_find_enrol_read_fail_pass_and_see_the_course_completed_on_a_phone() =>
        Journey("199005172015031001", "phone");

    [Fact]
    public Task Should_still_work_on_a_throttled_slow_3G_link() =>
        Journey("199208082019022003", "slow3g", throttle: true);

    private async Task Journey(string nip, string shots, bool throttle = false)
    {
        var page = await browser.LoggedInPhone(nip);
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        if (throttle)
        {
            page.SetDefaultTimeout(90_000);
            page.SetDefaultNavigationTimeout(90_000);
            var cdp = await page.Context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            {
                ["offline"] = false, ["latency"] = 400, ["downloadThroughput"] = 50 * 1024, ["uploadThroughput"] = 50 * 1024,
            });
        }

        // Find the course by a competency word.
        await page.GotoAsync("/courses");
        await page.GetByLabel("Cari kursus").FillAsync("SPBE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cari", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/courses\?q=SPBE"));
        await Check(page, shots, "catalog");
        await page.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/courses/" + Course);
        await Check(page, shots, "course");

        // Enrol and read every lesson.
        await page.GetByRole(AriaRole.Button, new() { Name = "Daftar" }).ClickAsync();
        for (var lesson = 1; lesson <= 4; lesson++)
        {
            await page.WaitForURLAsync(new Regex("/learn/"));
            Assert.Contains($"Materi {lesson} dari 4", await page.Locator("main").InnerTextAsync());
            if (lesson == 1) await Check(page, shots, "lesson", weigh: true);
            await page.GetByRole(AriaRole.Button, new() { Name = "Tandai selesai" }).ClickAsync();
        }

        // Fail: nothing answered.
        await page.WaitForURLAsync(new Regex("/assessment/"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Mulai ujian" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/attempts/[0-9a-f-]+$"));
        Assert.Contains("Sisa waktu", await page.Locator("main").InnerTextAsync());
        await Check(page, shots, "attempt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim jawaban" }).ClickAsync();
        // Nothing answered: the page asks first, then "send as it is" grades it.
        var asked = page.GetByRole(AriaRole.Alert);
        await asked.WaitForAsync();
        Assert.Contains("12 pertanyaan belum dijawab", await asked.InnerTextAsync());
        await Check(page, shots, "attempt-unanswered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim apa adanya" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/result$"));
        var failed = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Tidak lulus", failed);
        Assert.Contains("Sisa kesempatan: 2", failed);
        await Check(page, shots, "failed");

        // Pass: answer from the key the server holds, reading the question ids from the form's field names.
        var key = await browser.App.WithScope(async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(Course))!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Coba lagi" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/attempts/[0-9a-f-]+$"));
        foreach (var a in key.Answers)
        {
            var values = a.Type == QuestionType.TrueFalse ? [a.TrueFalse!.Value ? "true" : "false"] : a.Options.Select(i => i.ToString());
            foreach (var v in values) await page.Locator($"input[name='q_{a.QuestionId}'][value='{v}']").CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirim jawaban" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/result$"));
        var passed = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Nilai 100", passed);
        Assert.Contains("Lulus", passed);
        await Check(page, shots, "passed");

        // Completed on my learning.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ke pembelajaran saya" }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        var done = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Selesai dan sertifikat" }) });
        Assert.Contains(Title, await done.InnerTextAsync());

        // The certificate and the course's 2 JP are on my learning too.
        var year = browser.App.Clock.ThisYear();
        Assert.Contains($"JP tahun {year}: 2 dari 20", await page.Locator("main").InnerTextAsync());
        var certificates = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Sertifikat saya" }) });
        Assert.Contains(Title, await certificates.InnerTextAsync());
        var pdf = await page.Context.APIRequest.GetAsync(await certificates.GetByRole(AriaRole.Link, new() { Name = "Unduh PDF" }).First.GetAttributeAsync("href") ?? "");
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        await Check(page, shots, "home");
        await page.Context.CloseAsync();
    }

    /// <summary>Nothing sticks out sideways at 390 px; optionally the page with its assets stays under 250 KB.</summary>
    private static async Task Check(IPage page, string shots, string name, bool weigh = false)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{name} is {width} px wide");
        Assert.Equal(1, await page.Locator("main").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, $"{shots}-{name}-390.png"), FullPage = true });
        if (!weigh) return;
        await page.WaitForLoadStateAsync(LoadState.Load);
        var bytes = await page.EvaluateAsync<long>(
            "performance.getEntries().filter(e => 'decodedBodySize' in e).reduce((s, e) => s + e.decodedBodySize, 0)");
        Assert.True(bytes is > 0 and < 250_000, $"{name} weighs {bytes} bytes with its assets");
    }
}
