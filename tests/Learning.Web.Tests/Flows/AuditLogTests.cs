using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Learning.Audit;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>Privileged actions land in the append-only audit log with who, when, what, to whom and from where; administrators read it.</summary>
public sealed class AuditLogTests
{
    private const string ClientAddress = "203.0.113.7";

    /// <summary>The test server has no socket: every request comes "from" this documentation address, as a real client's would.</summary>
    private sealed class FromClient : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(ClientAddress);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static LearningApp NewApp(Db db = Db.Sqlite) => new(db, configureServices: s => s.AddSingleton<IStartupFilter, FromClient>());

    private static Task<List<AuditEntry>> Entries(LearningApp app, string action) => app.WithScope(async sp =>
        await sp.GetRequiredService<LearningDbContext>().Set<AuditEntry>().AsNoTracking().Where(e => e.Action == action).ToListAsync());

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_record_a_password_reset_with_actor_subject_and_address_and_show_it_on_the_admin_page(Db db)
    {
        await using var app = NewApp(db);
        var admin = await app.PagesAs("admin");
        var reset = await admin.PostAsync("/admin/users?handler=Reset", await LearningApp.FormWithToken(admin, "/admin/users?q=1995",
            new() { ["userName"] = Rizky, ["q"] = "1995" }));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        var entry = Assert.Single(await Entries(app, AuditActions.PasswordReset));
        Assert.Equal(($"Rizky Hidayat ({Rizky})", ClientAddress), (entry.Subject, entry.Address));
        Assert.Contains("admin", entry.Actor, StringComparison.Ordinal);
        Assert.NotNull(entry.ActorUserId);

        Assert.Contains("href=\"/admin/audit\"", await admin.GetStringAsync("/admin"));
        var page = await admin.GetStringAsync("/admin/audit");
        Assert.Contains("Atur ulang kata sandi", page);
        Assert.Contains($"Rizky Hidayat ({Rizky})", page);
        Assert.Contains(ClientAddress, page);

        // Filters: by who, by kind, and by days in the city's time zone.
        var today = Today(app).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var tomorrow = Today(app).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains(Rizky, await admin.GetStringAsync($"/admin/audit?who=admin&kind=password-reset&from={today}&to={today}"));
        Assert.DoesNotContain(Rizky, await admin.GetStringAsync($"/admin/audit?kind=password-reset&from={tomorrow}"));
        Assert.DoesNotContain(Rizky, await admin.GetStringAsync("/admin/audit?kind=certificate-revoked"));
        Assert.DoesNotContain(Rizky, await admin.GetStringAsync("/admin/audit?who=198203152006042001"));

        var csv = await admin.GetAsync($"/admin/audit?handler=Csv&kind=password-reset&from={today}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("at,actor,action,subject,detail,address", lines[0]);
        var line = Assert.Single(lines[1..]);
        Assert.Contains($",Atur ulang kata sandi,Rizky Hidayat ({Rizky}),,{ClientAddress}", line);

        // Append-only down to the database: a line cannot be changed or deleted even there.
        await app.WithScope(async sp =>
        {
            var database = sp.GetRequiredService<LearningDbContext>().Database;
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => database.ExecuteSqlRawAsync("UPDATE \"Audit_Entries\" SET \"Subject\" = 'x'"));
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => database.ExecuteSqlRawAsync("DELETE FROM \"Audit_Entries\""));
        });
        Assert.Equal($"Rizky Hidayat ({Rizky})", Assert.Single(await Entries(app, AuditActions.PasswordReset)).Subject);
    }

    [Fact]
    public async Task Should_refuse_the_audit_page_and_its_csv_to_learners_and_coordinators()
    {
        await using var app = NewApp();
        foreach (var nip in new[] { Agus, Coordinator, Supervisor })
        {
            var pages = await app.PagesAs(nip);
            foreach (var url in new[] { "/admin/audit", "/admin/audit?handler=Csv" })
            {
                var response = await pages.GetAsync(url);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/forbidden", response.Headers.Location!.OriginalString);
                Assert.Equal(HttpStatusCode.Forbidden, (await pages.GetAsync(response.Headers.Location)).StatusCode);
            }
        }
        // Nothing on the page writes: its only form reads (the layout's own sign-out form aside).
        var admin = await app.PagesAs("admin");
        var main = System.Text.RegularExpressions.Regex.Match(await admin.GetStringAsync("/admin/audit"), "<main[^>]*>(.*)</main>",
            System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("<form method=\"get\"", main);
        Assert.DoesNotContain("method=\"post\"", main);
    }

    [Fact]
    public async Task Should_record_a_revocation_and_a_verification_with_the_holder_by_name()
    {
        await using var app = new LearningApp(settings: CertificationDriver.Settings(), configureServices: s => s.AddSingleton<IStartupFilter, FromClient>());
        var certificate = await CertificationDriver.Complete(app, Agus, Course, app.Clock.GetUtcNow().UtcDateTime);
        var coordinator = await app.ApiAs(Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/certificates/{certificate.Code}/revoke", new { reason = "Plagiarisme" })).StatusCode);
        var revoked = Assert.Single(await Entries(app, AuditActions.CertificateRevoked));
        Assert.Equal(($"Agus Prasetyo ({Agus})", $"{certificate.Number}: Plagiarisme", ClientAddress), (revoked.Subject, revoked.Detail, revoked.Address));
        Assert.Contains(Coordinator, revoked.Actor, StringComparison.Ordinal);

        var file = new ByteArrayContent([.. "%PDF-1.4\n"u8, .. new byte[2000]]);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Bimtek Arsip Digital"), "title" }, { new StringContent("ANRI"), "organiser" },
            { new StringContent("Diklat Teknis"), "jenisDiklat" }, { new StringContent("Klasikal"), "jenisKursus" },
            { new StringContent("2026-03-02"), "startOn" }, { new StringContent("2026-03-04"), "endOn" }, { new StringContent("8"), "jp" },
            { new StringContent("ANRI/2026/1"), "certificateNumber" }, { file, "proof", "sertifikat.pdf" },
        };
        var id = (await Json(await (await app.ApiAs(Agus)).PostAsync("/api/v1/me/career-record/trainings", form), HttpStatusCode.Created)).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsync($"/api/v1/career-records/trainings/{id}/verify", null)).StatusCode);
        var reviewed = Assert.Single(await Entries(app, AuditActions.TrainingReviewed));
        Assert.Equal(($"Agus Prasetyo ({Agus})", "verified: Bimtek Arsip Digital"), (reviewed.Subject, reviewed.Detail));
    }

    [Fact]
    public async Task Should_record_decisions_revocations_imports_and_jobs_run_by_hand_and_nothing_for_a_refused_one()
    {
        await using var app = NewApp();
        // A supervisor grants Dewi more time (API).
        var supervisor = await app.ApiAs(Supervisor);
        await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, employees = new[] { Dewi }, dueDate = Iso(Today(app).AddDays(3)) }), HttpStatusCode.Created);
        var dewi = await app.ApiAs(Dewi);
        var itemId = (await Mine(dewi)).GetProperty("id").GetString();
        await Json(await dewi.PostAsJsonAsync($"/api/v1/me/assignments/{itemId}/extension", new { reason = "Cuti", dueDate = Iso(Today(app).AddDays(20)) }), HttpStatusCode.Created);
        var requestId = (await Mine(dewi)).GetProperty("extension").GetProperty("id").GetString();
        await Json(await supervisor.PostAsJsonAsync($"/api/v1/assignments/extensions/{requestId}", new { decision = "grant", dueDate = Iso(Today(app).AddDays(20)) }), HttpStatusCode.NoContent);
        var extension = Assert.Single(await Entries(app, AuditActions.ExtensionDecided));
        Assert.Equal(($"Dewi Lestari ({Dewi})", ClientAddress), (extension.Subject, extension.Address));
        Assert.StartsWith("granted: spbe-dasar", extension.Detail, StringComparison.Ordinal);
        Assert.Contains(Supervisor, extension.Actor, StringComparison.Ordinal);

        // A decision refused (already decided) leaves no line.
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsJsonAsync($"/api/v1/assignments/extensions/{requestId}", new { decision = "refuse" })).StatusCode);
        Assert.Single(await Entries(app, AuditActions.ExtensionDecided));

        // A job run from the command line: the operator, "local".
        await RunVerb(app, "assignment-reminders", Today(app));
        var job = Assert.Single(await Entries(app, AuditActions.JobRun));
        Assert.Equal(("assignment-reminders", "local", null), (job.Subject, job.Address, job.ActorUserId));
        Assert.StartsWith("host:", job.Actor, StringComparison.Ordinal);

        // An import, as the demo's own on start was.
        Assert.NotEmpty(await Entries(app, AuditActions.ContentImported));
    }
}
