namespace Learning.Classes.Contracts;

/// <summary>A class as a list shows it: its title, course and first session's start (null when it has no session).</summary>
public sealed record ClassListing(Guid Id, string Title, string? CourseSlug, DateTime? FirstStartsAt);

/// <summary>Who takes part in classes and which classes a trainer teaches: for evaluation reports.</summary>
public interface IClassRosters
{
    /// <summary>The people holding a place in the class (registered or completed), as <see cref="IClassDirectory.IsParticipant"/>.</summary>
    Task<IReadOnlyList<Guid>> Participants(Guid classId, CancellationToken ct = default);

    /// <summary>Classes taught by <paramref name="trainerId"/>, or all classes when null; the latest first.</summary>
    Task<IReadOnlyList<ClassListing>> Classes(Guid? trainerId, CancellationToken ct = default);
}
