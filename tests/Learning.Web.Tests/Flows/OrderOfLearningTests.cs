using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Courses.Contracts;
using Learning.Web.Tests.Infrastructure;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>The path's order holds: lessons before the assessment, unless a course opts into testing out.</summary>
public sealed class OrderOfLearningTests
{
    private static async Task<string> Enrol(HttpClient api, string course = Course) =>
        (await Json(await api.PostAsJsonAsync("/api/v1/enrolments", new { course }), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_refuse_the_assessment_of_the_default_path_until_every_lesson_is_done(Db db)
    {
        await using var app = new LearningApp(db);
        var agus = await app.ApiAs(Agus);
        var id = await Enrol(agus);

        var refused = await agus.PostAsync($"/api/v1/enrolments/{id}/attempts", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Selesaikan dulu semua pelajarannya", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        var pages = await app.PagesAs(Agus);
        var page = await pages.PostAsync($"/assessment/{id}", await LearningApp.FormWithToken(pages, $"/assessment/{id}", []));
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("Selesaikan dulu semua pelajarannya", await page.Content.ReadAsStringAsync());

        // All but the last lesson: still refused. The last one opens it, and passing completes the course.
        var lessons = (await Json(await agus.GetAsync($"/api/v1/courses/{Course}"), HttpStatusCode.OK)).GetProperty("modules").EnumerateArray()
            .SelectMany(m => m.GetProperty("lessons").EnumerateArray()).Select(l => l.GetProperty("key").GetString()!).ToList();
        foreach (var key in lessons[..^1])
            await Json(await agus.PostAsJsonAsync($"/api/v1/enrolments/{id}/lessons/{key}/complete", new { seconds = 60 }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, (await agus.PostAsync($"/api/v1/enrolments/{id}/attempts", null)).StatusCode);
        await Json(await agus.PostAsJsonAsync($"/api/v1/enrolments/{id}/lessons/{lessons[^1]}/complete", new { seconds = 60 }), HttpStatusCode.OK);
        await PassAssessment(app, agus, id);
        Assert.Equal("completed", (await Json(await agus.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Should_let_a_course_that_opts_into_test_out_be_passed_first_which_completes_it()
    {
        await using var app = new LearningApp(settings: CertificationDriver.Settings());
        // The shipped content with test_out: true in the course's file, imported as a coordinator would.
        var folder = CopyContent(app.DataRoot);
        var courseYml = Path.Combine(folder, "courses", Course, "course.yml");
        File.WriteAllText(courseYml, File.ReadAllText(courseYml).Replace("\nminutes:", "\ntest_out: true\nminutes:", StringComparison.Ordinal));
        var imported = await app.WithScope(sp => sp.GetRequiredService<IContentImporter>().Import(folder, CancellationToken.None));
        Assert.True(imported.Succeeded, string.Join("\n", imported.Problems));

        var agus = await app.ApiAs(Agus);
        var outline = await Json(await agus.GetAsync($"/api/v1/courses/{Course}"), HttpStatusCode.OK);
        Assert.True(outline.GetProperty("assessment").GetProperty("testOut").GetBoolean());
        var id = await Enrol(agus);
        await PassAssessment(app, agus, id);

        var enrolment = await Json(await agus.GetAsync($"/api/v1/enrolments/{id}"), HttpStatusCode.OK);
        Assert.Equal("completed", enrolment.GetProperty("status").GetString());
        Assert.Empty(enrolment.GetProperty("completedLessons").EnumerateArray());
        var certificate = Assert.Single((await Json(await agus.GetAsync("/api/v1/me/certificates"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal("valid", certificate.GetProperty("status").GetString());

        // Export writes the field back: import → export → import keeps it.
        var exported = Path.Combine(app.DataRoot, "exported");
        var result = await app.WithScope(sp => sp.GetRequiredService<IContentExporter>().ExportCourse(Course, exported, CancellationToken.None));
        Assert.True(result.Succeeded);
        Assert.Contains("test_out: true", File.ReadAllText(Path.Combine(exported, "courses", Course, "course.yml")));

        // The authoring page shows it, checked.
        var coordinator = await app.PagesAs(Coordinator);
        var checkbox = System.Text.RegularExpressions.Regex.Match(await coordinator.GetStringAsync($"/authoring/{Course}"),
            "<input[^>]*type=\"checkbox\"[^>]*name=\"Input.TestOut\"[^>]*>|<input[^>]*name=\"Input.TestOut\"[^>]*type=\"checkbox\"[^>]*>");
        Assert.True(checkbox.Success);
        Assert.Contains("checked", checkbox.Value);
    }

    [Fact]
    public async Task Should_refuse_test_out_in_a_course_without_an_assessment_with_file_and_line()
    {
        await using var app = new LearningApp();
        var folder = CopyContent(app.DataRoot);
        var course = Path.Combine(folder, "courses", Course);
        File.Delete(Path.Combine(course, "assessment.yml"));
        File.WriteAllText(Path.Combine(course, "course.yml"),
            File.ReadAllText(Path.Combine(course, "course.yml")).Replace("\nminutes:", "\ntest_out: true\nminutes:", StringComparison.Ordinal));
        var imported = await app.WithScope(sp => sp.GetRequiredService<IContentImporter>().Import(folder, CancellationToken.None));
        Assert.False(imported.Succeeded);
        Assert.Contains(imported.Problems, p => p.File == $"courses/{Course}/course.yml" && p.Line == 5
            && p.Reason.StartsWith("test_out", StringComparison.Ordinal) && p.Reason.Contains("assessment.yml", StringComparison.Ordinal));
    }

    private static string CopyContent(string dataRoot)
    {
        var source = Path.Combine(Repository, "content");
        var target = Path.Combine(dataRoot, "content-copy");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    private static string Repository
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Learning.sln"))) return dir.FullName;
            throw new InvalidOperationException("Learning.sln not found.");
        }
    }
}
