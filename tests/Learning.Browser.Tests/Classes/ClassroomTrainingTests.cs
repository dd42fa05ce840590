using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Courses.Contracts;
using Learning.Browser.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Classes;

/// <summary>
/// A whole class from the learner's phone: register, the supervisor approves, check in at two sessions with the code on the
/// trainer's screen, the post-test, the evaluation, then the certificate and the JP on the career record.
/// </summary>
public sealed class ClassroomTrainingTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Agus = "199005172015031001";
    private const string Bambang = "197811202003121002";
    private const string Coordinator = "198203152006042001";
    private const string Course = "pengaduan-sp4n-lapor";
    private const string Title = "Diklat Pengelolaan Pengaduan SP4N-LAPOR! (kelas uji)";
    private const string CourseTitle = "Mengelola Pengaduan Warga melalui SP4N-LAPOR!";

    [Fact]
    public async Task Should_take_a_learner_from_registration_to_certificate_and_jp_on_a_phone()
    {
        // The coordinator schedules a two-session class of the course: supervisor approval, post-test and evaluation required.
        var clock = browser.App.Clock;
        var now = clock.GetUtcNow();
        string At(TimeSpan from) => (now + from).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var coordinatorApi = await browser.App.ApiAs(Coordinator);
        var created = await coordinatorApi.PostAsJsonAsync("/api/v1/classes", new
        {
            course = Course, title = Title, jp = 16, capacity = 20, approval = "supervisor", registrationCloses = At(TimeSpan.FromMinutes(20)),
            sessions = new[]
            {
                new { start = At(TimeSpan.FromMinutes(40)), end = At(TimeSpan.FromHours(3)), venue = (string?)"Ruang Diklat BKPSDM", onlineUrl = (string?)null },
                new { start = At(TimeSpan.FromHours(4)), end = At(TimeSpan.FromHours(6)), venue = (string?)null, onlineUrl = (string?)"https://rapat.semarangkota.go.id/diklat-lapor" },
            },
            trainers = new[] { Coordinator },
            completion = new { attendance = 1, postTest = true, evaluation = true },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var classId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // The learner finds it among the classes open to him and registers: his supervisor must agree first.
        var learner = await browser.LoggedInPhone(Agus);
        await learner.WaitForURLAsync(browser.BaseUrl + "/");
        await learner.GotoAsync("/classes");
        await learner.GetByRole(AriaRole.Link, new() { Name = Title }).First.ClickAsync();
        await learner.WaitForURLAsync(new Regex($"/classes/{classId}$"));
        await learner.GetByRole(AriaRole.Button, new() { Name = "Daftar", Exact = true }).ClickAsync();
        await Assertions.Expect(learner.Locator("main")).ToContainTextAsync("menunggu persetujuan atasan");
        await Check(learner, "registered-pending");

        // The supervisor approves from the inbox.
        var supervisor = await browser.LoggedInPhone(Bambang);
        await supervisor.WaitForURLAsync(browser.BaseUrl + "/");
        await supervisor.GotoAsync("/approvals");
        var request = supervisor.Locator("section.approval", new() { HasText = "Agus Prasetyo" }).Filter(new() { HasText = Title });
        await Assertions.Expect(request).ToHaveCountAsync(1);
        await request.GetByRole(AriaRole.Button, new() { Name = "Setujui" }).ClickAsync();
        await Assertions.Expect(supervisor.GetByRole(AriaRole.Status)).ToContainTextAsync("Disetujui");
        await learner.ReloadAsync();
        await Assertions.Expect(learner.Locator("main")).ToContainTextAsync(new Regex(@"Status saya\s+terdaftar"));

        // Two sessions: the trainer's screen shows the code of the minute, the learner types it on his phone.
        var trainer = await browser.LoggedInPhone(Coordinator);
        await trainer.WaitForURLAsync(browser.BaseUrl + "/");
        clock.Advance(TimeSpan.FromMinutes(45));
        await CheckIn(trainer, learner, classId, 1, "1 dari 1 hadir");
        clock.Advance(TimeSpan.FromHours(3.5));
        await CheckIn(trainer, learner, classId, 2, "1 dari 1 hadir");

        // A wrong code is refused with its reason, and changes nothing.
        await learner.GotoAsync($"/classes/{classId}/check-in");
        await learner.GetByLabel("Kode presensi").FillAsync("ZZZZZZ");
        await learner.GetByRole(AriaRole.Button, new() { Name = "Catat kehadiran saya" }).ClickAsync();
        await Assertions.Expect(learner.Locator("#check-in-problem")).ToBeVisibleAsync();

        // The post-test on the class's enrolment, answered from the key the server holds.
        var api = await browser.App.ApiAs(Agus);
        var enrolments = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/enrolments");
        var enrolment = enrolments.EnumerateArray().First(e => e.GetProperty("course").GetString() == Course).GetProperty("id").GetString();
        await learner.GotoAsync($"/assessment/{enrolment}");
        await learner.GetByRole(AriaRole.Button, new() { Name = "Mulai ujian" }).ClickAsync();
        await learner.WaitForURLAsync(new Regex("/attempts/[0-9a-f-]+$"));
        var key = await browser.App.WithScope(async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(Course))!);
        foreach (var a in key.Answers)
        {
            var values = a.Type == QuestionType.TrueFalse ? [a.TrueFalse!.Value ? "true" : "false"] : a.Options.Select(i => i.ToString(CultureInfo.InvariantCulture));
            foreach (var v in values) await learner.Locator($"input[name='q_{a.QuestionId}'][value='{v}']").CheckAsync();
        }
        await learner.GetByRole(AriaRole.Button, new() { Name = "Kirim jawaban" }).ClickAsync();
        await learner.WaitForURLAsync(new Regex("/result$"));
        Assert.Contains("Lulus", await learner.Locator("main").InnerTextAsync());

        // The evaluation: every scale question, and a comment.
        await learner.GotoAsync($"/classes/{classId}/evaluation");
        var scales = learner.Locator("fieldset.question");
        for (var i = 0; i < await scales.CountAsync(); i++) await scales.Nth(i).Locator("input[type=radio][value='5']").CheckAsync();
        var comment = learner.Locator("textarea");
        if (await comment.CountAsync() > 0) await comment.First.FillAsync("Materi sangat membantu menjawab pengaduan warga.");
        await Check(learner, "evaluation");
        await learner.GetByRole(AriaRole.Button, new() { Name = "Kirim evaluasi" }).ClickAsync();
        await Assertions.Expect(learner.Locator("main")).ToContainTextAsync("Terima kasih, evaluasi Anda sudah tersimpan.");

        // The certificate is issued and the class's 16 JP are on his career record.
        await learner.GotoAsync("/career-record");
        var record = learner.Locator("main");
        await Assertions.Expect(record).ToContainTextAsync(CourseTitle);
        var row = learner.Locator("main tr, main li", new() { HasText = CourseTitle }).Last;
        Assert.Contains("16", await row.InnerTextAsync());
        await Check(learner, "career-record");
        var certificates = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates");
        Assert.Contains(certificates.EnumerateArray(), c => c.GetProperty("status").GetString() == "valid"
            && (c.GetProperty("course").GetString() ?? "").Length > 0);
        foreach (var page in new[] { learner, supervisor, trainer }) await page.Context.CloseAsync();
    }

    private async Task CheckIn(IPage trainer, IPage learner, string classId, int session, string count)
    {
        await trainer.GotoAsync($"/classes/{classId}/sessions/{session}/check-in");
        var code = (await trainer.Locator("#check-in-code").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{6}$", code);
        await Check(trainer, $"screen-{session}");
        await learner.GotoAsync($"/classes/{classId}/check-in?kode={code}");
        await learner.GetByRole(AriaRole.Button, new() { Name = "Catat kehadiran saya" }).ClickAsync();
        await Assertions.Expect(learner.Locator("#check-in-done")).ToContainTextAsync($"sesi {session}");
        await Check(learner, $"checked-in-{session}");
        await trainer.ReloadAsync();
        await Assertions.Expect(trainer.Locator("#check-in-count")).ToContainTextAsync(count);
    }

    private static async Task Check(IPage page, string name)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{name} is {width} px wide");
        Assert.Equal(1, await page.Locator("main").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, $"class-{name}-390.png"), FullPage = true });
    }
}
