using System.Security.Claims;
using System.Text.Json;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Evaluations.Api;

public sealed record EvaluationForm(string Title, bool Answered, IReadOnlyList<FormQuestion> Questions);

public sealed record EvaluationAnswers(Dictionary<string, JsonElement>? Answers);

/// <summary>The reaction form of a class (its participants, once it has begun) and of a course (after completing it).</summary>
internal static class EvaluationsApi
{
    public static void MapEvaluationsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Evaluations").RequireAuthorization();
        api.MapGet("/classes/{id:guid}/evaluation", async (Guid id, ClaimsPrincipal user, ReactionForms forms, CancellationToken ct) =>
            await Form(await forms.Class(id, user.GetEmployeeId(), ct), user, forms, ct))
            .Produces<EvaluationForm>().ProducesProblem(403).ProducesProblem(404);
        api.MapPost("/classes/{id:guid}/evaluation", async (Guid id, HttpRequest request, ClaimsPrincipal user, ReactionForms forms, IStringLocalizer text, CancellationToken ct) =>
            await Submit(await forms.Class(id, user.GetEmployeeId(), ct), request, user, forms, text, ct))
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/courses/{slug}/evaluation", async (string slug, ClaimsPrincipal user, ReactionForms forms, CancellationToken ct) =>
            await Form(await forms.Course(slug, user.GetEmployeeId(), ct), user, forms, ct))
            .Produces<EvaluationForm>().ProducesProblem(403).ProducesProblem(404);
        api.MapPost("/courses/{slug}/evaluation", async (string slug, HttpRequest request, ClaimsPrincipal user, ReactionForms forms, IStringLocalizer text, CancellationToken ct) =>
            await Submit(await forms.Course(slug, user.GetEmployeeId(), ct), request, user, forms, text, ct))
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }

    private static IResult Refused(FormSubject subject) =>
        subject.Status == 404 ? Problems.NotFound(subject.Why!) : Problems.Forbidden(subject.Why!);

    private static async Task<IResult> Form(FormSubject subject, ClaimsPrincipal user, ReactionForms forms, CancellationToken ct)
    {
        if (!subject.Open) return Refused(subject);
        var answered = await forms.HasAnswered(subject.Kind, subject.Id, user.GetEmployeeId()!.Value, ct);
        return TypedResults.Ok(new EvaluationForm(subject.Title, answered, await forms.Questions(subject.Kind, subject.Id, ct)));
    }

    private static async Task<IResult> Submit(FormSubject subject, HttpRequest request, ClaimsPrincipal user, ReactionForms forms, IStringLocalizer text, CancellationToken ct)
    {
        if (!subject.Open) return Refused(subject);
        var (ok, body) = await JsonBodies.TryRead<EvaluationAnswers>(request, ct);
        if (!ok || body?.Answers is null) return Problems.BadRequest(text["Evaluations.Problem.Invalid"], text["Evaluations.Problem.Body"]);
        var outcome = await forms.Submit(subject, user.GetEmployeeId()!.Value, ReactionForms.FromJson(body.Answers), ct);
        return outcome.Status switch
        {
            204 => TypedResults.NoContent(),
            409 => Problems.Conflict(outcome.Title!, outcome.Errors[0]),
            _ => Problems.Validation(outcome.Title!, outcome.Errors),
        };
    }
}
