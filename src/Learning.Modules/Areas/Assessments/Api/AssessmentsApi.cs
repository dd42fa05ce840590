using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Learning.Assessments.Domain;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Assessments.Api;

public sealed record OptionDto(string Id, string Text);
public sealed record QuestionDto(string Id, string Type, string Text, IReadOnlyList<OptionDto> Options);
public sealed record AttemptDto(Guid Id, int Number, string Status, IReadOnlyList<QuestionDto> Questions, DateTime? Deadline, int? AttemptsLeft);
public sealed record SubmitRequest(Dictionary<string, JsonElement>? Answers);
public sealed record SubmitResultDto(Guid Id, decimal Score, bool Passed, IReadOnlyList<string> WrongQuestions, int? AttemptsLeft);

/// <summary>Attempts of the person asking. Nothing here ever carries an answer key: grading stays on the server.</summary>
internal static class AssessmentsApi
{
    public static void MapAssessmentsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/enrolments/{id:guid}/attempts", Start).WithTags("Assessments")
            .Produces<AttemptDto>(StatusCodes.Status201Created).Produces<AttemptDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapGet("/api/v1/attempts/{id:guid}", Get).WithTags("Assessments").Produces<AttemptDto>().ProducesProblem(StatusCodes.Status404NotFound);
        // The body is read by hand for our own 400s; the metadata keeps the OpenAPI document complete.
        endpoints.MapPost("/api/v1/attempts/{id:guid}/submit", Submit).WithTags("Assessments").Accepts<SubmitRequest>("application/json")
            .Produces<SubmitResultDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> Start(Guid id, ClaimsPrincipal user, Attempts attempts, IStringLocalizer text, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } employeeId) return Problems.NotFound(text["Assessments.Api.EnrolmentNotFound"]);
        if (await attempts.Hold(id, employeeId, ct) is { } hold) return Problems.Conflict(hold);
        var (outcome, attempt) = await attempts.Start(id, employeeId, ct);
        return outcome switch
        {
            StartOutcome.Started => TypedResults.Created($"/api/v1/attempts/{attempt!.Id}", await Describe(attempt, attempts, ct)),
            StartOutcome.Resumed => TypedResults.Ok(await Describe(attempt!, attempts, ct)),
            StartOutcome.NoAssessment => Problems.NotFound(text["Assessments.Api.NoAssessment"]),
            StartOutcome.AlreadyPassed => Problems.Conflict(text["Assessments.Api.AlreadyPassed"]),
            StartOutcome.NoAttemptsLeft => Problems.Conflict(text["Assessments.Api.NoAttemptsLeft"]),
            _ => Problems.NotFound(text["Assessments.Api.EnrolmentNotFound"]),
        };
    }

    private static async Task<IResult> Get(Guid id, ClaimsPrincipal user, Attempts attempts, IStringLocalizer text, CancellationToken ct)
    {
        var attempt = user.GetEmployeeId() is { } employeeId ? await attempts.Find(id, employeeId, ct) : null;
        return attempt is null ? Problems.NotFound(text["Assessments.Api.AttemptNotFound"]) : TypedResults.Ok(await Describe(attempt, attempts, ct));
    }

    private static async Task<IResult> Submit(Guid id, HttpRequest request, ClaimsPrincipal user, Attempts attempts, IStringLocalizer text,
        CancellationToken ct)
    {
        var attempt = user.GetEmployeeId() is { } employeeId ? await attempts.Find(id, employeeId, ct) : null;
        if (attempt is null) return Problems.NotFound(text["Assessments.Api.AttemptNotFound"]);
        var (ok, body) = await JsonBodies.TryRead<SubmitRequest>(request, ct);
        if (!ok || body?.Answers is null) return Problems.BadRequest(text["Assessments.Api.BadBody"]);

        var questions = await attempts.Questions(attempt, ct);
        var (answers, errors) = Parse(body.Answers, questions, text);
        if (errors.Count > 0) return Problems.Validation(text["Assessments.Api.BadAnswers"], errors);

        var (outcome, graded) = await attempts.Submit(id, attempt.EmployeeId, answers, ct);
        return outcome switch
        {
            SubmitOutcome.Graded => TypedResults.Ok(new SubmitResultDto(graded!.Id, graded.Score ?? 0, graded.Passed == true, graded.WrongQuestions, graded.AttemptsLeftAfterThis)),
            SubmitOutcome.TimeUp => Problems.Conflict(text["Assessments.Api.TimeUp"]),
            SubmitOutcome.AlreadySubmitted => Problems.Conflict(text["Assessments.Api.AlreadySubmitted"]),
            _ => Problems.NotFound(text["Assessments.Api.AttemptNotFound"]),
        };
    }

    private static async Task<AttemptDto> Describe(Attempt attempt, Attempts attempts, CancellationToken ct)
    {
        var questions = await attempts.Questions(attempt, ct);
        return new AttemptDto(attempt.Id, attempt.Number, attempt.Status,
            questions.Select(q => new QuestionDto(q.Id, q.Type.Name(), q.Text,
                q.Options.Select(o => new OptionDto(o.Id.ToString(CultureInfo.InvariantCulture), o.Text)).ToList())).ToList(),
            attempt.DeadlineAt, attempt.AttemptsLeftAfterThis);
    }

    /// <summary>optionId | [optionIds] | true | false per question; ids are the strings the attempt showed.</summary>
    private static (Dictionary<string, GivenAnswer> Answers, List<string> Errors) Parse(
        Dictionary<string, JsonElement> raw, IReadOnlyList<ShownQuestion> questions, IStringLocalizer text)
    {
        var byId = questions.ToDictionary(q => q.Id);
        var answers = new Dictionary<string, GivenAnswer>();
        var errors = new List<string>();
        foreach (var (questionId, value) in raw)
        {
            if (!byId.TryGetValue(questionId, out var question)) { errors.Add(text["Assessments.Api.UnknownQuestion", questionId]); continue; }
            GivenAnswer? given = question.Type == QuestionType.TrueFalse ? TrueFalse(value) : Options(value, question);
            if (given is null) errors.Add(text["Assessments.Api.BadAnswer", questionId]);
            else answers[questionId] = given;
        }
        return (answers, errors);
    }

    private static GivenAnswer? TrueFalse(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => new GivenAnswer(null, true),
        JsonValueKind.False => new GivenAnswer(null, false),
        JsonValueKind.String when bool.TryParse(value.GetString(), out var b) => new GivenAnswer(null, b),
        _ => null,
    };

    private static GivenAnswer? Options(JsonElement value, ShownQuestion question)
    {
        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        if (question.Type == QuestionType.Single && items.Count != 1) return null;
        var chosen = new HashSet<int>();
        foreach (var item in items)
        {
            var raw = item.ValueKind switch { JsonValueKind.String => item.GetString(), JsonValueKind.Number => item.GetRawText(), _ => null };
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || question.Options.All(o => o.Id != index)) return null;
            chosen.Add(index);
        }
        return new GivenAnswer(chosen, null);
    }
}
