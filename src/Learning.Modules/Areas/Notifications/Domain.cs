using Learning.Kernel;
using System.Text.Json;

namespace Learning.Notifications;

public sealed class Notification
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid RecipientUserId { get; private set; }
    public string DedupeKey { get; private set; } = "";
    public string TextKey { get; private set; } = "";
    public string ArgsJson { get; private set; } = "[]";
    public string? Link { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }
    public Contracts.NoticeKind Kind { get; private set; }
    /// <summary>Held for the person's daily digest e-mail (their choice for this kind), until the digest has taken it.</summary>
    public bool DigestPending { get; private set; }

    private Notification() { }

    public Notification(Guid recipientUserId, Contracts.Notice notice, DateTime createdAt)
    {
        RecipientUserId = recipientUserId;
        DedupeKey = notice.DedupeKey;
        TextKey = notice.TextKey;
        ArgsJson = JsonSerializer.Serialize(notice.Args);
        Link = notice.Link;
        Kind = notice.Kind;
        CreatedAt = createdAt;
    }

    public void HoldForDigest() => DigestPending = true;

    public void Digested() => DigestPending = false;

    public string[] Args => JsonSerializer.Deserialize<string[]>(ArgsJson) ?? [];

    public void MarkRead(DateTime at) => ReadAt ??= at;

    /// <summary>Someone acted on what it asked: no longer new, and not e-mailed in a digest.</summary>
    public void Settle(DateTime at)
    {
        ReadAt ??= at;
        DigestPending = false;
    }
}

/// <summary>
/// An e-mail waiting in the outbox, already written in the recipient's language, from the recipient's tenant's sender
/// (null: the sender of the tenant sending it, else Smtp:From). <paramref name="Html"/>, when there, is sent beside the plain
/// text as multipart/alternative (messages queued before it existed have none).
/// </summary>
public sealed record EmailMessage(string To, string Subject, string Body, string? From = null, string? FromName = null, string? Html = null);
