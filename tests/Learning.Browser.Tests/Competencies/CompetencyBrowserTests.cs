using System.Text;
using System.Text.RegularExpressions;
using Learning.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Competencies;

/// <summary>On a phone: a coordinator uploads position standards; an ASN rates themselves and their supervisor confirms.</summary>
public sealed class CompetencyBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Coordinator = "198203152006042001";
    private const string Learner = "199005172015031001";
    private const string Supervisor = "197811202003121002";

    private static FilePayload Csv(string name, string content) =>
        new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(content) };

    [Fact]
    public async Task Should_upload_position_standards_showing_each_problem_by_line_on_a_phone()
    {
        var page = await browser.LoggedInPhone(Coordinator);
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await page.GotoAsync("/competencies/standards");
        await Check(page, "standards");

        await page.GetByLabel("Berkas CSV standar kompetensi").SetInputFilesAsync(
            Csv("standar.csv", "position_code,competency_code,level\nANALIS-SDM,literasi-data,3\nANALIS-SDM,ngoding,2\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Unggah dan impor" }).ClickAsync();
        var errors = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(errors).ToContainTextAsync("standar.csv:3: Kompetensi ngoding tidak ada dalam kamus kompetensi.");
        await Check(page, "standards-refused");

        await page.GetByLabel("Berkas CSV standar kompetensi").SetInputFilesAsync(
            Csv("standar.csv", "position_code,competency_code,level\nANALIS-SDM,literasi-data,3\nANALIS-SDM,integritas,3\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Unggah dan impor" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Standar diimpor untuk 1 jabatan");
        var analyst = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Analis Sumber Daya Manusia Aparatur" }) });
        await Assertions.Expect(analyst).ToContainTextAsync("Literasi Data");
        await Assertions.Expect(analyst.Locator("li")).ToHaveCountAsync(2);
        await Check(page, "standards-imported");
    }

    [Fact]
    public async Task Should_self_assess_on_a_phone_and_see_the_supervisor_confirmation_in_the_history()
    {
        var learner = await browser.LoggedInPhone(Learner);
        await learner.WaitForURLAsync(browser.BaseUrl + "/");
        await Assertions.Expect(learner.GetByRole(AriaRole.Heading, new() { Name = "Kompetensi yang perlu ditingkatkan" })).ToBeVisibleAsync();
        await learner.GetByRole(AriaRole.Link, new() { Name = "Nilai kompetensi saya" }).ClickAsync();
        await learner.WaitForURLAsync(browser.BaseUrl + "/career-record/assessment");
        await Check(learner, "assessment", weigh: true);

        var groups = learner.Locator("fieldset");
        var count = await groups.CountAsync();
        Assert.True(count >= 5, $"{count} competencies to rate");
        // Part-way, the draft is saved (the browser does not ask for the levels not chosen yet) and is there on return.
        await groups.Nth(0).GetByRole(AriaRole.Radio, new() { Name = "Level 3", Exact = false }).First.CheckAsync();
        await learner.GetByRole(AriaRole.Button, new() { Name = "Simpan draf" }).ClickAsync();
        await Assertions.Expect(learner.GetByRole(AriaRole.Status).First).ToContainTextAsync("Draf tersimpan");
        await learner.GotoAsync("/career-record/assessment");
        await Assertions.Expect(learner.Locator("#draft")).ToContainTextAsync("Ini draf Anda yang belum dikirim");
        await Assertions.Expect(groups.Nth(0).GetByRole(AriaRole.Radio, new() { Name = "Level 3", Exact = false }).First).ToBeCheckedAsync();
        for (var i = 0; i < count; i++)
            await groups.Nth(i).GetByRole(AriaRole.Radio, new() { Name = "Level 2", Exact = false }).First.CheckAsync();
        await learner.GetByLabel("Contoh atau bukti (boleh dikosongkan)").First.FillAsync("Melayani perekaman KTP-el setiap hari");
        await learner.GetByRole(AriaRole.Button, new() { Name = "Kirim ke atasan" }).ClickAsync();
        await Assertions.Expect(learner.GetByRole(AriaRole.Status).First).ToContainTextAsync("Penilaian diri terkirim");
        await Check(learner, "assessment-sent");

        var supervisor = await browser.LoggedInPhone(Supervisor);
        await supervisor.WaitForURLAsync(browser.BaseUrl + "/");
        await Assertions.Expect(supervisor.GetByRole(AriaRole.Main)).ToContainTextAsync("1 penilaian diri dari pegawai Anda menunggu konfirmasi.");
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "Konfirmasi penilaian" }).ClickAsync();
        await supervisor.WaitForURLAsync(browser.BaseUrl + "/career-record/assessment/team");
        await Assertions.Expect(supervisor.GetByRole(AriaRole.Heading, new() { Name = "Agus Prasetyo" })).ToBeVisibleAsync();
        await Check(supervisor, "team-assessment");
        await supervisor.GetByLabel("Level yang disepakati").First.SelectOptionAsync("3");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Konfirmasi penilaian" }).ClickAsync();
        await Assertions.Expect(supervisor.GetByRole(AriaRole.Alert)).ToContainTextAsync("Tuliskan alasan mengubah level");
        await supervisor.GetByLabel("Level yang disepakati").First.SelectOptionAsync("3");
        await supervisor.GetByLabel("Catatan (wajib bila level diubah)").First.FillAsync("Sudah menjadi rujukan rekan satu seksi");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Konfirmasi penilaian" }).ClickAsync();
        await Assertions.Expect(supervisor.GetByRole(AriaRole.Status)).ToContainTextAsync("Penilaian dikonfirmasi");

        await learner.GotoAsync("/career-record/assessment");
        var main = learner.Locator("main");
        await Assertions.Expect(main).ToContainTextAsync("Dikonfirmasi Bambang Setiawan");
        await Assertions.Expect(main).ToContainTextAsync("disepakati level 3");
        await Assertions.Expect(main).ToContainTextAsync("Sudah menjadi rujukan rekan satu seksi");
        await Check(learner, "assessment-history");

        await learner.GotoAsync("/career-record");
        await Assertions.Expect(learner.Locator("#competencies")).ToContainTextAsync("Penilaian atasan");
        await Check(learner, "career-record");
    }

    private static async Task Check(IPage page, string name, bool weigh = false)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{name} is {width} px wide");
        Assert.Equal(1, await page.Locator("main").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, $"competencies-{name}-390.png"), FullPage = true });
        if (!weigh) return;
        // The self-assessment carries every level descriptor of the position's competencies: still a light page.
        await page.WaitForLoadStateAsync(LoadState.Load);
        var bytes = await page.EvaluateAsync<long>(
            "performance.getEntries().filter(e => 'decodedBodySize' in e).reduce((s, e) => s + e.decodedBodySize, 0)");
        Assert.True(bytes is > 0 and < 250_000, $"{name} weighs {bytes} bytes with its assets");
        Console.WriteLine($"{name}: {bytes} bytes with its assets");
    }
}
