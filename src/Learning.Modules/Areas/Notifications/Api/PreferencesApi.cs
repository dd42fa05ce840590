using System.Security.Claims;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Api;

/// <summary>Per kind of notice: "immediately", "digest" or "app-only".</summary>
public sealed record NotificationPreferences(string? Assignments, string? Approvals, string? Reminders, string? Digests, string? Messages,
    string? Classes = null);

/// <summary>
/// The signed-in person's own e-mail choices, GET and PUT /api/v1/me/notification-preferences. There is no user in the path:
/// nobody can read or change another person's. A PUT may name some kinds only; the others stay.
/// </summary>
internal static class PreferencesApi
{
    public static void MapPreferencesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/me/notification-preferences").WithTags("Notifications");
        api.MapGet("/", Get);
        api.MapPut("/", Put);
    }

    private static NotificationPreferences Shape(IReadOnlyDictionary<NoticeKind, EmailChoice> c) => new(
        c[NoticeKind.Assignments].Name(), c[NoticeKind.Approvals].Name(), c[NoticeKind.Reminders].Name(),
        c[NoticeKind.Digests].Name(), c[NoticeKind.Messages].Name(), c[NoticeKind.Classes].Name());

    private static async Task<Ok<NotificationPreferences>> Get(ClaimsPrincipal user, EmailPreferencesStore store, CancellationToken ct) =>
        TypedResults.Ok(Shape(await store.Get(user.GetUserId()!.Value, ct)));

    private static async Task<Results<Ok<NotificationPreferences>, ProblemHttpResult>> Put(HttpRequest request, ClaimsPrincipal user,
        EmailPreferencesStore store, IStringLocalizer text, CancellationToken ct)
    {
        var (ok, body) = await JsonBodies.TryRead<NotificationPreferences>(request, ct);
        if (!ok || body is null) return Problems.BadRequest(text["Notifications.Preferences.BadBody"]);
        var given = new Dictionary<NoticeKind, string?>
        {
            [NoticeKind.Assignments] = body.Assignments, [NoticeKind.Approvals] = body.Approvals, [NoticeKind.Reminders] = body.Reminders,
            [NoticeKind.Digests] = body.Digests, [NoticeKind.Messages] = body.Messages, [NoticeKind.Classes] = body.Classes,
        };
        var choices = new Dictionary<NoticeKind, EmailChoice>();
        var errors = new List<string>();
        foreach (var (kind, word) in given)
        {
            if (word is null) continue;
            if (EmailWords.ParseChoice(word) is { } choice) choices[kind] = choice;
            else errors.Add(text["Notifications.Preferences.BadChoice", kind.Name(), word, string.Join(", ", EmailWords.Choices)]);
        }
        if (errors.Count > 0) return Problems.Validation(text["Notifications.Preferences.Invalid"], errors);
        var userId = user.GetUserId()!.Value;
        await store.Save(userId, choices, ct);
        return TypedResults.Ok(Shape(await store.Get(userId, ct)));
    }
}
