using System.Security.Claims;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Api;

public sealed record PushKey(string PublicKey);

public sealed record PushSubscribed(string Endpoint);

public sealed record PushEndpoint(string? Endpoint);

/// <summary>
/// Web Push for the signed-in person: the tenant's application server key, and their own browsers' subscriptions. Nobody names a
/// person here: a subscription is always the caller's, and removing one that is not theirs answers like a missing one.
/// </summary>
internal static class PushApi
{
    public static void MapPushApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/push").WithTags("Notifications");
        api.MapGet("/key", Key);
        api.MapPost("/subscriptions", Subscribe);
        api.MapDelete("/subscriptions", Unsubscribe);
    }

    private static async Task<Ok<PushKey>> Key(VapidKeyStore keys, CancellationToken ct) =>
        TypedResults.Ok(new PushKey((await keys.Get(ct)).PublicKey));

    private static async Task<Results<Created<PushSubscribed>, Ok<PushSubscribed>, ProblemHttpResult>> Subscribe(HttpRequest request,
        ClaimsPrincipal user, PushSubscriptions subscriptions, IConfiguration configuration, IStringLocalizer text, CancellationToken ct)
    {
        var (ok, body) = await JsonBodies.TryRead<PushSubscriptionBody>(request, ct);
        if (!ok || body is null) return Problems.BadRequest(text["Notifications.Push.Error.BadBody"]);
        var errors = PushSubscriptionRules.Check(body, PushSubscriptionRules.AllowsLoopback(configuration));
        if (errors.Count > 0) return Problems.Validation(text["Notifications.Push.Error.Invalid"], errors.Select(e => text[e].Value).ToList());

        var endpoint = body.Endpoint!.Trim();
        // Kept as the browser gave them (base64url); they were checked above.
        var outcome = await subscriptions.Subscribe(user.GetUserId()!.Value, endpoint, body.Keys!.P256dh!.Trim(), body.Keys.Auth!.Trim(), ct);
        var answer = new PushSubscribed(endpoint);
        return outcome switch
        {
            PushSubscriptions.Outcome.Added => TypedResults.Created((string?)null, answer),
            PushSubscriptions.Outcome.OwnedByAnother => Problems.Conflict(text["Notifications.Push.Error.OtherAccount"], text["Notifications.Push.Error.OtherAccount.Detail"]),
            _ => TypedResults.Ok(answer),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Unsubscribe(HttpRequest request, ClaimsPrincipal user,
        PushSubscriptions subscriptions, IStringLocalizer text, CancellationToken ct)
    {
        var (ok, body) = await JsonBodies.TryRead<PushEndpoint>(request, ct);
        if (!ok || body?.Endpoint is not { Length: > 0 } endpoint) return Problems.BadRequest(text["Notifications.Push.Error.NoEndpoint"]);
        return await subscriptions.Unsubscribe(user.GetUserId()!.Value, endpoint.Trim(), ct)
            ? TypedResults.NoContent()
            : Problems.NotFound(text["Notifications.Push.Error.NotFound"]);
    }
}
