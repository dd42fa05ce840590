namespace Learning.Notifications.Contracts;

/// <summary>Lets the theme show an unread count without knowing the Notifications module (absent when it is switched off).</summary>
public interface IUnreadNotifications
{
    Task<int> Count(Guid userId, CancellationToken ct = default);
}
