using System.Net.Http.Json;
using System.Globalization;
using Learning.Accounts.Contracts;
using Learning.Classes;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Notifications;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Learning.Web.Tests.Flows.Classes.ClassCalendarDriver;

namespace Learning.Web.Tests.Flows.Classes;

/// <summary>
/// The day-before reminders through a real SMTP listener: once per session and person, whoever runs the job how often (twice in
/// a row, twice at once), in each person's language, as each chose for class reminders, never to the waitlisted.
/// </summary>
public sealed class RemindersTests
{
    private const string Title = "Kelas Pengingat: Maklumat Pelayanan";

    private static LearningApp App(int smtpPort) => new(settings: new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture), ["Smtp:From"] = "learning@semarangkota.go.id",
        ["PublicUrl"] = "https://learning.semarangkota.go.id", ["Outbox:IntervalSeconds"] = "3600",
        ["Jobs:outbox-dispatch:Schedule"] = "0 0 0 1 1 ? 2099", ["Jobs:class-reminders:Schedule"] = "0 0 0 1 1 ? 2099",
    });

    private static Task<int> Run(LearningApp app, DateTimeOffset asOf) => app.WithScope(async sp =>
    {
        var result = await sp.GetRequiredService<IJobRunner>().Run(ClassRemindersJob.Name, sp.GetRequiredService<ClassRemindersJob>(), asOf, CancellationToken.None);
        Assert.Null(result.Error);
        return result.Items;
    });

    private static Task<int> Send(LearningApp app) => app.Services.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None);

    private static Task<int> Notices(LearningApp app) => app.WithScope(sp =>
        sp.GetRequiredService<LearningDbContext>().Set<Notification>().CountAsync(n => n.TextKey == "Classes.Notices.Reminder"));

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_remind_each_registered_person_once_the_day_before_in_their_language_as_they_chose(Db provider)
    {
        await using var smtp = new SmtpSink();
        await using var app = provider == Db.Sqlite ? App(smtp.Port) : new LearningApp(Db.Postgres, settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture), ["Smtp:From"] = "learning@semarangkota.go.id",
            ["PublicUrl"] = "https://learning.semarangkota.go.id", ["Outbox:IntervalSeconds"] = "3600",
            ["Jobs:outbox-dispatch:Schedule"] = "0 0 0 1 1 ? 2099", ["Jobs:class-reminders:Schedule"] = "0 0 0 1 1 ? 2099",
        });
        // Well after the demo's classes, so only this class is due.
        var day = Today(app).AddDays(30);
        var (_, sessions) = await CreateClass(app, Title,
            [new(InCity(day, 8), InCity(day, 12), "Aula BKPSDM"), new(InCity(day.AddDays(1), 13), InCity(day.AddDays(1), 15), null, "https://meet.example.go.id/maklumat")],
            new Dictionary<string, string>
            {
                [Agus] = RegistrationStatuses.Registered, [Dewi] = RegistrationStatuses.Registered,
                [Rizky] = RegistrationStatuses.Registered, ["198203152006042001"] = RegistrationStatuses.Waitlisted,
            });
        // Rizky reads English; Dewi wants class reminders only in the app.
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            (await db.Set<LearningUser>().SingleAsync(u => u.UserName == Rizky)).Language = "en";
            await db.SaveChangesAsync();
        });
        var dewi = await app.ApiAs(Dewi);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await dewi.PutAsJsonAsync("/api/v1/me/notification-preferences", new { classes = "app-only" })).StatusCode);

        // Two days before: nothing yet.
        var twoDaysBefore = new DateTimeOffset(day.AddDays(-2).ToDateTime(new TimeOnly(16, 0)), TimeSpan.FromHours(7));
        Assert.Equal(0, await Run(app, twoDaysBefore));

        // The afternoon before (16:00 WIB, the job's hour): three people reminded; again: nobody.
        var dayBefore = new DateTimeOffset(day.AddDays(-1).ToDateTime(new TimeOnly(16, 0)), TimeSpan.FromHours(7));
        Assert.Equal(3, await Run(app, dayBefore));
        Assert.Equal(0, await Run(app, dayBefore.AddHours(1)));
        Assert.Equal(3, await Notices(app));
        await Send(app);

        var agus = Assert.Single(smtp.Messages, m => m.To.Contains("agus.prasetyo@example.semarangkota.go.id"));
        Assert.Equal($"Besok: {Title}", agus.Subject);
        Assert.Contains($"berlangsung besok, {day.ToString("d MMMM yyyy", new CultureInfo("id-ID"))}, pukul 08:00–12:00 WIB", agus.Body);
        Assert.Contains("Aula BKPSDM", agus.Body);
        var rizky = Assert.Single(smtp.Messages, m => m.To.Contains("rizky.hidayat@example.semarangkota.go.id"));
        Assert.Equal($"Tomorrow: {Title}", rizky.Subject);
        Assert.Contains(day.ToString("d MMMM yyyy", new CultureInfo("en-US")), rizky.Body);
        Assert.DoesNotContain(smtp.Messages, m => m.To.Contains("dewi.lestari@example.semarangkota.go.id")); // app only...
        Assert.Contains($"Besok: {Title}", await (await app.PagesAs(Dewi)).GetStringAsync("/notifications")); // ...but in the app
        Assert.DoesNotContain(smtp.Messages, m => m.To.Contains("sri.wahyuningsih@example.semarangkota.go.id")); // waitlisted

        // The next day, the online session: two runs at the same moment still remind each person once.
        var nextAfternoon = dayBefore.AddDays(1);
        var both = await Task.WhenAll(Run(app, nextAfternoon), Run(app, nextAfternoon));
        Assert.Equal(3, both.Sum());
        Assert.Equal(6, await Notices(app));
        Assert.Equal(6, await app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<SessionReminder>().CountAsync(r => sessions.Contains(r.SessionId))));
        await Send(app);
        var online = smtp.Messages.Where(m => m.To.Contains("agus.prasetyo@example.semarangkota.go.id")).ToList();
        Assert.Equal(2, online.Count);
        Assert.Contains("https://meet.example.go.id/maklumat", online[1].Body);
    }

    [Fact]
    public async Task Should_not_remind_of_a_cancelled_session()
    {
        await using var smtp = new SmtpSink();
        await using var app = App(smtp.Port);
        var day = Today(app).AddDays(30);
        var (_, sessions) = await CreateClass(app, Title, [new(InCity(day, 8), InCity(day, 12), "Aula BKPSDM")],
            new Dictionary<string, string> { [Agus] = RegistrationStatuses.Registered });
        await Change(app, async db => (await db.Set<ClassSession>().SingleAsync(s => s.Id == sessions[0])).Cancel());
        Assert.Equal(0, await Run(app, new DateTimeOffset(day.AddDays(-1).ToDateTime(new TimeOnly(16, 0)), TimeSpan.FromHours(7))));
    }
}
