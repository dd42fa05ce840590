using Learning.Accounts.Contracts;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Tests.Flows;

public sealed class NotificationsTests
{
    private const string Learner = "199005172015031001";

    private static async Task<Guid> EmployeeOf(LearningApp app, string nip) =>
        await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<LearningUser>().Where(u => u.UserName == nip).Select(u => u.EmployeeId!.Value).SingleAsync());

    private static Task<bool> Notify(LearningApp app, Guid employeeId, string key) => app.WithScope(async sp =>
    {
        var notified = await sp.GetRequiredService<INotifier>().NotifyEmployee(employeeId,
            new Notice(key, "Notifications.CourseWaiting", ["SPBE Dasar"], "/courses/spbe-dasar"));
        await sp.GetRequiredService<LearningDbContext>().SaveChangesAsync();
        return notified;
    });

    [Fact]
    public async Task Should_notify_many_people_at_once_and_each_notice_only_once()
    {
        await using var app = new LearningApp();
        var learner = await EmployeeOf(app, Learner);
        var other = await EmployeeOf(app, "199208082019022003");
        Notice Waiting(string key) => new(key, "Notifications.CourseWaiting", ["SPBE Dasar"], "/courses/spbe-dasar");
        Task<int> NotifyMany(params (Guid, Notice)[] notices) => app.WithScope(async sp =>
        {
            var added = await sp.GetRequiredService<INotifier>().NotifyEmployees(notices);
            await sp.GetRequiredService<LearningDbContext>().SaveChangesAsync();
            return added;
        });

        Assert.True(await Notify(app, learner, "digest:1"));
        // Already there, twice in the same call, and someone with no login (an unknown id): only one is new.
        Assert.Equal(1, await NotifyMany((learner, Waiting("digest:1")), (other, Waiting("digest:1")), (other, Waiting("digest:1")), (Guid.NewGuid(), Waiting("digest:1"))));
        Assert.Equal(0, await NotifyMany((learner, Waiting("digest:1")), (other, Waiting("digest:1"))));

        var inbox = await (await app.ApiAs("199208082019022003")).GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Equal(1, inbox.GetProperty("unread").GetInt32());
    }

    [Fact]
    public async Task Should_show_a_notice_once_in_the_inbox_with_an_unread_count_until_read()
    {
        await using var app = new LearningApp();
        var employee = await EmployeeOf(app, Learner);
        Assert.True(await Notify(app, employee, "reminder:1"));
        Assert.False(await Notify(app, employee, "reminder:1")); // the same notice again changes nothing

        var pages = await app.PagesAs(Learner);
        var home = await pages.GetStringAsync("/");
        Assert.Contains("Notifikasi (1)", home);
        var inbox = await pages.GetStringAsync("/notifications");
        Assert.Contains("Kursus SPBE Dasar menunggu Anda", inbox);

        var api = await app.ApiAs(Learner);
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Equal(1, list.GetProperty("unread").GetInt32());
        var id = list.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("unread").GetInt32());
        // The count in every page's bar follows at once: it is remembered with the person's stamps, which reading and a new notice move.
        Assert.Contains("Notifikasi (0)", await pages.GetStringAsync("/courses?after=read"));
        Assert.True(await Notify(app, employee, "reminder:2"));
        Assert.Contains("Notifikasi (1)", await pages.GetStringAsync("/courses?after=second"));

        // Another person cannot touch it: it answers as if it did not exist.
        var other = await app.ApiAs("199208082019022003");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Should_send_an_email_through_SMTP_in_the_recipients_language_after_commit()
    {
        await using var smtp = new SmtpSink();
        await using var app = new LearningApp(settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = smtp.Port.ToString(), ["Smtp:From"] = "learning@semarangkota.go.id",
            ["PublicUrl"] = "https://learning.semarangkota.go.id", ["Outbox:IntervalSeconds"] = "3600",
        });
        await Notify(app, await EmployeeOf(app, Learner), "reminder:2");
        var sent = await app.Services.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None);

        Assert.Equal(1, sent);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(["agus.prasetyo@example.semarangkota.go.id"], mail.To);
        Assert.Contains("Lanjutkan kursus SPBE Dasar sebelum tenggat.", mail.Body);
        Assert.Contains("https://learning.semarangkota.go.id/courses/spbe-dasar", mail.Body);
        Assert.Equal(0, await app.Services.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None));
    }
}
