using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Learning.Browser.Tests.Classes;

/// <summary>
/// Every page of classes on a 390 px phone, as each person reaches it: the coordinator's list, new-class form, edit page and
/// roster; the trainer's check-in screen and roll; the learner's classes, a class, the calendar, the check-in page and the
/// evaluation form; the coordinator's evaluation questions and report. Each must not scroll sideways, have one &lt;main&gt;,
/// label every field and weigh under 250 KB with its assets (<see cref="PhoneChecks"/>).
/// </summary>
public sealed class ClassPagesOnPhoneTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    private const string Coordinator = "198203152006042001"; // Sri, BKPSDM
    private const string Bambang = "197811202003121002";
    private const string Agus = "199005172015031001";
    // Long on purpose: a title and a meeting link that do not fit a phone's line must wrap, not widen the page.
    private const string Title = "Pelatihan Standar Pelayanan Publik bagi Petugas Loket Kecamatan dan Kelurahan Angkatan II";
    private const string MeetingLink = "https://rapat.semarangkota.go.id/diklat/standar-pelayanan-publik-petugas-loket-angkatan-kedua-sesi-daring";

    // Every page's problems, reported together at the end: one run shows all that needs mending.
    private readonly List<string> _problems = [];

    [Fact]
    public async Task Should_fit_a_phone_on_every_class_page_with_labelled_fields_and_a_light_weight()
    {
        // The coordinator schedules a class over the API (its first session in 40 minutes); Agus registers.
        var clock = browser.App.Clock;
        var now = clock.GetUtcNow();
        string At(TimeSpan from) => (now + from).ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var api = await browser.App.ApiAs(Coordinator);
        var created = await api.PostAsJsonAsync("/api/v1/classes", new
        {
            course = "spbe-dasar", title = Title, jp = 12, capacity = 30, approval = "none", registrationCloses = At(TimeSpan.FromMinutes(20)),
            sessions = new[]
            {
                new { start = At(TimeSpan.FromMinutes(40)), end = At(TimeSpan.FromHours(3)), venue = (string?)"Aula BKPSDM Kota Semarang, Gedung Moch. Ichsan Lantai 8", onlineUrl = (string?)null },
                new { start = At(TimeSpan.FromDays(1)), end = At(TimeSpan.FromDays(1) + TimeSpan.FromHours(3)), venue = (string?)null, onlineUrl = (string?)MeetingLink },
            },
            trainers = new[] { Coordinator, Bambang },
            completion = new { attendance = 1, postTest = false, evaluation = true },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var agusApi = await browser.App.ApiAs(Agus);
        var registered = await agusApi.PostAsJsonAsync($"/api/v1/classes/{id}/registrations", new { });
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());

        // Before the class: the coordinator's pages and the learner's.
        var coordinator = await browser.LoggedInPhone(Coordinator);
        await coordinator.WaitForURLAsync(browser.BaseUrl + "/");
        await Visit(coordinator, "/authoring/classes", "class-authoring-list", Title);
        await Visit(coordinator, "/authoring/classes/new", "class-authoring-new", null);
        await Visit(coordinator, $"/authoring/classes/{id}", "class-authoring-edit", null);
        await Assertions.Expect(coordinator.Locator("#title")).ToHaveValueAsync(Title);
        await Visit(coordinator, $"/authoring/classes/{id}/roster", "class-authoring-roster", "Agus Prasetyo");

        var learner = await browser.LoggedInPhone(Agus);
        await learner.WaitForURLAsync(browser.BaseUrl + "/");
        await Visit(learner, "/classes", "class-learner-list", Title);
        await Visit(learner, $"/classes/{id}", "class-learner-class", Title);
        await Visit(learner, "/classes/calendar", "class-learner-calendar", null);

        // During the first session: the trainer's screen and roll, the learner's check-in and evaluation form.
        clock.Advance(TimeSpan.FromMinutes(45));
        await Visit(coordinator, $"/classes/{id}/sessions/1/check-in", "class-trainer-check-in", null);
        await Assertions.Expect(coordinator.Locator("#check-in-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\s*[A-Z2-9]{6}\\s*$"));
        await Visit(coordinator, $"/classes/{id}/sessions/1/roll", "class-trainer-roll", "Agus Prasetyo");
        await Visit(learner, $"/classes/{id}/check-in", "class-learner-check-in", null);
        await Visit(learner, $"/classes/{id}/evaluation", "class-learner-evaluation", null);
        await Assertions.Expect(learner.Locator("fieldset.question").First).ToBeVisibleAsync();

        // The learner answers; the coordinator's questions page and the class's report.
        var answered = await agusApi.PostAsJsonAsync($"/api/v1/classes/{id}/evaluation", new
        {
            answers = new Dictionary<string, object> { ["materi"] = 5, ["pengajar"] = 4, ["tempat"] = 4, ["manfaat"] = 5, ["komentar"] = "Contoh kasusnya dekat dengan pekerjaan di loket." },
        });
        Assert.True(answered.StatusCode == HttpStatusCode.NoContent, await answered.Content.ReadAsStringAsync());
        await Visit(coordinator, $"/authoring/evaluations/classes/{id}", "class-evaluation-questions", null);
        await Visit(coordinator, $"/reports/evaluations/classes/{id}", "class-evaluation-report", "Contoh kasusnya dekat dengan pekerjaan di loket.");
        foreach (var page in new[] { coordinator, learner }) await page.Context.CloseAsync();
        Assert.True(_problems.Count == 0, string.Join("\n", _problems));
    }

    /// <summary>Opens the page (it must answer 200 and, when given, show <paramref name="shows"/>), then runs the phone checks.</summary>
    private async Task Visit(IPage page, string path, string name, string? shows)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response?.Status == 200, $"{path}: {response?.Status}");
        Assert.True(page.Url.EndsWith(path, StringComparison.Ordinal), $"{path} went to {page.Url}");
        if (shows is not null) await Assertions.Expect(page.Locator("main")).ToContainTextAsync(shows);
        _problems.AddRange(await PhoneChecks.Problems(page, name));
    }
}
