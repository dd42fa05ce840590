using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Learning.Courses.Contracts;
using Learning.Web.Tests.Infrastructure;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// The whole chain over the API, as modules meet through events: a learner finishes a course, a
/// certificate is issued, the training and its JP land in the career record, and anyone can verify it.
/// </summary>
public sealed class CompletionToCareerRecordTests
{
    private const string Learner = "199501012020121004";
    private const string Course = "literasi-keamanan-digital"; // 1 JP, 3 lessons

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_issue_a_verifiable_certificate_and_count_the_JP_when_a_course_is_completed(Db db)
    {
        await using var app = new LearningApp(db);
        var api = await app.ApiAs(Learner);
        var outline = await api.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{Course}");
        var enrolment = await (await api.PostAsJsonAsync("/api/v1/enrolments", new { course = Course })).Content.ReadFromJsonAsync<JsonElement>();
        var id = enrolment.GetProperty("id").GetString();

        foreach (var module in outline.GetProperty("modules").EnumerateArray())
        foreach (var lesson in module.GetProperty("lessons").EnumerateArray())
            Assert.True((await api.PostAsync($"/api/v1/enrolments/{id}/lessons/{lesson.GetProperty("key").GetString()}/complete", null)).IsSuccessStatusCode);

        var attempt = await (await api.PostAsync($"/api/v1/enrolments/{id}/attempts", null)).Content.ReadFromJsonAsync<JsonElement>();
        var key = await app.WithScope(async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(Course))!);
        var answers = new JsonObject();
        foreach (var a in key.Answers)
            answers[a.QuestionId] = a.Type switch
            {
                QuestionType.TrueFalse => JsonValue.Create(a.TrueFalse!.Value),
                QuestionType.Single => JsonValue.Create(a.Options[0].ToString()),
                _ => new JsonArray(a.Options.Select(i => (JsonNode)JsonValue.Create(i.ToString())!).ToArray()),
            };
        var result = await (await api.PostAsJsonAsync($"/api/v1/attempts/{attempt.GetProperty("id").GetString()}/submit", new { answers }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("passed").GetBoolean());

        // The certificate, in the learner's list.
        var certificate = Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/v1/me/certificates")).EnumerateArray());
        Assert.Equal("valid", certificate.GetProperty("status").GetString());
        Assert.StartsWith("DISKOMINFO/", certificate.GetProperty("number").GetString());

        // The training and its JP, in the career record.
        var record = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/career-record");
        Assert.Equal(Learner, record.GetProperty("nip").GetString());
        Assert.Equal(1m, record.GetProperty("jp").GetProperty("total").GetDecimal());
        Assert.Equal(20m, record.GetProperty("jp").GetProperty("required").GetDecimal());
        Assert.Contains(record.GetProperty("trainings").EnumerateArray(), t => t.ToString().Contains(certificate.GetProperty("number").GetString()!));

        // Anyone can verify it, with the NIP masked; a forged code is not found.
        var anonymous = app.CreateClient();
        var verified = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/verify/{certificate.GetProperty("code").GetString()}");
        Assert.True(verified.GetProperty("valid").GetBoolean());
        Assert.DoesNotContain(Learner, verified.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/certificates/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).StatusCode);
    }
}
