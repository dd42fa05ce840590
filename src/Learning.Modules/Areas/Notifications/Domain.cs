using System.Text.Json;

namespace Learning.Notifications;

public sealed class Notification
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid RecipientUserId { get; private set; }
    public string DedupeKey { get; private set; } = "";
    public string TextKey { get; private set; } = "";
    public string ArgsJson { get; private set; } = "[]";
    public string? Link { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }

    private Notification() { }

    public Notification(Guid recipientUserId, Contracts.Notice notice, DateTime createdAt)
    {
        RecipientUserId = recipientUserId;
        DedupeKey = notice.DedupeKey;
        TextKey = notice.TextKey;
        ArgsJson = JsonSerializer.Serialize(notice.Args);
        Link = notice.Link;
        CreatedAt = createdAt;
    }

    public string[] Args => JsonSerializer.Deserialize<string[]>(ArgsJson) ?? [];

    public void MarkRead(DateTime at) => ReadAt ??= at;
}

/// <summary>
/// An e-mail waiting in the outbox, already written in the recipient's language, from the recipient's tenant's sender
/// (null: the sender of the tenant sending it, else Smtp:From).
/// </summary>
public sealed record EmailMessage(string To, string Subject, string Body, string? From = null, string? FromName = null);
