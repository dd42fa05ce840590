namespace Learning.Classes.Contracts;

public sealed record ClassSessionInfo(int Number, DateTime StartsAt, DateTime EndsAt, string? Venue, string? OnlineUrl, bool Cancelled);

public sealed record ClassInfo(
    Guid Id, string? CourseSlug, string Title, decimal Jp, string Status, IReadOnlyList<ClassSessionInfo> Sessions,
    IReadOnlyList<Guid> TrainerIds);

/// <summary>What other modules may ask of classes: a class by id, and who takes part in it or teaches it.</summary>
public interface IClassDirectory
{
    Task<ClassInfo?> Find(Guid classId, CancellationToken ct);

    /// <summary>The person holds a place in the class (registered or completed), not merely waitlisted or awaiting approval.</summary>
    Task<bool> IsParticipant(Guid classId, Guid employeeId, CancellationToken ct);

    Task<bool> IsTrainer(Guid classId, Guid employeeId, CancellationToken ct);
}
