using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Learning.Kernel;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;

namespace Learning.Web.Tests.Flows;

/// <summary>What the assignment tests share: the demo people, reading answers, finishing a course over the API, running the job.</summary>
internal static class AssignmentDriver
{
    public const string Supervisor = "197811202003121002";
    public const string Coordinator = "198203152006042001";
    public const string Agus = "199005172015031001";
    public const string Dewi = "199208082019022003";
    public const string Rizky = "199501012020121004";
    public const string Course = "spbe-dasar";
    public static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    public static DateOnly Today(LearningApp app) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Wib).DateTime);

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.FromHours(7));

    /// <summary>Runs the job as the operator would (<c>jobs run NAME --as-of</c>), at 02:00 WIB on the day.</summary>
    public static async Task RunVerb(LearningApp app, string job, DateOnly day) =>
        Assert.Equal(0, await Verbs.Run(app.Services, "jobs", ["run", job, "--as-of", At(day).ToString("O", CultureInfo.InvariantCulture)]));

    /// <summary>Runs the job through the same recorded runner as the verb; returns the items it handled.</summary>
    public static Task<int> RunJob(LearningApp app, string job, DateOnly day) => app.WithScope(async sp =>
    {
        var definition = sp.GetServices<JobDefinition>().Single(j => j.Name == job);
        var result = await sp.GetRequiredService<IJobRunner>().Run(job, (ScheduledJob)sp.GetRequiredService(definition.JobType), At(day), CancellationToken.None);
        Assert.Null(result.Error);
        return result.Items;
    });

    /// <summary>Every lesson done and the assessment passed with all answers right.</summary>
    public static async Task Complete(LearningApp app, HttpClient api, string enrolmentId, string course = Course)
    {
        var outline = await Json(await api.GetAsync($"/api/v1/courses/{course}"), HttpStatusCode.OK);
        foreach (var lesson in outline.GetProperty("modules").EnumerateArray().SelectMany(m => m.GetProperty("lessons").EnumerateArray()))
            await Json(await api.PostAsJsonAsync($"/api/v1/enrolments/{enrolmentId}/lessons/{lesson.GetProperty("key").GetString()}/complete", new { seconds = 600 }), HttpStatusCode.OK);
        await PassAssessment(app, api, enrolmentId, course);
    }

    /// <summary>Starts an attempt and submits every answer right.</summary>
    public static async Task PassAssessment(LearningApp app, HttpClient api, string enrolmentId, string course = Course) =>
        Assert.True((await AssessmentKey.Submit(app, api, enrolmentId, course)).GetProperty("passed").GetBoolean());

    public static async Task<JsonElement> Mine(HttpClient api, string course = Course) =>
        (await Json(await api.GetAsync("/api/v1/me/assignments"), HttpStatusCode.OK)).EnumerateArray().Single(a => a.GetProperty("course").GetString() == course);

    public static async Task<List<string>> NoticeTitles(HttpClient api) =>
        (await Json(await api.GetAsync("/api/v1/notifications"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(n => n.GetProperty("title").GetString()!).ToList();
}
