using Learning.Kernel;

namespace Learning.Audit;

/// <summary>One privileged action. Written once and never changed: there is no method that changes a row, and no page or endpoint that edits or deletes one.</summary>
public sealed class AuditEntry
{
    public const int ActorLength = 300, ActionLength = 64, SubjectLength = 500, DetailLength = 2000, AddressLength = 64;

    public Guid Id { get; private set; } = Ids.New();
    public DateTime At { get; private set; }
    /// <summary>The login that acted; null for the system and the command line.</summary>
    public Guid? ActorUserId { get; private set; }
    /// <summary>The actor by name as they were then ("Sri Wahyuni (198203152006042001)", "admin", "host:root").</summary>
    public string Actor { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string? Detail { get; private set; }
    /// <summary>The client address of the request, or "local" for the command line.</summary>
    public string? Address { get; private set; }

    private AuditEntry() { }

    public AuditEntry(DateTime at, Guid? actorUserId, string actor, string action, string subject, string? detail, string? address)
    {
        At = at;
        ActorUserId = actorUserId;
        Actor = Cut(actor, ActorLength)!;
        Action = Cut(action, ActionLength)!;
        Subject = Cut(subject, SubjectLength)!;
        Detail = Cut(detail, DetailLength);
        Address = Cut(address, AddressLength);
    }

    private static string? Cut(string? value, int length) => value is { } v && v.Length > length ? v[..length] : value;
}
