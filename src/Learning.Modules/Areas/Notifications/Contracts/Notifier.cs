namespace Learning.Notifications.Contracts;

/// <summary>
/// A message for one person. Texts are keys ("Assignments.Notices.Overdue") with arguments, so the
/// inbox shows them in the reader's language; the key and ".Body" under it give title and body.
/// <paramref name="DedupeKey"/> makes notifying idempotent: the same key for the same person is kept once.
/// <paramref name="Kind"/> decides, by the person's choice for that kind, whether it is e-mailed at once, in the daily digest, or not.
/// Arguments of the form yyyy-MM-dd are shown as dates in the reader's language.
/// </summary>
public sealed record Notice(string DedupeKey, string TextKey, IReadOnlyList<string> Args, string? Link = null, NoticeKind Kind = NoticeKind.Messages);

/// <summary>What a notice is about; each person chooses per kind how it reaches them by e-mail. Stored by number: only append.</summary>
/// Classes: the day-before reminders of one's class sessions.
public enum NoticeKind { Assignments, Approvals, Reminders, Digests, Messages, Classes }

public interface INotifier
{
    /// <summary>Adds the notice to the person's inbox (and queues an e-mail when SMTP is configured), in the caller's transaction. False when already notified.</summary>
    Task<bool> NotifyEmployee(Guid employeeId, Notice notice, CancellationToken ct = default);

    Task<bool> NotifyUser(Guid userId, Notice notice, CancellationToken ct = default);

    /// <summary>Many notices at once, for jobs that notify thousands: a few queries per batch instead of a few per person. How many were new.</summary>
    Task<int> NotifyEmployees(IReadOnlyCollection<(Guid EmployeeId, Notice Notice)> notices, CancellationToken ct = default);

    /// <summary>
    /// What the notices whose key starts with <paramref name="dedupeKeyPrefix"/> asked for is done (someone decided the approval):
    /// they stop showing as new for every recipient and leave the digest. In the caller's transaction. How many changed.
    /// </summary>
    Task<int> Settle(string dedupeKeyPrefix, CancellationToken ct = default);
}
