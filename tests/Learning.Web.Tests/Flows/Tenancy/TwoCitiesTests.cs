using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;

namespace Learning.Web.Tests.Flows.Tenancy;

/// <summary>The demo's two cities on one platform: each signs in, sees and reports only its own.</summary>
public sealed class TwoCitiesTests
{
    private const string Salatiga = DemoSeeder.SalatigaHost;
    private const string SalatigaCoordinator = "198507212010012005";
    private const string SalatigaLearner = "199311052018031002";
    private const string SemarangLearner = "199005172015031001";

    private static LearningApp TwoCities(Db db) => new(db, demo: true, new Dictionary<string, string?> { ["DemoSalatiga"] = "true" });

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_seed_both_cities_and_keep_every_login_inside_its_own_city(Db db)
    {
        await using var app = TwoCities(db);

        // Each city's people sign in on their city's host, with their city's courses.
        var salatigaLearner = await app.ApiAs(SalatigaLearner, host: Salatiga);
        var courses = await salatigaLearner.GetFromJsonAsync<JsonElement>("/api/v1/courses");
        Assert.True(courses.GetArrayLength() > 0);
        var semarangLearner = await app.ApiAs(SemarangLearner);

        // A person of one city is unknown in the other.
        var wrongCity = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token",
            new { userName = SalatigaCoordinator, password = DemoSeeder.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCity.StatusCode);

        // A token is worth nothing on the other city's host, either way.
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithTokenOf(app, salatigaLearner, host: null).GetAsync("/api/v1/me/enrolments")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithTokenOf(app, semarangLearner, Salatiga).GetAsync("/api/v1/me/enrolments")).StatusCode);

        // What one city's learner starts is theirs alone.
        var slug = courses[0].GetProperty("slug").GetString();
        Assert.Equal(HttpStatusCode.Created, (await salatigaLearner.PostAsJsonAsync("/api/v1/enrolments", new { course = slug })).StatusCode);
        Assert.Equal(1, (await salatigaLearner.GetFromJsonAsync<JsonElement>("/api/v1/me/enrolments")).GetArrayLength());
        Assert.Equal(0, (await semarangLearner.GetFromJsonAsync<JsonElement>("/api/v1/me/enrolments")).GetArrayLength());

        // Each city's reports and organisation are its own: no Salatiga unit under Semarang's "Seluruh kota", and the reverse.
        var salatigaAdmin = await app.PagesAs("admin", host: Salatiga);
        var salatigaReport = await salatigaAdmin.GetStringAsync("/reports");
        Assert.Contains("Kecamatan Sidorejo", salatigaReport);
        Assert.DoesNotContain("Dinas Komunikasi dan Informatika", salatigaReport);
        var semarangReport = await (await app.PagesAs("admin")).GetStringAsync("/reports");
        Assert.Contains("Dinas Komunikasi dan Informatika", semarangReport);
        Assert.DoesNotContain("Kecamatan Sidorejo", semarangReport);
    }

    [Fact]
    public async Task Should_keep_two_cities_signed_in_side_by_side_on_one_host_by_path_prefix()
    {
        await using var app = TwoCities(Db.Sqlite);
        var browser = app.ClientFor(host: null, pages: true);

        // One browser, one host: Semarang at /, Salatiga under /t/salatiga, each with its own sign-in cookie.
        var semarang = await browser.PostAsync("/login", await LearningApp.FormWithToken(browser, "/login",
            new() { ["UserName"] = SemarangLearner, ["Password"] = DemoSeeder.Password }));
        Assert.Equal(HttpStatusCode.Redirect, semarang.StatusCode);
        var salatiga = await browser.PostAsync("/t/salatiga/login", await LearningApp.FormWithToken(browser, "/t/salatiga/login",
            new() { ["UserName"] = SalatigaLearner, ["Password"] = DemoSeeder.Password }));
        Assert.Equal(HttpStatusCode.Redirect, salatiga.StatusCode);
        Assert.StartsWith("/t/salatiga/", salatiga.Headers.Location!.OriginalString);

        var semarangHome = await browser.GetStringAsync("/");
        Assert.Contains("Agus Prasetyo", semarangHome);
        Assert.DoesNotContain("Yoga Pratama", semarangHome);
        var salatigaHome = await browser.GetStringAsync("/t/salatiga/");
        Assert.Contains("Yoga Pratama", salatigaHome);
        Assert.DoesNotContain("Agus Prasetyo", salatigaHome);
        // Each home's JP bar counts toward its own city's yearly target: Salatiga's 24, Semarang the platform's 20.
        Assert.Matches(@"JP tahun \d{4}: [\d.,]+ dari 24<", salatigaHome);
        Assert.Matches(@"JP tahun \d{4}: [\d.,]+ dari 20<", semarangHome);

        // An unknown city in the prefix is not found, not someone else's city.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/t/salatigaa/")).StatusCode);
    }

    private static HttpClient WithTokenOf(LearningApp app, HttpClient signedIn, string? host)
    {
        var client = app.ClientFor(host);
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }
}
