using System.Text.Json;

namespace Learning.Kernel;

/// <summary>Work that leaves the process (e-mail, exports), written in the same transaction as its cause.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; private set; } = Ids.New();
    public string Type { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTime OccurredAt { get; private set; }
    public DateTime? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>After a failed send, not before this (UTC): each failure waits longer (back-off); null: at once.</summary>
    public DateTime? NextAttemptAt { get; set; }

    private OutboxMessage() { }

    public static OutboxMessage For<T>(T message, DateTime occurredAt) where T : notnull => new()
    {
        Type = typeof(T).FullName!,
        Payload = JsonSerializer.Serialize(message),
        OccurredAt = occurredAt,
    };
}

/// <summary>Sends one kind of outbox message; registered with <c>AddOutboxHandler</c>.</summary>
public interface IOutboxHandler<in T>
{
    Task Handle(T message, CancellationToken cancellationToken);
}

public interface IOutbox
{
    /// <summary>Adds the message to the current unit of work; it is sent after commit.</summary>
    void Enqueue<T>(T message) where T : notnull;
}

public sealed class Outbox(LearningDbContext db, TimeProvider clock) : IOutbox
{
    public void Enqueue<T>(T message) where T : notnull =>
        db.OutboxMessages.Add(OutboxMessage.For(message, clock.GetUtcNow().UtcDateTime));
}
