using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Audit;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>Nobody decides their own request: the coordinator's own extension, training and certificate; the administrator's own password.</summary>
public sealed class SeparationOfDutiesTests
{
    private const string OwnRequest = "Anda tidak dapat memutuskan permintaan Anda sendiri";

    private static async Task AssertOwnRequestProblem(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(OwnRequest, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Should_refuse_a_coordinator_granting_their_own_extension_on_the_api_and_the_team_page()
    {
        await using var app = new LearningApp();
        var coordinator = await app.ApiAs(Coordinator);
        await Json(await coordinator.PostAsJsonAsync("/api/v1/assignments",
            new { course = Course, employees = new[] { Coordinator }, dueDate = Iso(Today(app).AddDays(3)) }), HttpStatusCode.Created);
        var itemId = (await Mine(coordinator)).GetProperty("id").GetString();
        await Json(await coordinator.PostAsJsonAsync($"/api/v1/me/assignments/{itemId}/extension",
            new { reason = "Sedang dinas luar", dueDate = Iso(Today(app).AddDays(30)) }), HttpStatusCode.Created);
        var requestId = (await Mine(coordinator)).GetProperty("extension").GetProperty("id").GetString()!;

        // Not among the requests to decide, and refused when tried all the same.
        Assert.Empty((await Json(await coordinator.GetAsync("/api/v1/assignments/extensions"), HttpStatusCode.OK)).EnumerateArray());
        await AssertOwnRequestProblem(await coordinator.PostAsJsonAsync($"/api/v1/assignments/extensions/{requestId}",
            new { decision = "grant", dueDate = Iso(Today(app).AddDays(30)) }));

        var pages = await app.PagesAs(Coordinator);
        Assert.DoesNotContain(requestId, await pages.GetStringAsync("/team"));
        var page = await pages.PostAsync("/team?handler=Decide", await LearningApp.FormWithToken(pages, "/team",
            new() { ["id"] = requestId, ["decision"] = "grant", ["dueDate"] = Iso(Today(app).AddDays(30)) }));
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains(OwnRequest, await page.Content.ReadAsStringAsync());

        var item = await Mine(coordinator);
        Assert.Equal(("pending", Iso(Today(app).AddDays(3))), (item.GetProperty("extension").GetProperty("status").GetString(), item.GetProperty("dueDate").GetString()));
    }

    [Fact]
    public async Task Should_refuse_a_coordinator_verifying_their_own_external_training()
    {
        await using var app = new LearningApp(settings: CertificationDriver.Settings());
        var coordinator = await app.ApiAs(Coordinator);
        var file = new ByteArrayContent([.. "%PDF-1.4\n"u8, .. new byte[2000]]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Diklat Kepemimpinan"), "title" }, { new StringContent("BPSDM Provinsi Jawa Tengah"), "organiser" },
            { new StringContent("Diklat Struktural"), "jenisDiklat" }, { new StringContent("Klasikal"), "jenisKursus" },
            { new StringContent("2026-03-02"), "startOn" }, { new StringContent("2026-03-04"), "endOn" }, { new StringContent("24"), "jp" },
            { new StringContent("BPSDM/2026/78"), "certificateNumber" }, { file, "proof", "sertifikat.pdf" },
        };
        var id = (await Json(await coordinator.PostAsync("/api/v1/me/career-record/trainings", form), HttpStatusCode.Created)).GetProperty("id").GetString()!;

        await AssertOwnRequestProblem(await coordinator.PostAsync($"/api/v1/career-records/trainings/{id}/verify", null));
        await AssertOwnRequestProblem(await coordinator.PostAsJsonAsync($"/api/v1/career-records/trainings/{id}/reject", new { reason = "Salah isi" }));

        var pages = await app.PagesAs(Coordinator);
        Assert.DoesNotContain(id, await pages.GetStringAsync("/career-records/verification"));
        var page = await pages.PostAsync("/career-records/verification", await LearningApp.FormWithToken(pages, "/career-records/verification",
            new() { ["id"] = id, ["decision"] = "verify" }));
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains(OwnRequest, await page.Content.ReadAsStringAsync());

        var mine = (await Json(await coordinator.GetAsync("/api/v1/me/career-record?year=2026"), HttpStatusCode.OK)).GetProperty("trainings").EnumerateArray()
            .Single(t => t.GetProperty("id").GetString() == id);
        Assert.Equal("pending", mine.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Should_refuse_a_coordinator_revoking_their_own_certificate()
    {
        await using var app = new LearningApp(settings: CertificationDriver.Settings());
        var certificate = await CertificationDriver.Complete(app, Coordinator, Course, app.Clock.GetUtcNow().UtcDateTime);
        var coordinator = await app.ApiAs(Coordinator);
        await AssertOwnRequestProblem(await coordinator.PostAsJsonAsync($"/api/v1/certificates/{certificate.Code}/revoke", new { reason = "Uji coba" }));

        var pages = await app.PagesAs(Coordinator);
        var page = await pages.PostAsync("/certificates/revoke", await LearningApp.FormWithToken(pages, "/certificates/revoke",
            new() { ["Key"] = certificate.Code, ["Reason"] = "Uji coba" }));
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains(OwnRequest, await page.Content.ReadAsStringAsync());
        var verified = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify/{certificate.Code}");
        Assert.True(verified.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Should_refuse_an_administrator_changing_their_own_roles_through_an_organisation_upload()
    {
        await using var app = new LearningApp();
        const string header = "nip,name,email,unit_code,position_code,supervisor_nip,roles\n";
        const string sri = "198203152006042001,Sri Wahyuningsih,sri.wahyuningsih@example.semarangkota.go.id,BKPSDM,ANALIS-SDM,,";
        static MultipartFormDataContent Employees(string csv) =>
            new() { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "employees", "employees.csv" } };

        // The administrator makes the coordinator an administrator too; the audit log keeps the grant.
        var admin = await app.ApiAs("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/organisation/import", Employees(header + sri + "Coordinator|Administrator\n"))).StatusCode);
        var grant = await app.WithScope(async sp => await sp.GetRequiredService<LearningDbContext>().Set<AuditEntry>().AsNoTracking()
            .SingleAsync(e => e.Action == AuditActions.RoleGranted && e.Subject == $"Sri Wahyuningsih ({Coordinator})" && e.Detail == Roles.Administrator));
        Assert.Contains("admin", grant.Actor, StringComparison.Ordinal);

        // Now an administrator, she may not change her own roles; an upload that leaves them as they are is fine.
        var sriApi = await app.ApiAs(Coordinator);
        var own = await sriApi.PostAsync("/api/v1/organisation/import", Employees(header + sri + "Coordinator\n"));
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Equal("application/problem+json", own.Content.Headers.ContentType?.MediaType);
        var errors = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.StartsWith("employees.csv:2: " + OwnRequest, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await sriApi.PostAsync("/api/v1/organisation/import", Employees(header + sri + "Coordinator|Administrator\n"))).StatusCode);
        Assert.False(await app.WithScope(async sp => await sp.GetRequiredService<LearningDbContext>().Set<AuditEntry>().AnyAsync(e => e.Action == AuditActions.RoleWithdrawn)));
    }

    [Fact]
    public async Task Should_refuse_an_administrator_resetting_their_own_password_on_the_users_page()
    {
        await using var app = new LearningApp();
        var admin = await app.PagesAs("admin");
        var list = await admin.GetStringAsync("/admin/users?q=admin");
        Assert.DoesNotContain("name=\"userName\" value=\"admin\"", list);
        Assert.Contains("href=\"/account/password\"", list);

        var page = await admin.PostAsync("/admin/users?handler=Reset", await LearningApp.FormWithToken(admin, "/admin/users?q=admin",
            new() { ["userName"] = "admin", ["q"] = "admin" }));
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(OwnRequest, html);
        Assert.DoesNotContain("temporary-password", html);
        await app.ApiAs("admin", DemoSeeder.Password); // the password is unchanged
    }
}
