using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Competencies.Contracts;
using Learning.Organisation.Contracts;
using Learning.Web.Tests.Infrastructure;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>The team page and its API: what each person owes and lacks, and exactly whose data each role may read.</summary>
public sealed class TeamTests
{
    private const string Budi = "199703032022031005";

    private static async Task<List<string>> TeamNips(HttpClient api, string query = "") =>
        (await Json(await api.GetAsync("/api/v1/team/compliance" + query), HttpStatusCode.OK)).EnumerateArray()
            .Select(m => m.GetProperty("nip").GetString()!).Order().ToList();

    /// <summary>Budi reports to Agus, who reports to the demo supervisor: a second level below him.</summary>
    private static Task AddBudiUnderAgus(LearningApp app) => app.WithScope(async sp =>
    {
        var result = await sp.GetRequiredService<IOrganisationOnboarding>().Import(new OnboardingFiles(null, null, new CsvFile("employees.csv",
            $"nip,name,email,unit_code,position_code,supervisor_nip,roles\n{Budi},Budi Santoso,,DISDUKCAPIL,PENGADM-DUK,{Agus},\n")));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    });

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_show_gaps_with_the_courses_that_close_them_assignable_in_one_click(Db db)
    {
        await using var app = new LearningApp(db);
        await app.WithScope(async sp =>
        {
            var imported = await sp.GetRequiredService<IPositionStandards>().Import("standar.csv", "position_code,competency_code,level\nPENGADM-DUK,spbe,2\n");
            Assert.True(imported.Succeeded, string.Join("; ", imported.Problems));
        });
        var supervisor = await app.ApiAs(Supervisor);
        var team = (await Json(await supervisor.GetAsync("/api/v1/team/compliance"), HttpStatusCode.OK)).EnumerateArray().ToList();
        var agus = team.Single(m => m.GetProperty("nip").GetString() == Agus);
        var gap = agus.GetProperty("gaps").EnumerateArray().Single();
        Assert.Equal(("spbe", 2), (gap.GetProperty("code").GetString(), gap.GetProperty("requiredLevel").GetInt32()));
        Assert.Contains(Course, gap.GetProperty("courses").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(20m, agus.GetProperty("jpRequired").GetDecimal());
        Assert.Equal(0m, agus.GetProperty("jpThisYear").GetDecimal());
        // Dewi's position does not require SPBE (the demo's own standards give it other competencies).
        Assert.DoesNotContain(team.Single(m => m.GetProperty("nip").GetString() == Dewi).GetProperty("gaps").EnumerateArray(),
            g => g.GetProperty("code").GetString() == "spbe");

        var pages = await app.PagesAs(Supervisor);
        var page = await pages.GetStringAsync("/team");
        Assert.Contains("Kesenjangan kompetensi", page);
        Assert.Contains("href=\"/approvals\"", page);
        Assert.Contains("Tugaskan Dasar-Dasar SPBE", page);
        // The gap's form posts to the assign handler with the antiforgery field, as the form tag helper wrote it.
        Assert.Matches("<form method=\"post\" class=\"inline\" action=\"/team\\?handler=assign\">(?s:(?!</form>).)*name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\" /></form>", page);
        var assigned = await pages.PostAsync("/team?handler=assign", await LearningApp.FormWithToken(pages, "/team", new() { ["nip"] = Agus, ["course"] = Course }));
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var item = await Mine(await app.ApiAs(Agus));
        Assert.Equal(("assigned", Iso(Today(app).AddDays(30))), (item.GetProperty("status").GetString(), item.GetProperty("dueDate").GetString()));
        // Said by names: the course's title and the person's.
        Assert.Contains("Dasar-Dasar SPBE untuk ASN Kota ditugaskan kepada Agus Prasetyo.", WebUtility.HtmlDecode(await pages.GetStringAsync("/team")));
    }

    [Fact]
    public async Task Should_not_let_a_learner_read_team_data()
    {
        await using var app = new LearningApp();
        var learner = await app.ApiAs(Rizky);
        foreach (var url in new[] { "/api/v1/team/compliance", "/api/v1/team/compliance?unit=DISKOMINFO", "/api/v1/assignments/extensions" })
        {
            var response = await learner.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("Agus", await response.Content.ReadAsStringAsync());
        }
        var pages = await app.PagesAs(Rizky);
        foreach (var url in new[] { "/team", "/assignments/new" })
            Assert.StartsWith("/forbidden", (await pages.GetAsync(url)).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/team/compliance")).StatusCode);
    }

    [Fact]
    public async Task Should_show_a_supervisor_only_their_own_people_and_not_their_peoples_people_by_default()
    {
        await using var app = new LearningApp();
        await AddBudiUnderAgus(app);
        var supervisor = await app.ApiAs(Supervisor);
        Assert.Equal([Agus, Dewi], await TeamNips(supervisor));
        Assert.Empty(await TeamNips(supervisor, "?unit=DISKOMINFO"));
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("/api/v1/team/compliance?unit=TIDAK-ADA")).StatusCode);
        // Agus now leads Budi, and sees only him; Budi is not the demo supervisor's to assign.
        Assert.Equal([Budi], await TeamNips(await app.ApiAs(Agus)));
        var refused = await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, employees = new[] { Budi }, dueDate = Iso(Today(app).AddDays(3)) });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Should_include_the_peoples_people_when_the_city_configures_it()
    {
        await using var app = new LearningApp(settings: new Dictionary<string, string?> { ["Team:IncludeIndirect"] = "true" });
        await AddBudiUnderAgus(app);
        var supervisor = await app.ApiAs(Supervisor);
        Assert.Equal([Agus, Dewi, Budi], await TeamNips(supervisor));
        await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, employees = new[] { Budi }, dueDate = Iso(Today(app).AddDays(3)) }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Should_show_a_coordinator_the_whole_city_by_default_unit_by_unit_on_the_page()
    {
        await using var app = new LearningApp();
        var coordinator = await app.ApiAs(Coordinator);
        Assert.Equal(new[] { Agus, Dewi, Rizky, Supervisor, Coordinator }.Order().ToList(), await TeamNips(coordinator));
        Assert.Equal([Rizky], await TeamNips(coordinator, "?unit=DISKOMINFO"));
        var pages = await app.PagesAs(Coordinator);
        var start = await pages.GetStringAsync("/team");
        Assert.Contains("Pilih unit", start);
        Assert.Contains("<h1>Tim per unit</h1>", start);
        var unit = await pages.GetStringAsync("/team?unit=DISKOMINFO");
        Assert.Contains("Rizky Hidayat", unit);
        Assert.DoesNotContain("Agus Prasetyo", unit);
        // Another unit's people are not "my team": the page is named after the unit shown.
        Assert.Contains("<h1>Dinas Komunikasi dan Informatika</h1>", unit);
        Assert.DoesNotContain("Tim Saya", unit);
        Assert.Contains("<h1>Tim Saya</h1>", await (await app.PagesAs(Supervisor)).GetStringAsync("/team"));
    }

    [Fact]
    public async Task Should_keep_a_coordinator_to_their_own_units_when_the_city_configures_it()
    {
        await using var app = new LearningApp(settings: new Dictionary<string, string?> { ["Team:CoordinatorScope"] = "OwnUnit" });
        var coordinator = await app.ApiAs(Coordinator);
        Assert.Equal([Coordinator], await TeamNips(coordinator));
        Assert.Empty(await TeamNips(coordinator, "?unit=DISKOMINFO"));
        var refused = await coordinator.PostAsJsonAsync("/api/v1/assignments", new { course = Course, unit = "DISKOMINFO", dueDate = Iso(Today(app).AddDays(3)) });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsJsonAsync("/api/v1/assignments",
            new { course = Course, employees = new[] { Rizky }, dueDate = Iso(Today(app).AddDays(3)) })).StatusCode);

        // An extension asked by someone outside those units is not the coordinator's to see or decide.
        var supervisor = await app.ApiAs(Supervisor);
        await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, employees = new[] { Dewi }, dueDate = Iso(Today(app).AddDays(3)) }), HttpStatusCode.Created);
        var dewi = await app.ApiAs(Dewi);
        await Json(await dewi.PostAsJsonAsync($"/api/v1/me/assignments/{(await Mine(dewi)).GetProperty("id").GetString()}/extension", new { reason = "Cuti" }), HttpStatusCode.Created);
        Assert.Empty((await Json(await coordinator.GetAsync("/api/v1/assignments/extensions"), HttpStatusCode.OK)).EnumerateArray());
        var request = (await Json(await supervisor.GetAsync("/api/v1/assignments/extensions"), HttpStatusCode.OK)).EnumerateArray().Single().GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PostAsJsonAsync($"/api/v1/assignments/extensions/{request}", new { decision = "refuse" })).StatusCode);
    }

    /// <summary>
    /// A city with many requests for more time waiting (others' teams, asked earlier) still shows a supervisor their own
    /// people's: the list is read for the team, not taken from the city's oldest and then filtered.
    /// </summary>
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_show_the_teams_request_for_more_time_behind_the_citys_older_ones(Db db)
    {
        await using var app = new LearningApp(db);
        var supervisor = await app.ApiAs(Supervisor);
        await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, employees = new[] { Dewi }, dueDate = Iso(Today(app).AddDays(3)) }), HttpStatusCode.Created);
        // Other teams' requests, all older than Dewi's (only their waiting rows matter to the list).
        await app.WithScope(async sp =>
        {
            var data = sp.GetRequiredService<Learning.Kernel.LearningDbContext>();
            var earlier = app.Clock.GetUtcNow().UtcDateTime.AddDays(-10);
            for (var i = 0; i < 250; i++)
                data.Add(new Learning.Assignments.ExtensionRequest(Guid.NewGuid(), Guid.NewGuid(), "Dinas luar", null, earlier.AddMinutes(i)));
            await data.SaveChangesAsync();
        });
        var dewi = await app.ApiAs(Dewi);
        await Json(await dewi.PostAsJsonAsync($"/api/v1/me/assignments/{(await Mine(dewi)).GetProperty("id").GetString()}/extension", new { reason = "Cuti melahirkan" }), HttpStatusCode.Created);

        var waiting = (await Json(await supervisor.GetAsync("/api/v1/assignments/extensions"), HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal("Cuti melahirkan", Assert.Single(waiting).GetProperty("reason").GetString());
        var page = await (await app.PagesAs(Supervisor)).GetStringAsync("/team");
        Assert.Contains("Cuti melahirkan", page);
    }

    /// <summary>
    /// The same for a coordinator kept to their own units: a city with many older requests of people in other units still
    /// shows the coordinator their units' request (read for the units in SQL, not the city's oldest then filtered).
    /// </summary>
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_show_a_unit_coordinator_their_units_request_for_more_time_behind_the_citys_older_ones(Db db)
    {
        await using var app = new LearningApp(db, settings: new Dictionary<string, string?> { ["Team:CoordinatorScope"] = "OwnUnit" });
        // Dewi moves to BKPSDM, the coordinator's unit; Bambang stays her supervisor.
        await app.WithScope(async sp =>
        {
            var result = await sp.GetRequiredService<IOrganisationOnboarding>().Import(new OnboardingFiles(null, null, new CsvFile("employees.csv",
                $"nip,name,email,unit_code,position_code,supervisor_nip,roles\n{Dewi},Dewi Lestari,,BKPSDM,VERIFIKATOR-DUK,{Supervisor},\n")));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        });
        var supervisor = await app.ApiAs(Supervisor);
        await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, employees = new[] { Dewi }, dueDate = Iso(Today(app).AddDays(3)) }), HttpStatusCode.Created);
        // Requests of a real person in another unit (Rizky, DISKOMINFO), all older than Dewi's.
        await app.WithScope(async sp =>
        {
            var rizky = (await sp.GetRequiredService<IOrganisationDirectory>().FindEmployeeByNip(Rizky))!.Id;
            var data = sp.GetRequiredService<Learning.Kernel.LearningDbContext>();
            var earlier = app.Clock.GetUtcNow().UtcDateTime.AddDays(-10);
            for (var i = 0; i < 250; i++)
                data.Add(new Learning.Assignments.ExtensionRequest(Guid.NewGuid(), rizky, "Dinas luar", null, earlier.AddMinutes(i)));
            await data.SaveChangesAsync();
        });
        var dewi = await app.ApiAs(Dewi);
        await Json(await dewi.PostAsJsonAsync($"/api/v1/me/assignments/{(await Mine(dewi)).GetProperty("id").GetString()}/extension", new { reason = "Cuti melahirkan" }), HttpStatusCode.Created);

        var coordinator = await app.ApiAs(Coordinator);
        var waiting = (await Json(await coordinator.GetAsync("/api/v1/assignments/extensions"), HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal("Cuti melahirkan", Assert.Single(waiting).GetProperty("reason").GetString());
        var page = await (await app.PagesAs(Coordinator)).GetStringAsync("/team");
        Assert.Contains("Cuti melahirkan", page);
        Assert.DoesNotContain("Dinas luar", page);
    }
}
