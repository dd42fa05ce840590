namespace Learning.Kernel;

/// <summary>Something that happened in the domain, named in the past tense (LessonCompleted).</summary>
public interface IDomainEvent
{
    /// <summary>Unique per occurrence, so reactions can be idempotent.</summary>
    Guid EventId { get; }
}

public abstract record DomainEvent : IDomainEvent
{
    public Guid EventId { get; init; } = Ids.New();
}

/// <summary>A reaction to an event, named &lt;Reaction&gt;When&lt;Event&gt;. Runs before commit, in the same transaction.</summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    Task Handle(TEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>
/// A reaction that takes together the events of one type raised in a row by one save: one query and one write for the lot,
/// not one each (a sweep's batch raises hundreds). Handled alone, an event is a run of one.
/// </summary>
public interface IDomainEventBatchHandler<TEvent> : IDomainEventHandler<TEvent> where TEvent : IDomainEvent
{
    Task HandleAll(IReadOnlyList<TEvent> domainEvents, CancellationToken cancellationToken);

    Task IDomainEventHandler<TEvent>.Handle(TEvent domainEvent, CancellationToken cancellationToken) =>
        HandleAll([domainEvent], cancellationToken);
}

/// <summary>An entity that raises events from the methods that change its state.</summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _domainEvents = [];

    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    internal void ClearDomainEvents() => _domainEvents.Clear();
}
