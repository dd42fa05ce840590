using System.Security.Claims;
using System.Text.Json.Serialization;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Enrolments.Api;

public sealed record SyncItemDto(Guid? Id, Guid? EnrolmentId, string? LessonKey, string? CompletedAt);
public sealed record SyncRequest(List<SyncItemDto?>? Items);
public sealed record SyncResultDto(Guid Id, string Status, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);
public sealed record SyncResponse(IReadOnlyList<SyncResultDto> Results);

/// <summary>
/// Learning offline (issue 20): the package a device keeps, and the completions it sends back. Cookie calls from the app's
/// own pages (and its service worker) pass the host's cookie-API rule with a JSON body; bearer calls as any API call.
/// </summary>
internal static class OfflineApi
{
    public static void MapOfflineApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/enrolments/{id:guid}/offline", Package).WithTags("Enrolments")
            .Produces<OfflineLearning.Package>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapPost("/api/v1/sync/lesson-completions", Sync).WithTags("Enrolments").Accepts<SyncRequest>("application/json")
            .Produces<SyncResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> Package(Guid id, HttpRequest request, ClaimsPrincipal user, OfflineLearning offline, IStringLocalizer text,
        CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } employeeId) return Problems.NotFound(text["Enrolments.Api.NotFound"]);
        var (package, refusal) = await offline.Pack(id, employeeId, request.PathBase, request.Host.Value ?? "", ct);
        if (refusal is not null) return Problems.Of(refusal.Status, refusal.Title, refusal.Detail);
        // Personal, and changes as the course does: a shared cache must not keep it, the device asks again when online.
        request.HttpContext.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Ok(package);
    }

    private static async Task<IResult> Sync(HttpRequest request, ClaimsPrincipal user, OfflineLearning offline, IStringLocalizer text,
        CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } employeeId) return Problems.Forbidden(text["Enrolments.Api.NotAnEmployee"]);
        var (ok, body) = await JsonBodies.TryRead<SyncRequest>(request, ct);
        if (!ok || body?.Items is not { } items) return Problems.BadRequest(text["Enrolments.Sync.BadBody"]);
        if (items.Count > OfflineLearning.MaxItems)
            return Problems.BadRequest(text["Enrolments.Sync.TooMany", OfflineLearning.MaxItems], text["Enrolments.Sync.TooManyDetail", items.Count]);
        // Checked before anything is written: an answer names each item by its id, so one without an id refuses the batch.
        var missing = items.Select((item, i) => (item, i)).Where(x => x.item?.Id is null || x.item.Id == Guid.Empty)
            .Select(x => text["Enrolments.Sync.NoId", x.i + 1].Value).ToList();
        if (missing.Count > 0) return Problems.Validation(text["Enrolments.Sync.BadBody"], missing);

        var results = new List<SyncResultDto>(items.Count);
        foreach (var item in items)
        {
            var outcome = await offline.Apply(employeeId, new OfflineLearning.Completion(item!.Id!.Value, item.EnrolmentId, item.LessonKey, item.CompletedAt), ct);
            results.Add(new SyncResultDto(outcome.Id, outcome.Status, outcome.Reason));
        }
        return TypedResults.Ok(new SyncResponse(results));
    }
}
