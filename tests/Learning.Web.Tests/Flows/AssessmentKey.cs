using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Learning.Courses.Contracts;
using Learning.Web.Tests.Infrastructure;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Answering an assessment from the key the server holds (the key never reaches a learner, so a test reads it from the bank):
/// one place for every test that needs a known score.
/// </summary>
internal static class AssessmentKey
{
    /// <summary>
    /// Starts an attempt on the enrolment and hands it in with the first <paramref name="wrong"/> of its questions (as the attempt
    /// lists them) answered wrongly and the rest right; returns the graded result (score, passed).
    /// </summary>
    public static async Task<JsonElement> Submit(LearningApp app, HttpClient api, string enrolmentId, string course, int wrong = 0)
    {
        var attempt = await Answer(await api.PostAsync($"/api/v1/enrolments/{enrolmentId}/attempts", null), HttpStatusCode.Created);
        return await SubmitAttempt(app, api, attempt, course, wrong);
    }

    /// <summary>Hands in an attempt already started (its JSON as the start answered) the same way.</summary>
    public static async Task<JsonElement> SubmitAttempt(LearningApp app, HttpClient api, JsonElement attempt, string course, int wrong = 0)
    {
        var key = await app.WithScope(async sp => (await sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading(course))!);
        var byId = key.Answers.ToDictionary(a => a.QuestionId);
        var answers = new JsonObject();
        var n = 0;
        foreach (var q in attempt.GetProperty("questions").EnumerateArray())
        {
            var a = byId[q.GetProperty("id").GetString()!];
            var flip = n++ < wrong;
            answers[a.QuestionId] = a.Type switch
            {
                QuestionType.TrueFalse => JsonValue.Create(flip ? !a.TrueFalse!.Value : a.TrueFalse!.Value),
                QuestionType.Single => JsonValue.Create(Text(flip ? (a.Options[0] + 1) % q.GetProperty("options").GetArrayLength() : a.Options[0])),
                _ => new JsonArray((flip ? a.Options.Skip(1) : a.Options).Select(i => (JsonNode)JsonValue.Create(Text(i))!).ToArray()),
            };
        }
        return await Answer(await api.PostAsJsonAsync($"/api/v1/attempts/{attempt.GetProperty("id").GetString()}/submit",
            new JsonObject { ["answers"] = answers }), HttpStatusCode.OK);
    }

    private static string Text(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Answer(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
