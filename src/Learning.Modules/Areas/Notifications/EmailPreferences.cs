using Learning.Kernel;
using Learning.Notifications.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Learning.Notifications;

/// <summary>How notices of one kind reach a person by e-mail. Stored by number: only append.</summary>
public enum EmailChoice { Immediately, Digest, AppOnly }

/// <summary>
/// A person's delivery choices per kind of notice: by e-mail (no row means "immediately" for every kind) and, where they turned
/// push on in a browser, whether that kind is pushed (every push kind is, until they untick it).
/// </summary>
public sealed class EmailPreferences
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid UserId { get; private set; }
    public EmailChoice Assignments { get; private set; }
    public EmailChoice Approvals { get; private set; }
    public EmailChoice Reminders { get; private set; }
    public EmailChoice Digests { get; private set; }
    public EmailChoice Messages { get; private set; }
    /// <summary>Reminders of one's class sessions, the day before.</summary>
    public EmailChoice Classes { get; private set; }
    /// <summary>Kinds the person does not want pushed, one bit per <see cref="NoticeKind"/> (0: all of <see cref="PushWords.Kinds"/>).</summary>
    public int PushOff { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>The city's date of the last daily digest sent, so a second run on that day sends nothing.</summary>
    public DateOnly? LastDigestOn { get; private set; }

    private EmailPreferences() { }

    public EmailPreferences(Guid userId) => UserId = userId;

    public EmailChoice For(NoticeKind kind) => kind switch
    {
        NoticeKind.Assignments => Assignments,
        NoticeKind.Approvals => Approvals,
        NoticeKind.Reminders => Reminders,
        NoticeKind.Digests => Digests,
        NoticeKind.Classes => Classes,
        _ => Messages,
    };

    public void Set(IReadOnlyDictionary<NoticeKind, EmailChoice> choices, DateTime now)
    {
        Assignments = choices.GetValueOrDefault(NoticeKind.Assignments, Assignments);
        Approvals = choices.GetValueOrDefault(NoticeKind.Approvals, Approvals);
        Reminders = choices.GetValueOrDefault(NoticeKind.Reminders, Reminders);
        Digests = choices.GetValueOrDefault(NoticeKind.Digests, Digests);
        Messages = choices.GetValueOrDefault(NoticeKind.Messages, Messages);
        Classes = choices.GetValueOrDefault(NoticeKind.Classes, Classes);
        UpdatedAt = now;
    }

    public bool Pushes(NoticeKind kind) => PushWords.Kinds.Contains(kind) && (PushOff & PushWords.Bit(kind)) == 0;

    /// <summary>Push on for exactly the kinds given (of <see cref="PushWords.Kinds"/>).</summary>
    public void SetPush(IReadOnlyCollection<NoticeKind> pushed, DateTime now)
    {
        PushOff = PushWords.Kinds.Where(k => !pushed.Contains(k)).Aggregate(0, (bits, k) => bits | PushWords.Bit(k));
        UpdatedAt = now;
    }

    public bool DigestSentOn(DateOnly day) => LastDigestOn is { } last && last >= day;

    public void DigestSent(DateOnly day) => LastDigestOn = day;
}

/// <summary>The words for kinds and choices in the API and the form.</summary>
public static class EmailWords
{
    public static readonly IReadOnlyList<NoticeKind> Kinds =
        [NoticeKind.Assignments, NoticeKind.Approvals, NoticeKind.Reminders, NoticeKind.Classes, NoticeKind.Digests, NoticeKind.Messages];

    public static readonly IReadOnlyList<string> Choices = ["immediately", "digest", "app-only"];

    public static string Name(this NoticeKind kind) => kind.ToString().ToLowerInvariant();

    public static string Name(this EmailChoice choice) => Choices[(int)choice];

    public static EmailChoice? ParseChoice(string? word) =>
        Choices.ToList().IndexOf(word?.Trim().ToLowerInvariant() ?? "") is var i and >= 0 ? (EmailChoice)i : null;

    public static NoticeKind? ParseKind(string? word) =>
        Kinds.Where(k => k.Name() == word?.Trim().ToLowerInvariant()).Cast<NoticeKind?>().FirstOrDefault();
}

/// <summary>The kinds a person may have pushed to their browser: what needs them soon (a new assignment, an approval to decide, a due date).</summary>
public static class PushWords
{
    public static readonly IReadOnlyList<NoticeKind> Kinds = [NoticeKind.Assignments, NoticeKind.Approvals, NoticeKind.Reminders, NoticeKind.Classes];

    public static int Bit(NoticeKind kind) => 1 << (int)kind;
}

/// <summary>Reads and saves a person's choices; every read and write is of the caller's own row.</summary>
public sealed class EmailPreferencesStore(LearningDbContext db, TimeProvider clock)
{
    /// <summary>Whether the person has an e-mail address at all (the settings page says so when not).</summary>
    public async Task<bool> HasAddress(Guid userId, CancellationToken ct) =>
        await db.Set<Learning.Accounts.Contracts.LearningUser>().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct) is { Length: > 0 };

    public async Task<IReadOnlyDictionary<NoticeKind, EmailChoice>> Get(Guid userId, CancellationToken ct)
    {
        var row = await db.Set<EmailPreferences>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, ct);
        return EmailWords.Kinds.ToDictionary(k => k, k => row?.For(k) ?? EmailChoice.Immediately);
    }

    /// <summary>The push kinds the person has on (all of them without a row).</summary>
    public async Task<IReadOnlySet<NoticeKind>> GetPush(Guid userId, CancellationToken ct)
    {
        var row = await db.Set<EmailPreferences>().AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, ct);
        return PushWords.Kinds.Where(k => row?.Pushes(k) ?? true).ToHashSet();
    }

    /// <summary>Saves the choices given (the others stay), and the pushed kinds when given; two saves at once: the later wins, never a 500.</summary>
    public Task Save(Guid userId, IReadOnlyDictionary<NoticeKind, EmailChoice> choices, CancellationToken ct, IReadOnlyCollection<NoticeKind>? pushed = null) => db.Retrying(async c =>
    {
        var row = await db.Set<EmailPreferences>().FirstOrDefaultAsync(p => p.UserId == userId, c);
        if (row is null) db.Add(row = new EmailPreferences(userId));
        row.Set(choices, clock.GetUtcNow().UtcDateTime);
        if (pushed is not null) row.SetPush(pushed, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(c);
        return true;
    }, ct);
}
