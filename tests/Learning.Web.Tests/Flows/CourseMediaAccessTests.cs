using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Courses.Domain;
using Learning.Kernel;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Tests.Flows;

/// <summary>Course media is private to the course: learners see it only while a published lesson shows it.</summary>
public sealed class CourseMediaAccessTests
{
    [Fact]
    public async Task Should_serve_a_lessons_image_to_learners_only_while_its_course_is_published()
    {
        await using var app = new LearningApp();
        var learner = await app.ApiAs("199005172015031001");
        var enrolment = await (await learner.PostAsJsonAsync("/api/v1/enrolments", new { course = "spbe-dasar" })).Content.ReadFromJsonAsync<JsonElement>();
        var lesson = await learner.GetFromJsonAsync<JsonElement>(
            $"/api/v1/enrolments/{enrolment.GetProperty("id").GetString()}/lessons/02-arsitektur-dan-domain-spbe");
        var image = Regex.Match(lesson.GetProperty("html").GetString()!, "src=\"(/media/media/[^\"]+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await learner.GetAsync(image)).StatusCode);

        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            (await db.Set<Course>().SingleAsync(c => c.Slug == "spbe-dasar")).Unpublish();
            await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(image)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ApiAs("198203152006042001")).GetAsync(image)).StatusCode); // coordinator
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(image)).StatusCode);
    }
}
