using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Learning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// What people read is on the city's clock with its zone's name and in their language, and names things by their titles:
/// a notice names the course and its due date, /admin/jobs shows next runs in WIB whatever the server's zone, an assigned
/// path shows its title, the path timeline speaks in words (Indonesian, English on request).
/// </summary>
public sealed partial class CityClockAndNamesTests
{
    private const string Admin = "admin";
    private const string PathKey = "sertifikasi-pelayanan-publik";
    private const string PathTitle = "Sertifikasi Standar dan Maklumat Pelayanan Publik";
    private const string PrivacyCourse = "pelindungan-data-pribadi";
    private const string PrivacyTitle = "Pelindungan Data Pribadi dalam Layanan Publik";
    private static readonly CultureInfo Id = new("id-ID");
    private static readonly CultureInfo En = new("en-US");

    /// <summary>The page as a person reads it: the text between the tags, no attributes, no scripts.</summary>
    private static string Visible(string html) =>
        WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(Scripts().Replace(html, " "), " "), " "));

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex Scripts();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();

    [Fact]
    public async Task Should_name_the_course_and_show_its_due_date_in_the_readers_words_in_an_overdue_notice()
    {
        await using var app = new LearningApp();
        var supervisor = await app.ApiAs(Supervisor);
        var due = Today(app).AddDays(10);
        await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments",
            new { course = PrivacyCourse, employees = new[] { Dewi }, dueDate = Iso(due) }), HttpStatusCode.Created);
        await RunVerb(app, "assignment-reminders", due.AddDays(1));

        var dewi = await app.PagesAs(Dewi);
        var inbox = Visible(await dewi.GetStringAsync("/notifications"));
        Assert.Contains($"Terlambat: {PrivacyTitle}", inbox);
        Assert.Contains($"melewati tenggat {due.ToString("d MMMM yyyy", Id)}", inbox);
        Assert.DoesNotContain(PrivacyCourse, inbox);
        Assert.DoesNotContain(Iso(due), inbox);
        // When each notice came: the city's clock, named.
        Assert.Matches(@"\d{1,2} \w+ \d{4} \d{2}[.:]\d{2} WIB", inbox);

        // The learner's own list shows the due date the same way, never ISO.
        var mine = Visible(await dewi.GetStringAsync("/assignments/mine"));
        Assert.Contains(PrivacyTitle, mine);
        Assert.Contains(due.ToString("d MMM yyyy", Id), mine);
        Assert.DoesNotContain(Iso(due), mine);

        await ChooseEnglish(dewi);
        var english = Visible(await dewi.GetStringAsync("/notifications"));
        Assert.Contains($"Overdue: {PrivacyTitle}", english);
        Assert.Contains($"passed its due date {due.ToString("d MMMM yyyy", En)}", english);
        Assert.Contains(due.ToString("d MMM yyyy", En), Visible(await dewi.GetStringAsync("/assignments/mine")));
    }

    [Fact]
    public async Task Should_show_the_next_runs_on_the_citys_clock_whatever_the_servers_zone_even_in_a_process_in_New_York()
    {
        // In this process (the machine's zone, UTC here): the daily reminders run at 06:00 in the city.
        await using var app = new LearningApp();
        var admin = await app.PagesAs(Admin);
        var here = NextRun(await admin.GetStringAsync("/admin/jobs"), "assignment-reminders");
        var six = new DateTime(2026, 1, 1, 6, 0, 0).ToString("HH:mm", Id);
        Assert.EndsWith($"{six} WIB", here);
        var nextDay = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Wib) is var now && now.Hour < 6 ? now.Date : now.Date.AddDays(1);
        Assert.Equal($"{nextDay.ToString("d MMM yyyy", Id)} {six} WIB", here);

        // The real host, started as an operator would with the server's clock in New York: the same page, the same time.
        var there = await JobsPageInZone("America/New_York");
        Assert.Equal(here, NextRun(there, "assignment-reminders"));
        Assert.DoesNotContain("EST", Visible(there));
    }

    [Fact]
    public async Task Should_name_an_assigned_path_by_its_title_on_every_page_and_notice()
    {
        await using var app = new LearningApp();
        var supervisor = await app.ApiAs(Supervisor);
        var due = Today(app).AddDays(20);
        await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments",
            new { path = PathKey, employees = new[] { Agus }, dueDate = Iso(due) }), HttpStatusCode.Created);

        var agus = await app.PagesAs(Agus);
        foreach (var page in new[] { "/assignments/mine", "/", "/notifications" })
        {
            var text = Visible(await agus.GetStringAsync(page));
            Assert.Contains(PathTitle, text);
            Assert.DoesNotContain(PathKey, text);
        }
        Assert.Contains($"Tugas wajib: {PathTitle}", await NoticeTitles(await app.ApiAs(Agus)));

        var team = Visible(await (await app.PagesAs(Supervisor)).GetStringAsync("/team"));
        Assert.Contains(PathTitle, team);
        Assert.DoesNotContain(PathKey, team);
    }

    [Fact]
    public async Task Should_tell_the_path_timeline_in_Indonesian_words_and_in_English_on_request()
    {
        await using var app = new LearningApp();
        var created = await Json(await (await app.ApiAs(Agus)).PostAsJsonAsync("/api/v1/enrolments", new { path = PathKey }), HttpStatusCode.Created);
        var instance = created.GetProperty("pathInstanceId").GetString();
        var bambang = await app.ApiAs(Supervisor);
        var approval = (await Json(await bambang.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray().Single();
        await Json(await bambang.PostAsJsonAsync($"/api/v1/approvals/{approval.GetProperty("id").GetString()}",
            new { decision = "approve", reason = "Sesuai rencana" }), HttpStatusCode.OK);

        var pages = await app.PagesAs(Supervisor);
        var timeline = Visible(await pages.GetStringAsync($"/paths/instances/{instance}"));
        Assert.Contains("Persetujuan diputuskan", timeline);
        Assert.Contains("disetujui: Sesuai rencana", timeline);
        Assert.Contains("Persetujuan atasan", timeline);            // the step by its name, not its id
        Assert.Contains("menyelesaikan kursus", timeline);          // the step's kind in words
        Assert.Contains("WIB", timeline);
        Assert.Contains("Jalur dimulai", timeline);
        foreach (var raw in new[] { "approved", "request-approval", "complete-course", "pass-assessment", "step-started", PathKey })
            Assert.DoesNotContain(raw, timeline);

        await ChooseEnglish(pages);
        var english = Visible(await pages.GetStringAsync($"/paths/instances/{instance}"));
        Assert.Contains("Approval decided", english);
        Assert.Contains("approved: Sesuai rencana", english);
        Assert.Contains("Supervisor's approval", english);
        Assert.Contains("complete the course", english);
        Assert.DoesNotContain("disetujui", english);
        Assert.DoesNotContain("complete-course", english);
    }

    [Fact]
    public async Task Should_show_an_approvals_deadline_in_WIB_and_its_escalation_in_words()
    {
        await using var app = new LearningApp();
        var created = await Json(await (await app.ApiAs(Agus)).PostAsJsonAsync("/api/v1/enrolments", new { path = PathKey }), HttpStatusCode.Created);
        var instance = created.GetProperty("pathInstanceId").GetString();
        // Three days to decide, on the city's clock.
        var due = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow().AddDays(3), Wib).DateTime;
        var inbox = Visible(await (await app.PagesAs(Supervisor)).GetStringAsync("/approvals"));
        Assert.Contains($"batas {due.ToString("d MMM yyyy HH:mm", Id)} WIB", inbox);

        // Nobody decided: the timer passes it to the coordinators, who reject it.
        await app.WithScope(sp => sp.GetRequiredService<Learning.Paths.Engine.PathTimersJob>().Run(app.Clock.GetUtcNow().AddDays(3).AddMinutes(1), CancellationToken.None));
        var coordinator = await app.ApiAs(Coordinator);
        var escalated = (await Json(await coordinator.GetAsync("/api/v1/approvals"), HttpStatusCode.OK)).EnumerateArray().Single();
        await Json(await coordinator.PostAsJsonAsync($"/api/v1/approvals/{escalated.GetProperty("id").GetString()}",
            new { decision = "reject", reason = "Kuota penuh" }), HttpStatusCode.OK);

        var timeline = Visible(await (await app.PagesAs(Coordinator)).GetStringAsync($"/paths/instances/{instance}"));
        Assert.Contains("Batas waktu persetujuan lewat (Persetujuan atasan) sistem · naik ke atasan berikutnya", timeline);
        Assert.Contains("Persetujuan dieskalasi (Persetujuan atasan) sistem · koordinator", timeline);
        Assert.Contains("ditolak: Kuota penuh", timeline);
        Assert.Contains("dibatalkan ditolak", timeline);                // the status and the outcome badges
        foreach (var raw in new[] { "escalate", "coordinator", "rejected", "cancelled" })
            Assert.DoesNotContain(raw, timeline);
    }

    /// <summary>What a person does to read English: the language choice at the foot of every page.</summary>
    private static async Task ChooseEnglish(HttpClient pages) =>
        Assert.Equal(HttpStatusCode.Redirect, (await pages.PostAsync("/language",
            await LearningApp.FormWithToken(pages, "/", new() { ["language"] = "en", ["returnUrl"] = "/" }))).StatusCode);

    /// <summary>The next-run cell of a job's row on /admin/jobs.</summary>
    private static string NextRun(string html, string job)
    {
        var row = Regex.Match(html, $"<tr>\\s*<th scope=\"row\">{Regex.Escape(job)}<br>.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"No row for {job}.");
        var cells = Regex.Matches(row.Value, "<td>(.*?)</td>", RegexOptions.Singleline);
        return WebUtility.HtmlDecode(cells[2].Groups[1].Value.Trim());
    }

    /// <summary>Starts the built host (Learning.Web.dll) with TZ set, as ./run.sh would, signs in as the administrator and reads /admin/jobs.</summary>
    private static async Task<string> JobsPageInZone(string zone)
    {
        var dataRoot = Directory.CreateTempSubdirectory("learning-tz-").FullName;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["TZ"] = zone;
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Learning.Web.dll"), $"--urls={url}", "--Demo=true",
                     "--DemoSalatiga=false", "--Database:Provider=Sqlite", $"--DataRoot={dataRoot}" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
                { BaseAddress = new Uri(url) };
            using var waiting = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            while (true)
            {
                Assert.False(process.HasExited, $"The host stopped:\n{output}");
                try
                {
                    if ((await client.GetAsync("/login", waiting.Token)).IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) { }
                await Task.Delay(200, waiting.Token); // polling the socket until the host listens
            }
            var login = await client.PostAsync("/login", await LearningApp.FormWithToken(client, "/login",
                new() { ["UserName"] = Admin, ["Password"] = Web.Demo.DemoSeeder.Password }));
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            return await client.GetStringAsync("/admin/jobs");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try { Directory.Delete(dataRoot, recursive: true); } catch (IOException) { }
        }
    }
}
