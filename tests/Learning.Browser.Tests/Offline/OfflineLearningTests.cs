using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Browser.Tests.Infrastructure;
using Learning.Courses.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Offline;

/// <summary>
/// On a 390 px phone: a learner on the certification path saves the course, loses the signal, reads and completes the last
/// two lessons from the saved copy, and when the connection returns the server has them and the path has moved on; the same
/// batch sent again changes nothing.
/// </summary>
public sealed class OfflineLearningTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Agus = "199005172015031001";
    private const string Bambang = "197811202003121002";
    private const string PathKey = "sertifikasi-pelayanan-publik";
    private const string CourseSlug = "standar-dan-maklumat-pelayanan";

    [Fact]
    public async Task Should_save_a_course_complete_lessons_offline_and_sync_them_once_when_back_online()
    {
        // On the path, approved by the supervisor, the first two lessons done online.
        var agus = await browser.App.ApiAs(Agus);
        var created = await Json(await agus.PostAsJsonAsync("/api/v1/enrolments", new { path = PathKey }), HttpStatusCode.Created);
        var (enrolment, instance) = (created.GetProperty("id").GetString()!, created.GetProperty("pathInstanceId").GetString()!);
        var bambang = await browser.App.ApiAs(Bambang);
        var approval = (await Json(await bambang.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray().Single();
        await Json(await bambang.PostAsJsonAsync($"/api/v1/approvals/{approval.GetProperty("id").GetString()}", new { decision = "approve" }), HttpStatusCode.OK);
        var lessons = (await Json(await agus.GetAsync($"/api/v1/courses/{CourseSlug}"), HttpStatusCode.OK)).GetProperty("modules").EnumerateArray()
            .SelectMany(m => m.GetProperty("lessons").EnumerateArray()).Select(l => l.GetProperty("key").GetString()!).ToList();
        Assert.Equal(4, lessons.Count);
        foreach (var key in lessons.Take(2))
            await Json(await agus.PostAsync($"/api/v1/enrolments/{enrolment}/lessons/{key}/complete", null), HttpStatusCode.OK);
        Assert.Equal("ikuti-kursus", (await Json(await agus.GetAsync($"/api/v1/path-instances/{instance}"), HttpStatusCode.OK)).GetProperty("currentStep").GetString());

        // Save the course from a lesson: the size first, then the progress, then where to find it.
        var page = await browser.LoggedInPhone(Agus);
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await page.GotoAsync($"/learn/{enrolment}/{lessons[2]}");
        await page.WaitForFunctionAsync("navigator.serviceWorker.controller !== null");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan untuk dibaca offline" }).ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex(@"Ukuran unduhan: [\d.,]+ (kB|MB) \(4 materi"))).ToBeVisibleAsync();
        await Check(page, "size");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unduh" }).ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex(@"Tersimpan untuk dibaca offline \([\d.,]+ (kB|MB)\)"))).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Lihat kursus tersimpan" }).ClickAsync();
        var saved = page.Locator($"[data-saved-course='{CourseSlug}']");
        await Assertions.Expect(saved).ToContainTextAsync("4 materi");
        await Check(page, "saved-list");

        // No signal: the lessons open from the saved copy, marked offline, and say the assessment needs a connection.
        var sent = new List<string>();
        page.Request += (_, request) => { if (request.Url.EndsWith("/api/v1/sync/lesson-completions")) sent.Add(request.PostData ?? ""); };
        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync($"/learn/{enrolment}/{lessons[2]}");
        var mark = page.Locator("[data-offline-mark]");
        await Assertions.Expect(mark).ToContainTextAsync("Anda membaca salinan yang tersimpan di ponsel ini");
        await Assertions.Expect(mark).ToContainTextAsync("Penilaian (ujian) hanya bisa dikerjakan saat online");
        Assert.NotEmpty((await page.Locator("article.lesson h1").InnerTextAsync()).Trim());
        await Check(page, "offline-lesson");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tandai selesai" }).ClickAsync();
        await page.WaitForURLAsync(browser.BaseUrl + $"/learn/{enrolment}/{lessons[3]}");
        await Assertions.Expect(mark).ToContainTextAsync("Offline");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tandai selesai" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Selesai — dicatat di ponsel, dikirim saat tersambung.")).ToBeVisibleAsync();
        await Check(page, "offline-done");

        // The home page (saved too) counts what waits; an assessment offline says why it cannot open.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByText("2 langkah menunggu dikirim")).ToBeVisibleAsync();
        await Check(page, "home-waiting");
        await page.GotoAsync($"/assessment/{enrolment}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Penilaian (ujian) hanya bisa dikerjakan saat online");
        Assert.Empty(sent);
        var before = await Json(await agus.GetAsync($"/api/v1/enrolments/{enrolment}"), HttpStatusCode.OK);
        Assert.Equal(2, before.GetProperty("completedLessons").GetArrayLength());

        // Back online: the page sends the queue by itself; the server has both lessons and the path is at the assessment.
        await page.GotoAsync("/learn/offline");
        await Assertions.Expect(page.Locator("[data-pending-count='2']")).ToBeVisibleAsync();
        var answer = await page.RunAndWaitForResponseAsync(() => page.Context.SetOfflineAsync(false),
            r => r.Url.EndsWith("/api/v1/sync/lesson-completions"));
        var results = (await answer.JsonAsync())!.Value.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["applied", "applied"], results.Select(r => r.GetProperty("status").GetString()));
        await Assertions.Expect(page.Locator("[data-pending-count='0']")).ToContainTextAsync("Semua langkah sudah terkirim");
        var after = await Json(await agus.GetAsync($"/api/v1/enrolments/{enrolment}"), HttpStatusCode.OK);
        Assert.Equal(lessons.Order(), after.GetProperty("completedLessons").EnumerateArray().Select(l => l.GetString()!).Order());
        var moved = await Json(await agus.GetAsync($"/api/v1/path-instances/{instance}"), HttpStatusCode.OK);
        Assert.Equal("lulus-asesmen", moved.GetProperty("currentStep").GetString());
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Standar Pelayanan dan Maklumat Pelayanan" }).First).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByText("langkah menunggu dikirim").CountAsync());

        // The same batch again (a phone that lost the answer): each a duplicate, nothing moves.
        var batch = Assert.Single(sent);
        var again = await page.Context.APIRequest.PostAsync("/api/v1/sync/lesson-completions", new()
        {
            Data = batch, Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
        });
        Assert.Equal(200, again.Status);
        var repeated = (await again.JsonAsync())!.Value.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["duplicate", "duplicate"], repeated.Select(r => r.GetProperty("status").GetString()));
        var still = await Json(await agus.GetAsync($"/api/v1/path-instances/{instance}"), HttpStatusCode.OK);
        Assert.Equal(moved.GetProperty("history").GetArrayLength(), still.GetProperty("history").GetArrayLength());
        Assert.Equal("lulus-asesmen", still.GetProperty("currentStep").GetString());
        Assert.Equal(4, (await Json(await agus.GetAsync($"/api/v1/enrolments/{enrolment}"), HttpStatusCode.OK)).GetProperty("completedLessons").GetArrayLength());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Should_keep_a_step_the_server_refuses_on_the_phone_and_show_why()
    {
        const string Sari = "199208082019022003", Withdrawn = "literasi-keamanan-digital";
        var sari = await browser.App.ApiAs(Sari);
        var enrolment = (await Json(await sari.PostAsJsonAsync("/api/v1/enrolments", new { course = Withdrawn }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var page = await browser.LoggedInPhone(Sari);
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await page.GotoAsync($"/learn/{enrolment}");
        await page.WaitForFunctionAsync("navigator.serviceWorker.controller !== null");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan untuk dibaca offline" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unduh" }).ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex("Tersimpan untuk dibaca offline"))).ToBeVisibleAsync();
        var lesson = page.Url;

        // Read and ticked offline; meanwhile the coordinator withdraws the course.
        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync(lesson);
        await Assertions.Expect(page.Locator("[data-offline-mark]")).ToContainTextAsync("Offline");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tandai selesai" }).ClickAsync();
        await page.WaitForURLAsync(url => url != lesson);
        await browser.App.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            (await db.Set<Course>().SingleAsync(c => c.Slug == Withdrawn)).Archive();
            await db.SaveChangesAsync();
        });

        // Online again: refused, kept with the reason on the home page (also after a reload), and nothing counted.
        await page.GotoAsync("/");
        var answer = await page.RunAndWaitForResponseAsync(() => page.Context.SetOfflineAsync(false), r => r.Url.EndsWith("/api/v1/sync/lesson-completions"));
        Assert.Equal("refused", (await answer.JsonAsync())!.Value.GetProperty("results")[0].GetProperty("status").GetString());
        var refused = page.Locator("[data-refused]");
        await Assertions.Expect(refused).ToContainTextAsync("Kursus ini sudah ditarik");
        await page.ReloadAsync();
        await Assertions.Expect(refused).ToContainTextAsync("Kursus ini sudah ditarik");
        await Check(page, "refused");
        Assert.Empty((await Json(await sari.GetAsync($"/api/v1/enrolments/{enrolment}"), HttpStatusCode.OK)).GetProperty("completedLessons").EnumerateArray());

        // Only the learner removes it, once read.
        await refused.GetByRole(AriaRole.Button, new() { Name = "Sudah dibaca, hapus" }).ClickAsync();
        await Assertions.Expect(refused).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Should_queue_a_completion_whose_post_is_lost_to_a_weak_signal_and_send_it_later()
    {
        // The phone believes it is online, but the "Tandai selesai" post never reaches the server (a dropped signal):
        // the service worker brings the learner back to the lesson, which queues the step instead of losing it.
        const string Learner = "199501012020121004", Slug = "pelindungan-data-pribadi";
        var api = await browser.App.ApiAs(Learner);
        var enrolment = (await Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { course = Slug }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var page = await browser.LoggedInPhone(Learner);
        await page.WaitForURLAsync(browser.BaseUrl + "/");
        await page.GotoAsync($"/learn/{enrolment}");
        await page.WaitForFunctionAsync("navigator.serviceWorker.controller !== null");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simpan untuk dibaca offline" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unduh" }).ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex("Tersimpan untuk dibaca offline"))).ToBeVisibleAsync();
        var key = await page.Locator("form[data-lesson-done]").GetAttributeAsync("data-lesson");

        var lost = 0;
        await page.Context.RouteAsync("**/learn/**", route =>
        {
            if (route.Request.Method != "POST") return route.FallbackAsync();
            Interlocked.Increment(ref lost);
            return route.AbortAsync("internetdisconnected");
        });
        // The page keeps the step, moves on to the next lesson, and sends what waits (it is online): the server gets the lesson.
        await page.GetByRole(AriaRole.Button, new() { Name = "Tandai selesai" }).ClickAsync();
        var completed = new List<string?>();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !completed.Contains(key) && DateTime.UtcNow < deadline; await Task.Delay(250))
            completed = (await Json(await api.GetAsync($"/api/v1/enrolments/{enrolment}"), HttpStatusCode.OK))
                .GetProperty("completedLessons").EnumerateArray().Select(k => k.GetString()).ToList();
        Assert.Equal(1, lost); // the form's own post was lost: the queue carried the step
        Assert.Contains(key, completed);
        await page.Context.UnrouteAllAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("[data-pending-count]")).ToHaveAttributeAsync("data-pending-count", "0");
        await page.Context.CloseAsync();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task Check(IPage page, string name)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{name} is {width} px wide");
        Assert.Equal(1, await page.Locator("main").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, $"offline-{name}-390.png"), FullPage = true });
    }
}
