using System.Security.Claims;

namespace Learning.Notifications.Contracts;

/// <summary>Lets the theme show an unread count without knowing the Notifications module (absent when it is switched off).</summary>
public interface IUnreadNotifications
{
    /// <summary>The signed-in person's unread notifications (0 for a principal without a login).</summary>
    Task<int> Count(ClaimsPrincipal user, CancellationToken ct = default);
}
