using Learning.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Courses;

public sealed class AuthoringBrowserTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    /// <summary>A valid 1×1 PNG, small enough to write inline.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static ILocator Label(IPage page, string text) => page.GetByLabel(text, new() { Exact = true });

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task Should_write_preview_upload_and_publish_a_course_on_a_laptop_and_fit_a_tablet()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, Locale = "id-ID", BaseURL = browser.BaseUrl,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("NIP atau nama pengguna").FillAsync("198203152006042001");
        await page.GetByLabel("Kata sandi").FillAsync(Web.Demo.DemoSeeder.Password);
        await Button(page, "Masuk").ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/");

        // A new draft: the slug comes from the title.
        await page.GotoAsync("/authoring");
        await Label(page, "Judul kursus").FillAsync("Aduan Warga lewat LAPOR! Salatiga");
        await Label(page, "JP (jam pelajaran)").FillAsync("2");
        await Label(page, "Durasi (menit)").FillAsync("90");
        await Button(page, "Buat draf kursus").ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + "/authoring/aduan-warga-lewat-lapor-salatiga");
        Assert.Equal("Draf", (await page.Locator("#course-status").InnerTextAsync()).Trim());

        await Label(page, "Judul modul baru").FillAsync("Menerima aduan");
        await Button(page, "Tambah modul").ClickAsync();
        await Label(page, "Judul pelajaran baru").FillAsync("Menjawab Aduan dalam 5 Hari");
        await Button(page, "Tambah pelajaran").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Menjawab Aduan dalam 5 Hari" }).ClickAsync();
        await page.WaitForURLAsync("**/lessons/menjawab-aduan-dalam-5-hari");

        await Label(page, "Isi pelajaran (Markdown)").FillAsync(
            "## Alur tindak lanjut\n\n| Hari | Langkah |\n|---|---|\n| 1 | Verifikasi aduan |\n| 5 | Jawaban kepada pelapor |\n");
        await Button(page, "Pratinjau").ClickAsync();
        var preview = page.Locator("#preview");
        await preview.Locator("table").WaitForAsync();
        Assert.Equal("Alur tindak lanjut", await preview.Locator("h2#alur-tindak-lanjut").InnerTextAsync());
        Assert.Equal("Jawaban kepada pelapor", await preview.Locator("table tbody tr:nth-child(2) td:nth-child(2)").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "authoring-preview-1280.png"), FullPage = true });

        // Upload through the media API with progress; the snippet to paste appears.
        await Label(page, "Berkas (gambar, video, audio, atau PDF)").SetInputFilesAsync(
            new FilePayload { Name = "alur-aduan.png", MimeType = "image/png", Buffer = Png });
        await Button(page, "Unggah").ClickAsync();
        await Assertions.Expect(page.Locator("#upload-percent")).ToHaveTextAsync("100%");
        Assert.Equal(100, await page.Locator("#upload-progress").EvaluateAsync<int>("p => p.value"));
        var snippet = await page.Locator("#upload-snippet").InputValueAsync();
        Assert.Matches(@"^!\[keterangan\]\(/media/uploads/semarang/\d{4}/\d{2}/[0-9a-f]{32}\.png\)$", snippet);

        var markdown = Label(page, "Isi pelajaran (Markdown)");
        await markdown.FillAsync(await markdown.InputValueAsync() + "\n" + snippet + "\n");
        await Button(page, "Simpan").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Perubahan disimpan.");

        // The editor fits a 768 px tablet.
        await page.SetViewportSizeAsync(768, 1024);
        await page.ReloadAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 768, $"editor is {width} px wide at 768 px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "authoring-lesson-768.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 800);

        // One question, then publish.
        await page.GotoAsync("/authoring/aduan-warga-lewat-lapor-salatiga/questions");
        Assert.Equal("q01", await Label(page, "Id soal (tetap, misalnya q01)").InputValueAsync());
        await Label(page, "Pertanyaan").FillAsync("Berapa hari batas tindak lanjut aduan di SP4N-LAPOR!?");
        await Label(page, "Pilihan 1").FillAsync("3 hari");
        await Label(page, "Pilihan 2").FillAsync("5 hari");
        await page.Locator("input[name='Input.Correct'][value='1']").CheckAsync();
        await Button(page, "Simpan soal").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Soal disimpan.");
        Assert.Contains("5 hari", await page.Locator("#questions").InnerTextAsync());

        await page.GotoAsync("/authoring/aduan-warga-lewat-lapor-salatiga");
        await Button(page, "Terbitkan").ClickAsync();
        await Assertions.Expect(page.Locator("#course-status")).ToHaveTextAsync("Terbit");
        Assert.Contains("versi 1", await page.Locator("#course-version").InnerTextAsync());
        var courseWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(courseWidth <= 1280, $"course page is {courseWidth} px wide");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, "authoring-course-1280.png"), FullPage = true });

        // The course and question pages fit a tablet too.
        await page.SetViewportSizeAsync(768, 1024);
        foreach (var url in new[] { "/authoring", "/authoring/aduan-warga-lewat-lapor-salatiga", "/authoring/aduan-warga-lewat-lapor-salatiga/questions" })
        {
            await page.GotoAsync(url);
            var tablet = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(tablet <= 768, $"{url} is {tablet} px wide at 768 px");
        }
        await context.CloseAsync();
    }
}
