namespace Learning.Notifications.Contracts;

/// <summary>
/// A message for one person. Texts are keys ("Assignments.Notices.Overdue") with arguments, so the
/// inbox shows them in the reader's language; the key and ".Body" under it give title and body.
/// <paramref name="DedupeKey"/> makes notifying idempotent: the same key for the same person is kept once.
/// </summary>
public sealed record Notice(string DedupeKey, string TextKey, IReadOnlyList<string> Args, string? Link = null);

public interface INotifier
{
    /// <summary>Adds the notice to the person's inbox (and queues an e-mail when SMTP is configured), in the caller's transaction. False when already notified.</summary>
    Task<bool> NotifyEmployee(Guid employeeId, Notice notice, CancellationToken ct = default);

    Task<bool> NotifyUser(Guid userId, Notice notice, CancellationToken ct = default);

    /// <summary>Many notices at once, for jobs that notify thousands: a few queries per batch instead of a few per person. How many were new.</summary>
    Task<int> NotifyEmployees(IReadOnlyCollection<(Guid EmployeeId, Notice Notice)> notices, CancellationToken ct = default);
}
