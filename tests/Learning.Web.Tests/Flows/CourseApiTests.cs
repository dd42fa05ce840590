using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Accounts.Contracts;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// The course catalogue over HTTP on the shipped content. The content is imported from the content folder (Content:Root) through
/// IContentImporter, as DemoSeeder does; logins are made here so the tests do not depend on demo onboarding.
/// </summary>
public sealed class CourseApiTests
{
    private const string Learner = "peserta";
    private const string Coordinator = "koordinator";

    private static async Task<LearningApp> AppWithCourses(Db db)
    {
        var app = new LearningApp(db, demo: false);
        await app.WithScope(async sp =>
        {
            var accounts = sp.GetRequiredService<IAccountAdministration>();
            await accounts.EnsureServiceAccount(Learner, "Peserta Uji", DemoSeeder.Password, [Roles.Learner]);
            await accounts.EnsureServiceAccount(Coordinator, "Koordinator Uji", DemoSeeder.Password, [Roles.Coordinator]);
            var imported = await sp.GetRequiredService<IContentImporter>().Import(sp.GetRequiredService<IConfiguration>()[Learning.Web.Hosting.ContentFolder.Key]!);
            Assert.Empty(imported.Problems);
        });
        return app;
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_list_the_six_shipped_courses_with_their_competencies(Db db)
    {
        await using var app = await AppWithCourses(db);
        var client = await app.ApiAs(Learner);

        var courses = await client.GetFromJsonAsync<JsonElement>("/api/v1/courses");

        Assert.Equal(6, courses.GetArrayLength());
        var spbe = courses.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "spbe-dasar");
        Assert.Equal(2, spbe.GetProperty("jp").GetDecimal());
        Assert.Equal(90, spbe.GetProperty("minutes").GetInt32());
        Assert.False(string.IsNullOrEmpty(spbe.GetProperty("summary").GetString()));
        var first = spbe.GetProperty("competencies")[0];
        Assert.Equal(("spbe", "Sistem Pemerintahan Berbasis Elektronik (SPBE)", 2),
            (first.GetProperty("code").GetString(), first.GetProperty("name").GetString(), first.GetProperty("level").GetInt32()));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_show_a_course_outline_without_questions_or_answers(Db db)
    {
        await using var app = await AppWithCourses(db);
        var client = await app.ApiAs(Learner);

        var response = await client.GetAsync("/api/v1/courses/spbe-dasar");
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var course = JsonDocument.Parse(json).RootElement;
        var modules = course.GetProperty("modules");
        Assert.Equal(2, modules.GetArrayLength());
        var lesson = modules[0].GetProperty("lessons")[0];
        Assert.Equal(("01-apa-itu-spbe", 20), (lesson.GetProperty("key").GetString(), lesson.GetProperty("minutes").GetInt32()));
        Assert.Equal(4, modules.EnumerateArray().Sum(m => m.GetProperty("lessons").GetArrayLength()));
        var assessment = course.GetProperty("assessment");
        Assert.Equal((12, 70, 3, 20), (assessment.GetProperty("questionCount").GetInt32(), assessment.GetProperty("passMark").GetInt32(),
            assessment.GetProperty("maxAttempts").GetInt32(), assessment.GetProperty("timeLimitMinutes").GetInt32()));
        var certificate = course.GetProperty("certificate");
        Assert.Equal(36, certificate.GetProperty("validityMonths").GetInt32());
        Assert.Equal("completion", certificate.GetProperty("recertification").GetProperty("renewFrom").GetString());

        Assert.DoesNotContain("answer", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Pernyataan mana yang paling tepat", json); // a question's text
        Assert.DoesNotContain("Interoperabilitas", json);                 // an option's text
    }

    [Fact]
    public async Task Should_answer_404_problem_for_an_unknown_course()
    {
        await using var app = await AppWithCourses(Db.Sqlite);
        var client = await app.ApiAs(Learner);

        var response = await client.GetAsync("/api/v1/courses/tidak-ada");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("tidak-ada", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_show_drafts_to_coordinators_only()
    {
        await using var app = await AppWithCourses(Db.Sqlite);
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var course = await db.Set<Course>().SingleAsync(c => c.Slug == "adminduk-daring");
            course.Unpublish();
            await db.SaveChangesAsync();
        });

        var learner = await app.ApiAs(Learner);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync("/api/v1/courses/adminduk-daring")).StatusCode);
        Assert.Equal(5, (await learner.GetFromJsonAsync<JsonElement>("/api/v1/courses")).GetArrayLength());

        var coordinator = await app.ApiAs(Coordinator);
        var draft = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/courses/adminduk-daring");
        Assert.Equal("draft", draft.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Should_require_a_login()
    {
        await using var app = await AppWithCourses(Db.Sqlite);
        var response = await app.CreateClient().GetAsync("/api/v1/courses");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Should_describe_the_course_api_in_the_openapi_document()
    {
        await using var app = new LearningApp(Db.Sqlite, demo: false);
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/v1/courses\"", document);
        Assert.Contains("\"/api/v1/courses/{slug}\"", document);
    }

    [Fact]
    public async Task Should_reimport_on_postgres_without_duplicates_or_new_versions()
    {
        await using var app = await AppWithCourses(Db.Postgres);
        var again = await app.WithScope(sp => sp.GetRequiredService<IContentImporter>().Import(sp.GetRequiredService<IConfiguration>()[Learning.Web.Hosting.ContentFolder.Key]!));

        Assert.Empty(again.Problems);
        Assert.Equal((0, 0, 6), (again.Counts.CoursesAdded, again.Counts.CoursesUpdated, again.Counts.CoursesUnchanged));
        var versions = await app.WithScope(async sp => await sp.GetRequiredService<LearningDbContext>().Set<Course>().Select(c => c.Version).Distinct().ToListAsync());
        Assert.Equal(new[] { 1 }, versions);
        var key = await app.WithScope(sp => sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading("spbe-dasar"));
        Assert.Equal(new[] { 1, 2, 3 }, key!.Answers.Single(a => a.QuestionId == "q02").Options);
    }
}
