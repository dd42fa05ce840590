using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Accounts.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// E-mail as people get it, through a real SMTP listener: multipart HTML + text in their language with real titles and city dates,
/// each person's choice per kind (at once, daily digest, app only), the digest job, and back-off while the server is down.
/// </summary>
public sealed class EmailTests
{
    private const string CourseTitle = "Dasar-Dasar SPBE untuk ASN Kota";
    private const string Preferences = "/api/v1/me/notification-preferences";
    private static readonly CultureInfo Id = new("id-ID");
    private static readonly CultureInfo En = new("en-US");

    private static LearningApp App(int smtpPort) => new(settings: new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture), ["Smtp:From"] = "learning@semarangkota.go.id",
        ["PublicUrl"] = "https://learning.semarangkota.go.id", ["Outbox:IntervalSeconds"] = "3600",
        // The test sends and runs jobs itself, on the test clock.
        ["Jobs:outbox-dispatch:Schedule"] = "0 0 0 1 1 ? 2099", ["Jobs:email-digest:Schedule"] = "0 0 0 1 1 ? 2099",
    });

    /// <summary>Tomorrow 20:30 UTC: 03:30 WIB the day after, so a UTC date would be wrong by one.</summary>
    private static void LateEvening(LearningApp app) =>
        app.Clock.Set(new DateTimeOffset(app.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1).AddHours(20.5), TimeSpan.Zero));

    private static Task<int> Send(LearningApp app) => app.Services.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None);

    /// <summary>The supervisor assigns SPBE Dasar to Agus, due in two weeks; returns the due date.</summary>
    private static async Task<DateOnly> AssignToAgus(LearningApp app)
    {
        var due = Today(app).AddDays(14);
        var supervisor = await app.ApiAs(Supervisor);
        await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, employees = new[] { Agus }, dueDate = Iso(due) }), HttpStatusCode.Created);
        return due;
    }

    private static async Task Choose(HttpClient api, object choices) =>
        await Json(await api.PutAsJsonAsync(Preferences, choices), HttpStatusCode.OK);

    private static async Task<string> Inbox(LearningApp app, string nip) =>
        await (await app.PagesAs(nip)).GetStringAsync("/notifications");

    private const string AgusMail = "agus.prasetyo@example.semarangkota.go.id";

    [Fact]
    public async Task Should_mail_an_assignment_at_once_as_HTML_and_text_in_Indonesian_with_the_course_title_and_due_date()
    {
        await using var smtp = new SmtpSink();
        await using var app = App(smtp.Port);
        var due = await AssignToAgus(app);
        Assert.True(await Send(app) >= 1);

        var mail = Assert.Single(smtp.Messages, m => m.To.Contains(AgusMail));
        Assert.Equal("multipart/alternative", mail.Mime.Body!.ContentType.MimeType);
        var dueText = due.ToString("d MMMM yyyy", Id);
        Assert.Equal($"Tugas wajib: {CourseTitle}", mail.Subject);
        Assert.Contains($"Anda ditugaskan mengikuti {CourseTitle}, paling lambat {dueText}.", mail.Body);
        Assert.DoesNotContain(Iso(due), mail.Body);
        Assert.Contains("https://learning.semarangkota.go.id/", mail.Body);
        var html = mail.Html!;
        Assert.Contains("lang=\"id\"", html);
        Assert.Contains("Kota Semarang", html); // the tenant's name heads it
        Assert.Contains($"paling lambat {dueText}", html);
        Assert.Contains("href=\"https://learning.semarangkota.go.id/\"", html);
        Assert.Contains(">Buka</a>", html);
    }

    [Fact]
    public async Task Should_keep_an_app_only_notice_in_the_inbox_without_mail()
    {
        await using var smtp = new SmtpSink();
        await using var app = App(smtp.Port);
        await Choose(await app.ApiAs(Agus), new { assignments = "app-only" });
        await AssignToAgus(app);
        await Send(app);

        Assert.DoesNotContain(smtp.Messages, m => m.To.Contains(AgusMail));
        Assert.Contains($"Tugas wajib: {CourseTitle}", await Inbox(app, Agus));
    }

    [Fact]
    public async Task Should_hold_a_digest_notice_for_one_daily_digest_that_is_sent_once()
    {
        await using var smtp = new SmtpSink();
        await using var app = App(smtp.Port);
        LateEvening(app);
        await Choose(await app.ApiAs(Agus), new { assignments = "digest" });
        var due = await AssignToAgus(app);
        var assignedAt = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Wib);
        await Send(app);
        Assert.DoesNotContain(smtp.Messages, m => m.To.Contains(AgusMail)); // not at once
        Assert.Contains($"Tugas wajib: {CourseTitle}", await Inbox(app, Agus));

        // The next morning at 07:00 WIB, as the operator would run it.
        var morning = new DateTimeOffset(DateOnly.FromDateTime(assignedAt.DateTime).ToDateTime(new TimeOnly(7, 0)), TimeSpan.FromHours(7));
        app.Clock.Set(morning);
        Assert.Equal(0, await Verbs.Run(app.Services, "jobs", ["run", "email-digest", "--as-of", morning.ToString("O", CultureInfo.InvariantCulture)]));
        Assert.Equal(1, await Send(app));
        var digest = Assert.Single(smtp.Messages, m => m.To.Contains(AgusMail));
        Assert.Equal("Ringkasan harian Kota Semarang: 1 notifikasi", digest.Subject);
        Assert.Contains($"Tugas wajib: {CourseTitle} ({assignedAt.DateTime.ToString("d MMMM yyyy HH:mm", Id)} WIB)", digest.Body);
        Assert.Contains($"paling lambat {due.ToString("d MMMM yyyy", Id)}", digest.Body);
        Assert.Equal("multipart/alternative", digest.Mime.Body!.ContentType.MimeType);
        Assert.Contains(CourseTitle, digest.Html);

        // Running it again the same day sends nothing, nor does the recorded runner.
        Assert.Equal(0, await Verbs.Run(app.Services, "jobs", ["run", "email-digest", "--as-of", morning.AddMinutes(30).ToString("O", CultureInfo.InvariantCulture)]));
        Assert.Equal(0, await RunJob(app, "email-digest", DateOnly.FromDateTime(morning.DateTime)));
        Assert.Equal(0, await Send(app));
        Assert.Single(smtp.Messages, m => m.To.Contains(AgusMail));
    }

    [Fact]
    public async Task Should_not_mail_a_person_who_has_left_whatever_still_reaches_their_inbox()
    {
        await using var smtp = new SmtpSink();
        await using var app = App(smtp.Port);
        var admin = await app.ApiAs("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{Agus}/deactivate", null)).StatusCode);

        // A reminder still raised for Agus (a certificate's reassessment, a path): kept in the app for if he comes back, not mailed.
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var employeeId = (await db.Set<LearningUser>().SingleAsync(u => u.UserName == Agus)).EmployeeId!.Value;
            Assert.True(await sp.GetRequiredService<INotifier>().NotifyEmployee(employeeId,
                new Notice("left-test", "Certification.Notice.ReassessmentDue", [CourseTitle, "2027-01-31"], "/", NoticeKind.Reminders), CancellationToken.None));
            await db.SaveChangesAsync();
        });
        Assert.Equal(0, await Send(app));
        Assert.DoesNotContain(smtp.Messages, m => m.To.Contains(AgusMail));
        await app.WithScope(async sp => Assert.Equal(1, await sp.GetRequiredService<LearningDbContext>().Set<Learning.Notifications.Notification>()
            .CountAsync(n => n.TextKey == "Certification.Notice.ReassessmentDue")));
    }

    [Fact]
    public async Task Should_write_in_English_to_a_person_who_chose_English()
    {
        await using var smtp = new SmtpSink();
        await using var app = App(smtp.Port);
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            (await db.Set<LearningUser>().SingleAsync(u => u.UserName == Agus)).Language = "en";
            await db.SaveChangesAsync();
        });
        var due = await AssignToAgus(app);
        await Send(app);

        var mail = Assert.Single(smtp.Messages, m => m.To.Contains(AgusMail));
        Assert.Contains(due.ToString("d MMMM yyyy", En), mail.Body);
        Assert.Contains(CourseTitle, mail.Body);
        Assert.Contains("lang=\"en\"", mail.Html);
        Assert.Contains(">Open</a>", mail.Html);
        Assert.Contains("Choose which e-mails you get", mail.Body);
    }

    [Fact]
    public async Task Should_retry_a_failed_send_later_each_time_and_deliver_when_the_server_is_back()
    {
        var port = SmtpSink.FreePort();
        await using var app = App(port); // nothing listens there yet: the server is down
        await AssignToAgus(app);
        Task<OutboxMessage> Message() => app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.Payload.Contains("agus.prasetyo")));

        Assert.Equal(0, await Send(app));
        var first = await Message();
        Assert.Equal(1, first.Attempts);
        Assert.NotNull(first.LastError);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), first.NextAttemptAt);

        await Send(app); // too soon: not tried again
        Assert.Equal(1, (await Message()).Attempts);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Send(app);
        var second = await Message();
        Assert.Equal(2, second.Attempts);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(2), second.NextAttemptAt); // waits longer each time

        await using var smtp = new SmtpSink(port); // the server is back
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Send(app);
        Assert.Empty(smtp.Messages); // still waiting out its back-off
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Send(app));
        Assert.Single(smtp.Messages, m => m.To.Contains(AgusMail));
        Assert.NotNull((await Message()).ProcessedAt);
    }

    [Fact]
    public async Task Should_give_up_after_the_last_attempt_and_keep_the_error()
    {
        await using var app = App(SmtpSink.FreePort());
        await AssignToAgus(app);
        for (var i = 0; i < OutboxProcessor.MaxAttempts + 2; i++)
        {
            await Send(app);
            app.Clock.Advance(OutboxProcessor.MaxBackOff);
        }
        var message = await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.Payload.Contains("agus.prasetyo")));
        Assert.Equal(OutboxProcessor.MaxAttempts, message.Attempts);
        Assert.Null(message.ProcessedAt);
        Assert.NotNull(message.LastError);
    }

    [Fact]
    public async Task Should_queue_nothing_when_SMTP_is_not_configured_whatever_the_choice()
    {
        await using var app = new LearningApp();
        await Choose(await app.ApiAs(Agus), new { assignments = "digest" });
        await AssignToAgus(app);
        Assert.Equal(0, await RunJob(app, "email-digest", Today(app)));
        Assert.Equal(0, await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().OutboxMessages.CountAsync()));
        Assert.Contains($"Tugas wajib: {CourseTitle}", await Inbox(app, Agus));
    }

    [Fact]
    public async Task Should_refuse_a_bad_choice_with_problem_json_and_keep_each_persons_choices_their_own()
    {
        await using var app = new LearningApp();
        var agus = await app.ApiAs(Agus);
        var dewi = await app.ApiAs(Dewi);

        var defaults = await Json(await agus.GetAsync(Preferences), HttpStatusCode.OK);
        Assert.Equal("immediately", defaults.GetProperty("assignments").GetString());

        var bad = await agus.PutAsJsonAsync(Preferences, new { assignments = "digest", reminders = "weekly" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("weekly", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        // Nothing half-written: the good part of a refused request is not kept.
        Assert.Equal("immediately", (await Json(await agus.GetAsync(Preferences), HttpStatusCode.OK)).GetProperty("assignments").GetString());
        var broken = await agus.PutAsync(Preferences, new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);

        var saved = await Json(await agus.PutAsJsonAsync(Preferences, new { assignments = "digest", reminders = "app-only" }), HttpStatusCode.OK);
        Assert.Equal("digest", saved.GetProperty("assignments").GetString());
        Assert.Equal("app-only", saved.GetProperty("reminders").GetString());
        Assert.Equal("immediately", saved.GetProperty("approvals").GetString());

        // Dewi sees and changes only her own; Agus's stay as he set them.
        Assert.Equal("immediately", (await Json(await dewi.GetAsync(Preferences), HttpStatusCode.OK)).GetProperty("assignments").GetString());
        await Choose(dewi, new { assignments = "app-only" });
        Assert.Equal("digest", (await Json(await agus.GetAsync(Preferences), HttpStatusCode.OK)).GetProperty("assignments").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(Preferences)).StatusCode);
    }

    [Fact]
    public async Task Should_let_a_person_choose_on_the_settings_page()
    {
        await using var app = new LearningApp();
        var pages = await app.PagesAs(Agus);
        Assert.Contains("/notifications/settings", await pages.GetStringAsync("/notifications"));
        var page = await pages.GetStringAsync("/notifications/settings");
        Assert.Contains("<legend>Tugas wajib</legend>", page);
        Assert.Contains("Dalam ringkasan harian", page);

        var form = await LearningApp.FormWithToken(pages, "/notifications/settings", new() { ["assignments"] = "app-only", ["digests"] = "digest" });
        var posted = await pages.PostAsync("/notifications/settings", form);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Pengaturan e-mail disimpan.", await pages.GetStringAsync(posted.Headers.Location!.ToString()));
        var api = await Json(await (await app.ApiAs(Agus)).GetAsync(Preferences), HttpStatusCode.OK);
        Assert.Equal("app-only", api.GetProperty("assignments").GetString());
        Assert.Equal("digest", api.GetProperty("digests").GetString());

        // Without the antiforgery token nothing is saved.
        var forged = await pages.PostAsync("/notifications/settings", new FormUrlEncodedContent(new Dictionary<string, string> { ["assignments"] = "immediately" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("app-only", (await Json(await (await app.ApiAs(Agus)).GetAsync(Preferences), HttpStatusCode.OK)).GetProperty("assignments").GetString());
    }
}
