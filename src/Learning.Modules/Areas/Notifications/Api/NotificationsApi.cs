using System.Security.Claims;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Api;

public sealed record NotificationItem(Guid Id, string Title, string Body, string? Link, DateTime CreatedAt, bool Read);
public sealed record NotificationInbox(int Unread, IReadOnlyList<NotificationItem> Items);

internal static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/notifications").WithTags("Notifications");
        api.MapGet("/", Inbox);
        api.MapPost("/{id:guid}/read", MarkRead);
        api.MapPost("/read-all", MarkAllRead);
    }

    private static async Task<Ok<NotificationInbox>> Inbox(ClaimsPrincipal user, LearningDbContext db, IStringLocalizer text, int? take)
    {
        var userId = user.GetUserId()!.Value;
        var mine = db.Set<Notification>().AsNoTracking().Where(n => n.RecipientUserId == userId);
        var unread = await mine.CountAsync(n => n.ReadAt == null);
        var items = await mine.OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(take ?? 50, 1, 200)).ToListAsync();
        return TypedResults.Ok(new NotificationInbox(unread, items.Select(n =>
        {
            var (title, body) = text.Render(n);
            return new NotificationItem(n.Id, title, body, n.Link, n.CreatedAt, n.ReadAt != null);
        }).ToList()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, ClaimsPrincipal user, LearningDbContext db, TimeProvider clock, IStringLocalizer text)
    {
        var userId = user.GetUserId()!.Value;
        // Someone else's notification answers exactly like a missing one.
        var notification = await db.Set<Notification>().FirstOrDefaultAsync(n => n.Id == id && n.RecipientUserId == userId);
        if (notification is null) return Problems.NotFound(text["Notifications.NotFound"]);
        notification.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> MarkAllRead(ClaimsPrincipal user, LearningDbContext db, TimeProvider clock)
    {
        var userId = user.GetUserId()!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<Notification>().Where(n => n.RecipientUserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now));
        db.MoveStamps([userId]); // the unread count on every cached page
        return TypedResults.NoContent();
    }
}
