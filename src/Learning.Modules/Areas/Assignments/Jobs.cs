using System.Globalization;
using Learning.CareerRecords.Contracts;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Learning.Assignments;

/// <summary>
/// Daily: reminders before the due date (Assignments:ReminderDays), <c>overdue</c> after it, and one digest a day per
/// supervisor naming who fell overdue (escalation) and whose due date is near. Batched and idempotent per item: the
/// notices carry dedupe keys, a status changes once, an overdue item is escalated once.
/// </summary>
public sealed class AssignmentRemindersJob(LearningDbContext db, INotifier notifier, IOrganisationDirectory directory, AssignmentsOptions options,
    TimeProvider clock, ICourseCatalog catalog, IEnumerable<IEnrolmentPaths> paths)
    : ScheduledJob
{
    public const string Name = "assignment-reminders";
    private const int SampleNames = 5;

    public override async Task<int> Run(DateTimeOffset asOf, CancellationToken ct)
    {
        var today = clock.LocalDate(asOf);
        var handled = await MarkOverdue(today, ct);
        handled += await Remind(today, ct);
        handled += await Digest(today, ct);
        return handled;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The titles of a batch's courses and of the paths, so notices name what is due, never its slug or key.</summary>
    private async Task<Func<string?, string?, string>> Titles(IEnumerable<string?> slugs, CancellationToken ct)
    {
        var titles = await catalog.Lessons(slugs.OfType<string>().Distinct().ToList(), ct);
        _pathTitles ??= paths.FirstOrDefault() is { } p ? await p.Titles(ct) : new Dictionary<string, string>();
        var pathTitles = _pathTitles;
        return (slug, path) => slug is null ? (path is null ? "" : pathTitles.GetValueOrDefault(path) ?? path) : titles.GetValueOrDefault(slug)?.Title ?? slug;
    }

    private IReadOnlyDictionary<string, string>? _pathTitles;

    private async Task<int> MarkOverdue(DateOnly today, CancellationToken ct)
    {
        var handled = 0;
        // Each batch leaves the query once marked, so the next batch is simply the next "take".
        while (true)
        {
            var batch = await db.Set<AssignmentItem>()
                .Where(i => (i.Status == AssignmentStatuses.Assigned || i.Status == AssignmentStatuses.InProgress) && i.DueOn < today)
                .OrderBy(i => i.DueOn).Take(options.BatchSize).ToListAsync(ct);
            if (batch.Count == 0) return handled;
            var title = await Titles(batch.Select(i => i.CourseSlug), ct);
            foreach (var item in batch)
            {
                if (!item.MarkOverdue(today)) continue;
                handled++;
                await notifier.NotifyEmployee(item.EmployeeId, new Notice($"assignment-overdue:{item.Id}:{Day(item.DueOn)}",
                    "Assignments.Notices.Overdue", [title(item.CourseSlug, item.PathKey), Day(item.DueOn)], "/assignments/mine", NoticeKind.Reminders), ct);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private async Task<int> Remind(DateOnly today, CancellationToken ct)
    {
        var handled = 0;
        foreach (var days in options.ReminderDays)
        {
            var due = today.AddDays(days);
            // Reminding changes no row, so the pages are keyed by position in a stable order.
            for (var page = 0; ; page++)
            {
                var batch = await db.Set<AssignmentItem>().AsNoTracking()
                    .Where(i => (i.Status == AssignmentStatuses.Assigned || i.Status == AssignmentStatuses.InProgress) && i.DueOn == due)
                    .OrderBy(i => i.Id).Skip(page * options.BatchSize).Take(options.BatchSize)
                    .Select(i => new { i.Id, i.EmployeeId, i.CourseSlug, i.PathKey }).ToListAsync(ct);
                if (batch.Count == 0) break;
                var title = await Titles(batch.Select(i => i.CourseSlug), ct);
                foreach (var item in batch)
                    if (await notifier.NotifyEmployee(item.EmployeeId, new Notice($"assignment-reminder:{item.Id}:{Day(due)}:{days}",
                            "Assignments.Notices.Reminder", [title(item.CourseSlug, item.PathKey), Day(due), days.ToString(CultureInfo.InvariantCulture)],
                            "/assignments/mine", NoticeKind.Reminders), ct))
                        handled++;
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        return handled;
    }

    private sealed class SupervisorDigest
    {
        public int Overdue;
        public int DueSoon;
        public readonly List<string> Names = [];
        public readonly List<Guid> Escalated = [];
    }

    private async Task<int> Digest(DateOnly today, CancellationToken ct)
    {
        var reminderDates = options.ReminderDays.Select(d => today.AddDays(d)).ToList();
        var digests = new Dictionary<Guid, SupervisorDigest>();
        // Only small projections are read; a supervisor's digest keeps counts, a few names and the ids to mark.
        var rows = (from i in db.Set<AssignmentItem>().AsNoTracking()
                    join a in db.Set<Assignment>() on i.AssignmentId equals a.Id
                    where (i.Status == AssignmentStatuses.Overdue && i.EscalatedOn == null)
                          || ((i.Status == AssignmentStatuses.Assigned || i.Status == AssignmentStatuses.InProgress) && reminderDates.Contains(i.DueOn))
                    orderby i.EmployeeId
                    select new { i.Id, i.EmployeeId, i.Status, a.AssignedByEmployeeId }).AsAsyncEnumerable();
        var chunk = new List<(Guid Id, Guid EmployeeId, string Status, Guid? AssignedBy)>();
        async Task Flush()
        {
            var people = (await directory.FindEmployees(chunk.Select(c => c.EmployeeId), ct)).ToDictionary(p => p.Id);
            foreach (var row in chunk)
            {
                var person = people.GetValueOrDefault(row.EmployeeId);
                if ((person?.SupervisorId ?? row.AssignedBy) is not { } supervisorId || supervisorId == row.EmployeeId) continue;
                var digest = digests.TryGetValue(supervisorId, out var d) ? d : digests[supervisorId] = new SupervisorDigest();
                if (row.Status == AssignmentStatuses.Overdue) { digest.Overdue++; digest.Escalated.Add(row.Id); }
                else digest.DueSoon++;
                if (person is not null && digest.Names.Count < SampleNames && !digest.Names.Contains(person.Name)) digest.Names.Add(person.Name);
            }
            chunk.Clear();
        }
        await foreach (var r in rows.WithCancellation(ct))
        {
            chunk.Add((r.Id, r.EmployeeId, r.Status, r.AssignedByEmployeeId));
            if (chunk.Count >= options.BatchSize) await Flush();
        }
        if (chunk.Count > 0) await Flush();

        var handled = 0;
        foreach (var (supervisorId, digest) in digests)
        {
            // The digest and the marks on what it escalated are written together.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var sent = await notifier.NotifyEmployee(supervisorId, new Notice($"assignment-digest:{Day(today)}", "Assignments.Notices.Digest",
                [Day(today), digest.Overdue.ToString(CultureInfo.InvariantCulture), digest.DueSoon.ToString(CultureInfo.InvariantCulture),
                 string.Join(", ", digest.Names)], "/team", NoticeKind.Digests), ct);
            await db.SaveChangesAsync(ct);
            foreach (var ids in digest.Escalated.Chunk(options.BatchSize))
                await db.Set<AssignmentItem>().Where(i => ids.Contains(i.Id) && i.EscalatedOn == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.EscalatedOn, today), ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            if (sent) handled++;
        }
        return handled;
    }
}

/// <summary>
/// Monthly: who is behind the pace to reach the yearly JP (pro rata: by the end of the previous month, month/12 of it);
/// each is told, and their supervisor gets one digest. Unit by unit, so memory holds one unit at a time.
/// </summary>
public sealed class JpComplianceJob(IOrganisationDirectory directory, IJpStanding jp, INotifier notifier, LearningDbContext db,
    TimeProvider clock) : ScheduledJob
{
    public const string Name = "jp-compliance";
    private const int SampleNames = 5;

    /// <summary>JP a person should have by the end of the month before <paramref name="today"/>.</summary>
    public static decimal Pace(DateOnly today, decimal required) => Math.Round(required * (today.Month - 1) / 12m, 2);

    public override async Task<int> Run(DateTimeOffset asOf, CancellationToken ct)
    {
        var today = clock.LocalDate(asOf);
        var pace = Pace(today, jp.RequiredPerYear);
        if (pace <= 0) return 0;
        var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var digests = new Dictionary<Guid, (int Count, List<string> Names)>();
        var handled = 0;
        foreach (var unit in await directory.Units(ct))
        {
            var people = await directory.EmployeesIn([unit.Id], ct);
            if (people.Count == 0) continue;
            var standing = await jp.ThisYear(people.Select(p => p.Id).ToList(), today.Year, ct);
            foreach (var person in people)
            {
                var have = standing.GetValueOrDefault(person.Id);
                if (have >= pace) continue;
                if (await notifier.NotifyEmployee(person.Id, new Notice($"jp-behind:{month}", "Assignments.Notices.JpBehind",
                        [have.ToString("0.##", CultureInfo.InvariantCulture), pace.ToString("0.##", CultureInfo.InvariantCulture),
                         jp.RequiredPerYear.ToString("0.##", CultureInfo.InvariantCulture)], "/career-record", NoticeKind.Reminders), ct))
                    handled++;
                if (person.SupervisorId is not { } supervisorId) continue;
                var digest = digests.TryGetValue(supervisorId, out var d) ? d : (Count: 0, Names: new List<string>());
                if (digest.Names.Count < SampleNames) digest.Names.Add($"{person.Name} ({have.ToString("0.##", CultureInfo.InvariantCulture)})");
                digests[supervisorId] = (digest.Count + 1, digest.Names);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        foreach (var (supervisorId, digest) in digests)
            if (await notifier.NotifyEmployee(supervisorId, new Notice($"jp-digest:{month}", "Assignments.Notices.JpDigest",
                    [month, digest.Count.ToString(CultureInfo.InvariantCulture), pace.ToString("0.##", CultureInfo.InvariantCulture), string.Join(", ", digest.Names)],
                    "/team", NoticeKind.Digests), ct))
                handled++;
        await db.SaveChangesAsync(ct);
        return handled;
    }
}
