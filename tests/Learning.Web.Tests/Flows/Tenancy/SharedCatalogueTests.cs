using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Web.Hosting;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows.Tenancy;

/// <summary>
/// The province's shared catalogue: the demo platform publishes "etika-digital-asn"; Salatiga subscribes, Semarang does not.
/// A subscriber's people take the course as their city's, with their city's certificate and career record; nobody in a city
/// changes it; a city may keep its own course under the same slug.
/// </summary>
public sealed class SharedCatalogueTests
{
    private const string Salatiga = DemoSeeder.SalatigaHost;
    private const string SalatigaCoordinator = "198507212010012005";
    private const string SalatigaLearner = "199311052018031002";
    private const string SemarangLearner = "199005172015031001";
    private const string Shared = "etika-digital-asn";

    private static LearningApp TwoCities(Db db) => new(db, demo: true, new Dictionary<string, string?> { ["DemoSalatiga"] = "true" });

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_let_a_subscribing_city_take_the_shared_course_with_its_own_certificate_and_hide_it_from_others(Db db)
    {
        await using var app = TwoCities(db);

        // Salatiga's catalogue lists the province's course beside its own; Semarang's does not know it.
        var salatiga = await app.ApiAs(SalatigaLearner, host: Salatiga);
        var salatigaCourses = await salatiga.GetFromJsonAsync<JsonElement>("/api/v1/courses");
        Assert.Contains(Shared, salatigaCourses.EnumerateArray().Select(c => c.GetProperty("slug").GetString()));
        Assert.Contains("spbe-dasar", salatigaCourses.EnumerateArray().Select(c => c.GetProperty("slug").GetString()));
        var semarang = await app.ApiAs(SemarangLearner);
        Assert.DoesNotContain(Shared, (await semarang.GetStringAsync("/api/v1/courses")));
        Assert.Equal(HttpStatusCode.NotFound, (await semarang.GetAsync($"/api/v1/courses/{Shared}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await semarang.PostAsJsonAsync("/api/v1/enrolments", new { course = Shared })).StatusCode);

        // The lesson page renders for a Salatiga learner (the platform's lesson, the learner's own enrolment).
        var enrolment = await Json(await salatiga.PostAsJsonAsync("/api/v1/enrolments", new { course = Shared }), HttpStatusCode.Created);
        var enrolmentId = enrolment.GetProperty("id").GetString()!;
        var pages = await app.PagesAs(SalatigaLearner, host: Salatiga);
        var lesson = await pages.GetStringAsync($"/learn/{enrolmentId}/01-akun-pribadi-peran-publik");
        Assert.Contains("Warganet tetap melihat seorang ASN", lesson);

        // Finished and passed: the certificate is Salatiga's, issued in Salatiga's name, in Salatiga's career record.
        var outline = await Json(await salatiga.GetAsync($"/api/v1/courses/{Shared}"), HttpStatusCode.OK);
        foreach (var key in outline.GetProperty("modules").EnumerateArray().SelectMany(m => m.GetProperty("lessons").EnumerateArray()))
            await Json(await salatiga.PostAsJsonAsync($"/api/v1/enrolments/{enrolmentId}/lessons/{key.GetProperty("key").GetString()}/complete",
                new { seconds = 600 }), HttpStatusCode.OK);
        await PassAssessment(app, salatiga, enrolmentId);

        var certificate = await Eventually(async () =>
            (await salatiga.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray().Cast<JsonElement?>().FirstOrDefault());
        Assert.Equal("Etika Digital dan Bermedia Sosial bagi ASN", certificate.GetProperty("course").GetString());
        var verified = await app.ClientFor(Salatiga).GetFromJsonAsync<JsonElement>(
            $"/api/v1/certificates/verify/{certificate.GetProperty("code").GetString()}");
        Assert.Equal("BKPSDM Kota Salatiga", verified.GetProperty("institution").GetString());
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.CreateClient().GetAsync($"/api/v1/certificates/verify/{certificate.GetProperty("code").GetString()}")).StatusCode);
        var record = await salatiga.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record");
        Assert.Contains("etika-digital", record.GetProperty("competencies").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Empty((await semarang.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());
    }

    [Fact]
    public async Task Should_keep_the_shared_course_read_only_for_a_city_and_let_it_keep_its_own_of_the_same_slug()
    {
        await using var app = TwoCities(Db.Sqlite);
        var coordinator = await app.PagesAs(SalatigaCoordinator, host: Salatiga);

        // Listed for authors as the shared catalogue's, never opened for editing; its slug is not free for a new draft.
        var authoring = await coordinator.GetStringAsync("/authoring");
        Assert.Contains("Katalog bersama (hanya baca)", authoring);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/authoring/{Shared}")).StatusCode);
        var create = await coordinator.PostAsync("/authoring?handler=Create", await LearningApp.FormWithToken(coordinator, "/authoring",
            new() { ["Input.Title"] = "Etika Digital versi Salatiga", ["Input.Slug"] = Shared, ["Input.Jp"] = "1", ["Input.Minutes"] = "30" }));
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        Assert.Contains($"Slug {Shared} sudah dipakai kursus lain.", await create.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/authoring/{Shared}")).StatusCode);

        // A city's own import of the same slug is its own course: its learners see its version, the platform's stays as it was.
        var folder = CatalogueCopy(app, title: "Etika Digital Pegawai Kota Salatiga");
        var imported = await app.InTenant(DemoSeeder.SalatigaKey, sp => sp.GetRequiredService<IContentImporter>().Import(folder));
        Assert.True(imported.Succeeded, string.Join("\n", imported.Problems));
        Assert.Equal(1, imported.Counts.CoursesAdded);
        var learner = await app.ApiAs(SalatigaLearner, host: Salatiga);
        var courses = (await learner.GetFromJsonAsync<JsonElement>("/api/v1/courses")).EnumerateArray()
            .Where(c => c.GetProperty("slug").GetString() == Shared).ToList();
        Assert.Equal("Etika Digital Pegawai Kota Salatiga", Assert.Single(courses).GetProperty("title").GetString());
        var platform = await AsPlatform(app, sp => sp.GetRequiredService<ICourseCatalog>().Find(Shared));
        Assert.Equal("Etika Digital dan Bermedia Sosial bagi ASN", platform!.Course.Title);

        // A platform draft is not in any city's catalogue until it is published.
        var draft = CatalogueCopy(app, slug: "etika-digital-lanjutan", title: "Etika Digital Lanjutan", status: "draft");
        Assert.Equal(0, await Verbs.Run(app.Services, "import", [draft, "--tenant", Learning.Kernel.Tenancy.PlatformKey]));
        Assert.DoesNotContain("etika-digital-lanjutan", await learner.GetStringAsync("/api/v1/courses"));
        Assert.Contains("etika-digital-lanjutan", await AsPlatform(app, async sp =>
            string.Join(",", (await sp.GetRequiredService<ICourseCatalog>().All()).Select(c => c.Slug))));
        var published = CatalogueCopy(app, slug: "etika-digital-lanjutan", title: "Etika Digital Lanjutan");
        Assert.Equal(0, await Verbs.Run(app.Services, "import", [published, "--tenant", Learning.Kernel.Tenancy.PlatformKey]));
        Assert.Contains("etika-digital-lanjutan", await learner.GetStringAsync("/api/v1/courses"));

        // Only content is done in the platform's name.
        Assert.Equal(2, await Verbs.Run(app.Services, "generate-data", ["--employees", "10", "--tenant", Learning.Kernel.Tenancy.PlatformKey]));
    }

    private static async Task<T> AsPlatform<T>(LearningApp app, Func<IServiceProvider, Task<T>> work)
    {
        using var _ = Learning.Kernel.Tenancy.Use(Learning.Kernel.Tenancy.Platform);
        return await app.WithScope(work);
    }

    /// <summary>The demo's catalogue folder copied, with the shared course renamed (and re-slugged, and its status set).</summary>
    private static string CatalogueCopy(LearningApp app, string title, string slug = Shared, string? status = null)
    {
        var source = Path.Combine(app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()[Learning.Web.Hosting.ContentFolder.Key]!, "catalogue");
        var folder = Directory.CreateTempSubdirectory("learning-catalogue-").FullName;
        File.Copy(Path.Combine(source, "competencies.yml"), Path.Combine(folder, "competencies.yml"));
        var course = Directory.CreateDirectory(Path.Combine(folder, "courses", slug)).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(source, "courses", Shared)))
            File.Copy(file, Path.Combine(course, Path.GetFileName(file)));
        var yml = Path.Combine(course, "course.yml");
        var text = File.ReadAllText(yml).Replace("Etika Digital dan Bermedia Sosial bagi ASN", title);
        File.WriteAllText(yml, status is null ? text : text + $"status: {status}\n");
        return folder;
    }

    /// <summary>Starts an attempt and answers every question right (the answer key read inside Salatiga).</summary>
    private static async Task PassAssessment(LearningApp app, HttpClient api, string enrolmentId)
    {
        var key = await app.InTenant(DemoSeeder.SalatigaKey, async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(Shared))!);
        var attempt = await Json(await api.PostAsync($"/api/v1/enrolments/{enrolmentId}/attempts", null), HttpStatusCode.Created);
        var byId = key.Answers.ToDictionary(a => a.QuestionId);
        var answers = new JsonObject();
        foreach (var q in attempt.GetProperty("questions").EnumerateArray())
        {
            var a = byId[q.GetProperty("id").GetString()!];
            answers[a.QuestionId] = a.Type switch
            {
                QuestionType.TrueFalse => JsonValue.Create(a.TrueFalse!.Value),
                QuestionType.Single => JsonValue.Create(a.Options[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => new JsonArray(a.Options.Select(i => (JsonNode)JsonValue.Create(i.ToString(System.Globalization.CultureInfo.InvariantCulture))!).ToArray()),
            };
        }
        var result = await Json(await api.PostAsJsonAsync($"/api/v1/attempts/{attempt.GetProperty("id").GetString()}/submit",
            new JsonObject { ["answers"] = answers }), HttpStatusCode.OK);
        Assert.True(result.GetProperty("passed").GetBoolean());
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Waits (up to a minute, on a busy machine) for what the background work of a completion produces.</summary>
    private static async Task<JsonElement> Eventually(Func<Task<JsonElement?>> probe)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            if (await probe() is { } found) return found;
            Assert.True(DateTime.UtcNow < until, "Nothing appeared within a minute.");
            await Task.Delay(200);
        }
    }
}
