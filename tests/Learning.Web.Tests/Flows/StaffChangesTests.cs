using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Audit;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Learning.Web.Demo;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// People come and go (issue 16): administrators deactivate and reactivate people, by the API, the users page and the
/// organisation import, and grant and withdraw Coordinator and Administrator; never on their own login.
/// </summary>
public sealed class StaffChangesTests
{
    private const string Supervisor = "197811202003121002";
    private const string Coordinator = "198203152006042001";
    private const string Agus = "199005172015031001";
    private const string Dewi = "199208082019022003";
    private const string Rizky = "199501012020121004";
    private const string Refused = "Akun Anda dinonaktifkan";

    private static Task<List<AuditEntry>> Entries(LearningApp app, string action) => app.WithScope(async sp =>
        await sp.GetRequiredService<LearningDbContext>().Set<AuditEntry>().AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.At).ToListAsync());

    private static Task<HttpResponseMessage> Token(HttpClient client, string userName) =>
        client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = DemoSeeder.Password });

    private static async Task<HttpResponseMessage> LoginPage(LearningApp app, string userName)
    {
        var client = app.ClientFor(null, pages: true);
        return await client.PostAsync("/login", await LearningApp.FormWithToken(client, "/login",
            new() { ["UserName"] = userName, ["Password"] = DemoSeeder.Password }));
    }

    /// <summary>Posts one of the person page's forms, with the antiforgery token the page gave.</summary>
    private static async Task<HttpResponseMessage> PersonForm(HttpClient admin, string nip, string handler, Dictionary<string, string>? fields = null) =>
        await admin.PostAsync($"/admin/users/{nip}?handler={handler}", await LearningApp.FormWithToken(admin, $"/admin/users/{nip}", fields ?? []));

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_stop_a_deactivated_person_at_once_and_keep_their_records(Db db)
    {
        await using var app = new LearningApp(db, settings: CertificationDriver.Settings());
        var certificate = await CertificationDriver.Complete(app, Agus, "adminduk-daring", app.Clock.GetUtcNow().UtcDateTime);
        var agusPages = await app.PagesAs(Agus);
        var agusApi = await app.ApiAs(Agus);
        Assert.Equal(HttpStatusCode.OK, (await agusPages.GetAsync("/career-record")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agusApi.GetAsync("/api/v1/me/assignments")).StatusCode);
        var supervisor = await app.PagesAs(Supervisor);
        Assert.Contains("Agus Prasetyo", await supervisor.GetStringAsync("/team"));
        Assert.Contains("Agus Prasetyo", await supervisor.GetStringAsync("/assignments/new"));

        var admin = await app.ApiAs("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{Agus}/deactivate", null)).StatusCode);

        // The open browser session and the bearer token end on their next request.
        var page = await agusPages.GetAsync("/career-record");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await agusApi.GetAsync("/api/v1/me/assignments")).StatusCode);

        // Signing in again is refused with the reason, on the page and for a token.
        var login = await LoginPage(app, Agus);
        Assert.NotEqual(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains(Refused, await login.Content.ReadAsStringAsync());
        var token = await Token(app.CreateClient(), Agus);
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        Assert.Equal("application/problem+json", token.Content.Headers.ContentType!.MediaType);
        Assert.Contains(Refused, await token.Content.ReadAsStringAsync());

        // Gone from his supervisor's team page and the assignment picker; assigning to him by NIP says why not.
        Assert.DoesNotContain("Agus Prasetyo", await supervisor.GetStringAsync("/team"));
        Assert.DoesNotContain("Agus Prasetyo", await supervisor.GetStringAsync("/assignments/new"));
        var coordinator = await app.ApiAs(Coordinator);
        var assign = await coordinator.PostAsJsonAsync("/api/v1/assignments",
            new { course = "spbe-dasar", employees = new[] { Agus }, dueDate = app.Clock.LocalDate(app.Clock.GetUtcNow()).AddDays(30) });
        Assert.Equal(HttpStatusCode.BadRequest, assign.StatusCode);
        Assert.Contains("dinonaktifkan", await assign.Content.ReadAsStringAsync());

        // His certificate still verifies, in his name.
        var verified = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify/{certificate.Code}");
        Assert.Contains("Agus Prasetyo", verified.ToString());
        // And the unit's SIASN export still carries his training.
        Assert.Contains(certificate.Number, await coordinator.GetStringAsync("/api/v1/career-records/export?format=csv&unit=DISDUKCAPIL"));

        var entry = Assert.Single(await Entries(app, AuditActions.AccountDeactivated));
        Assert.Equal($"Agus Prasetyo ({Agus})", entry.Subject);
        Assert.Contains("admin", entry.Actor, StringComparison.Ordinal);

        // Back again: he signs in, and is on the team page again.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{Agus}/reactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ApiAs(Agus)).GetAsync("/api/v1/me/assignments")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginPage(app, Agus)).StatusCode);
        Assert.Contains("Agus Prasetyo", await supervisor.GetStringAsync("/team"));
        Assert.Equal($"Agus Prasetyo ({Agus})", Assert.Single(await Entries(app, AuditActions.AccountReactivated)).Subject);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_hand_a_departed_supervisors_waiting_approvals_to_the_coordinators_at_once(Db db)
    {
        await using var app = new LearningApp(db);
        var agus = await app.ApiAs(Agus);
        var created = await agus.PostAsJsonAsync("/api/v1/enrolments", new { path = "sertifikasi-pelayanan-publik" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var supervisor = await app.ApiAs(Supervisor);
        Assert.Single((await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/approvals")).EnumerateArray());
        var coordinator = await app.ApiAs(Coordinator);
        Assert.Empty((await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/approvals")).EnumerateArray());

        // Bambang retires while Agus's request waits for him: it goes up at once (he has no supervisor: the coordinators).
        var admin = await app.ApiAs("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{Supervisor}/deactivate", null)).StatusCode);
        var waiting = Assert.Single((await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/approvals")).EnumerateArray());
        Assert.Equal(Agus, waiting.GetProperty("learner").GetProperty("nip").GetString());
        var notices = (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("items").EnumerateArray();
        Assert.Contains(notices, n => n.GetProperty("title").GetString()!.StartsWith("Permintaan persetujuan", StringComparison.Ordinal));

        // Bambang's old three-day time-out does not take it a second time; the coordinator decides and Agus goes on.
        Assert.Equal(0, await app.WithScope(sp => sp.GetRequiredService<Learning.Paths.Engine.PathTimersJob>()
            .Run(app.Clock.GetUtcNow().AddDays(4), CancellationToken.None)));
        Assert.Single((await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/approvals")).EnumerateArray());
        var decided = await coordinator.PostAsJsonAsync($"/api/v1/approvals/{waiting.GetProperty("id").GetString()}", new { decision = "approve" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var instanceId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pathInstanceId").GetString();
        var instance = await agus.GetFromJsonAsync<JsonElement>($"/api/v1/path-instances/{instanceId}");
        Assert.Contains(instance.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "approval-escalated");
        Assert.Contains(instance.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "approval-decided");
    }

    [Fact]
    public async Task Should_deactivate_from_the_users_page_and_refuse_ones_own_and_non_administrators()
    {
        await using var app = new LearningApp(Db.Sqlite);
        var dewi = await app.ApiAs(Dewi);
        var admin = await app.PagesAs("admin");

        Assert.Contains($"href=\"/admin/users/{Dewi}\"", await admin.GetStringAsync($"/admin/users?q={Dewi}"));
        var done = await PersonForm(admin, Dewi, "Deactivate");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var html = await done.Content.ReadAsStringAsync();
        Assert.Contains("Akun Dewi Lestari dinonaktifkan.", html);
        Assert.Contains("Nonaktif sejak", html);
        Assert.Contains("Nonaktif", await admin.GetStringAsync($"/admin/users?q={Dewi}"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await dewi.GetAsync("/api/v1/me/assignments")).StatusCode);
        Assert.Contains(Refused, await (await LoginPage(app, Dewi)).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await PersonForm(admin, Dewi, "Reactivate")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginPage(app, Dewi)).StatusCode);

        // One's own login: no buttons, and a post is refused with the reason.
        var own = await admin.GetStringAsync("/admin/users/admin");
        Assert.Contains("akun Anda sendiri", own);
        Assert.DoesNotContain("handler=Deactivate", own);
        var self = await admin.PostAsync("/admin/users/admin?handler=Deactivate",
            await LearningApp.FormWithToken(admin, $"/admin/users/{Dewi}", []));
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains("tidak dapat mengubah status atau peran akun Anda sendiri", await self.Content.ReadAsStringAsync());

        var adminApi = await app.ApiAs("admin");
        var selfApi = await adminApi.PostAsync("/api/v1/admin/users/admin/deactivate", null);
        Assert.Equal(HttpStatusCode.Conflict, selfApi.StatusCode);
        Assert.Contains("tidak dapat menonaktifkan akun Anda sendiri", await selfApi.Content.ReadAsStringAsync());
        var unknown = await adminApi.PostAsync("/api/v1/admin/users/199909092099091009/deactivate", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);

        // A coordinator is not an administrator: 403, and nothing changed.
        var coordinator = await app.ApiAs(Coordinator);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync($"/api/v1/admin/users/{Dewi}/deactivate", null)).StatusCode);
        var coordinatorPages = await app.PagesAs(Coordinator);
        var page = await coordinatorPages.GetAsync($"/admin/users/{Dewi}");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Token(app.CreateClient(), Dewi)).StatusCode);
        Assert.Single(await Entries(app, AuditActions.AccountDeactivated));
    }

    [Fact]
    public async Task Should_grant_and_withdraw_roles_with_audit_lines_never_ones_own_and_survive_two_administrators_at_once()
    {
        await using var app = new LearningApp(Db.Sqlite);
        var admin = await app.PagesAs("admin");
        // A coordinator-only address: Dewi, a learner, may not read another person's record.
        const string coordinatorOnly = "/api/v1/organisation/employees/" + Agus;
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAs(Dewi)).GetAsync(coordinatorOnly)).StatusCode);

        var granted = await PersonForm(admin, Dewi, "Role", new() { ["role"] = Roles.Coordinator, ["held"] = "true" });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Contains("Dewi Lestari kini memegang peran Koordinator pelatihan.", await granted.Content.ReadAsStringAsync());
        var dewi = await app.ApiAs(Dewi);
        Assert.Equal(HttpStatusCode.OK, (await dewi.GetAsync(coordinatorOnly)).StatusCode);
        var grant = Assert.Single(await Entries(app, AuditActions.RoleGranted), e => e.Subject.Contains(Dewi));
        Assert.Equal(($"Dewi Lestari ({Dewi})", Roles.Coordinator), (grant.Subject, grant.Detail));
        Assert.Contains("admin", grant.Actor, StringComparison.Ordinal);

        // Withdrawn: it stops at once (her token ends), and a new sign-in has no coordinator role.
        Assert.Equal(HttpStatusCode.OK, (await PersonForm(admin, Dewi, "Role", new() { ["role"] = Roles.Coordinator, ["held"] = "false" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await dewi.GetAsync(coordinatorOnly)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAs(Dewi)).GetAsync(coordinatorOnly)).StatusCode);
        var withdrawn = Assert.Single(await Entries(app, AuditActions.RoleWithdrawn));
        Assert.Equal(($"Dewi Lestari ({Dewi})", Roles.Coordinator), (withdrawn.Subject, withdrawn.Detail));

        // Only the two roles, and never one's own.
        Assert.Equal(HttpStatusCode.BadRequest, (await PersonForm(admin, Dewi, "Role", new() { ["role"] = Roles.Learner, ["held"] = "false" })).StatusCode);
        var own = await admin.PostAsync("/admin/users/admin?handler=Role",
            await LearningApp.FormWithToken(admin, $"/admin/users/{Dewi}", new() { ["role"] = Roles.Administrator, ["held"] = "false" }));
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);

        // A second administrator; both change Rizky's roles at the same moment: no 500, and both changes stand.
        Assert.Equal(HttpStatusCode.OK, (await PersonForm(admin, Coordinator, "Role", new() { ["role"] = Roles.Administrator, ["held"] = "true" })).StatusCode);
        var second = await app.PagesAs(Coordinator);
        Assert.Contains("akun Anda sendiri", await second.GetStringAsync($"/admin/users/{Coordinator}"));
        var forms = await Task.WhenAll(
            LearningApp.FormWithToken(admin, $"/admin/users/{Rizky}", new() { ["role"] = Roles.Coordinator, ["held"] = "true" }),
            LearningApp.FormWithToken(second, $"/admin/users/{Rizky}", new() { ["role"] = Roles.Administrator, ["held"] = "true" }));
        var answers = await Task.WhenAll(
            admin.PostAsync($"/admin/users/{Rizky}?handler=Role", forms[0]),
            second.PostAsync($"/admin/users/{Rizky}?handler=Role", forms[1]));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var page = await admin.GetStringAsync($"/admin/users/{Rizky}");
        Assert.Contains("Cabut peran Koordinator pelatihan", page);
        Assert.Contains("Cabut peran Administrator", page);
    }

    [Fact]
    public async Task Should_import_a_status_column_and_deactivate_who_a_full_roster_leaves_out()
    {
        await using var app = new LearningApp(Db.Sqlite);
        const string header = "nip,name,email,unit_code,position_code,supervisor_nip,roles,status\n";
        var file = Path.Combine(app.DataRoot, "pegawai.csv");

        // A word the import does not know: its line is named, and nothing is written (not even the other line's change).
        await File.WriteAllTextAsync(file, header
            + $"{Dewi},Dewi Lestari Putri,,DISDUKCAPIL,VERIFIKATOR-DUK,{Supervisor},,aktif\n"
            + $"{Agus},Agus Prasetyo,,DISDUKCAPIL,PENGADM-DUK,{Supervisor},,pensiun\n");
        var (exit, _, errors) = await Cli(app, "--employees", file);
        Assert.Equal(2, exit);
        Assert.Contains($"{file}:3: Status \"pensiun\" tidak dikenal", errors);
        Assert.Contains("tidak ada data yang diimpor", errors);
        Assert.Equal(HttpStatusCode.OK, (await Token(app.CreateClient(), Agus)).StatusCode);
        Assert.DoesNotContain("Dewi Lestari Putri", await (await app.PagesAs("admin")).GetStringAsync($"/admin/users?q={Dewi}"));

        // "inactive" deactivates.
        await File.WriteAllTextAsync(file, header + $"{Agus},Agus Prasetyo,,DISDUKCAPIL,PENGADM-DUK,{Supervisor},,inactive\n");
        (exit, var output, errors) = await Cli(app, "--employees", file);
        Assert.True(exit == 0, errors);
        Assert.Contains("Dinonaktifkan: 1; diaktifkan kembali: 0.", output);
        Assert.Contains(Refused, await (await Token(app.CreateClient(), Agus)).Content.ReadAsStringAsync());

        // A full roster: Agus back ("active"), Dewi and Rizky left out and deactivated, the others as they were.
        await File.WriteAllTextAsync(file, header
            + $"{Coordinator},Sri Wahyuningsih,,BKPSDM,ANALIS-SDM,,Coordinator,\n"
            + $"{Supervisor},Bambang Setiawan,,DISDUKCAPIL,KABID-PIAK,,,\n"
            + $"{Agus},Agus Prasetyo,,DISDUKCAPIL,PENGADM-DUK,{Supervisor},,active\n");
        (exit, output, errors) = await Cli(app, "--employees", file, "--deactivate-missing");
        Assert.True(exit == 0, errors);
        Assert.Contains("Dinonaktifkan: 2; diaktifkan kembali: 1.", output);
        Assert.Equal(HttpStatusCode.OK, (await Token(app.CreateClient(), Agus)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Token(app.CreateClient(), Dewi)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Token(app.CreateClient(), Rizky)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Token(app.CreateClient(), Coordinator)).StatusCode);
        var team = await (await app.PagesAs(Supervisor)).GetStringAsync("/team");
        Assert.Contains("Agus Prasetyo", team);
        Assert.DoesNotContain("Dewi Lestari", team);
        Assert.Equal(3, (await Entries(app, AuditActions.AccountDeactivated)).Count);

        // The flag needs the roster, and an empty roster is refused rather than deactivating everyone.
        (exit, _, errors) = await Cli(app, "--units", file, "--deactivate-missing");
        Assert.Equal(2, exit);
        Assert.Contains("--deactivate-missing", errors);
        await File.WriteAllTextAsync(file, header);
        (exit, _, errors) = await Cli(app, "--employees", file, "--deactivate-missing");
        Assert.Equal(2, exit);
        Assert.Contains("berkas ini kosong", errors);
        Assert.Equal(HttpStatusCode.OK, (await Token(app.CreateClient(), Agus)).StatusCode);
    }

    [Fact]
    public async Task Should_not_let_one_citys_administrator_deactivate_another_citys_person()
    {
        await using var app = new LearningApp(Db.Sqlite, demo: true, new Dictionary<string, string?> { ["DemoSalatiga"] = "true" });
        const string salatigaCoordinator = "198507212010012005";
        var semarang = await app.ApiAs("admin");
        var answer = await semarang.PostAsync($"/api/v1/admin/users/{salatigaCoordinator}/deactivate", null);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
        // Still signs in, in Salatiga.
        Assert.Equal(HttpStatusCode.OK, (await Token(app.ClientFor(DemoSeeder.SalatigaHost), salatigaCoordinator)).StatusCode);
    }

    private static async Task<(int Exit, string Output, string Errors)> Cli(LearningApp app, params string[] args)
    {
        _ = app.Services; // the host is built and the database migrated
        var (output, errors) = (new StringWriter(), new StringWriter());
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(errors);
        try
        {
            var exit = await Verbs.Run(app.Services, "import-organisation", args);
            return (exit, output.ToString(), errors.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
