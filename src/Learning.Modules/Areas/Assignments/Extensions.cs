using Learning.Courses.Contracts;
using System.Globalization;
using System.Security.Claims;
using Learning.Audit.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Assignments;

public sealed record MyItem(AssignmentItem Item, string? Note, ExtensionRequest? LastExtension);

public sealed record PendingExtension(ExtensionRequest Request, AssignmentItem Item, EmployeeInfo Person);

/// <summary>The learner's assigned items and their requests for more time; the supervisor's decisions on them.</summary>
public sealed class Extensions(
    LearningDbContext db, TeamScope scopes, IOrganisationDirectory directory, INotifier notifier, IEnrolmentDueDates dueDates,
    IAuditLog audit, TimeProvider clock, IStringLocalizer text, ItemNames names)
{
    public const int MaxReason = 1000;

    /// <summary>How a notice names the item: the course's title, or the path's key.</summary>
    private Task<string> Named(AssignmentItem item, CancellationToken ct) => names.Of(item.CourseSlug, item.PathKey, ct);

    // Compiled: the home page asks it on every visit (bench/README.md, fifth round).
    private static readonly CompiledQuery<Func<LearningDbContext, Guid, IAsyncEnumerable<AssignmentItem>>> OpenItems = new(() =>
        EF.CompileAsyncQuery((LearningDbContext db, Guid employeeId) => db.Set<AssignmentItem>().AsNoTracking().Include(i => i.Assignment)
            .Where(i => i.EmployeeId == employeeId && i.Status != AssignmentStatuses.Completed)));

    /// <param name="openOnly">Only what is still open (the home page's section): the completed ones are not read to be thrown away.</param>
    public async Task<IReadOnlyList<MyItem>> Mine(Guid employeeId, CancellationToken ct, bool openOnly = false)
    {
        var items = openOnly
            ? await OpenItems.For(db)(db, employeeId).ToListAsync(ct)
            : await db.Set<AssignmentItem>().AsNoTracking().Include(i => i.Assignment).Where(i => i.EmployeeId == employeeId).ToListAsync(ct);
        var ids = items.Select(i => i.Id).ToList();
        // No items, no requests: most people on the home page, spared a command (bench/README.md).
        var requests = ids.Count == 0 ? [] : await db.Set<ExtensionRequest>().AsNoTracking().Where(r => ids.Contains(r.ItemId)).ToListAsync(ct);
        var last = requests.GroupBy(r => r.ItemId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.RequestedAt)!);
        return items
            .OrderBy(i => i.Status == AssignmentStatuses.Completed ? 1 : 0).ThenBy(i => i.DueOn)
            .Select(i => new MyItem(i, i.Assignment.Note, last.GetValueOrDefault(i.Id))).ToList();
    }

    /// <summary>Null and an error when the request cannot be made; someone else's item is not found.</summary>
    public async Task<(ExtensionRequest? Request, string? Error, bool NotFound)> Ask(Guid employeeId, Guid itemId, string? reason, DateOnly? wanted, CancellationToken ct)
    {
        _pending = null;
        var item = await db.Set<AssignmentItem>().FirstOrDefaultAsync(i => i.Id == itemId && i.EmployeeId == employeeId, ct);
        if (item is null) return (null, text["Assignments.Errors.ItemNotFound"], true);
        if (!item.IsOpen) return (null, text["Assignments.Errors.AlreadyCompleted"], false);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return (null, text["Assignments.Errors.ReasonRequired"], false);
        if (reason.Length > MaxReason) return (null, text["Assignments.Errors.ReasonTooLong", MaxReason], false);
        if (wanted is { } w && w <= item.DueOn) return (null, text["Assignments.Errors.WantedAfterDue"], false);
        if (await db.Set<ExtensionRequest>().AnyAsync(r => r.ItemId == itemId && r.Status == ExtensionStatuses.Pending, ct))
            return (null, text["Assignments.Errors.AlreadyAsked"], false);

        var request = new ExtensionRequest(itemId, employeeId, reason, wanted, clock.GetUtcNow().UtcDateTime);
        db.Add(request);
        if (await directory.FindEmployee(employeeId, ct) is { } person && (person.SupervisorId ?? await AssignerOf(item, ct)) is { } supervisorId)
            await notifier.NotifyEmployee(supervisorId, new Notice($"extension-asked:{request.Id}", "Assignments.Notices.ExtensionAsked",
                [person.Name, await Named(item, ct)], "/team", NoticeKind.Approvals), ct);
        await db.SaveChangesAsync(ct);
        return (request, null, false);
    }

    private async Task<Guid?> AssignerOf(AssignmentItem item, CancellationToken ct) =>
        await db.Set<Assignment>().Where(a => a.Id == item.AssignmentId).Select(a => a.AssignedByEmployeeId).FirstOrDefaultAsync(ct);

    // The team page and the menu's badge both ask in one request; a request that asks or decides forgets it.
    private (ClaimsPrincipal User, IReadOnlyList<PendingExtension> List)? _pending;

    /// <summary>Pending requests of the people in the caller's scope, the caller's own left out.</summary>
    public async Task<IReadOnlyList<PendingExtension>> Pending(ClaimsPrincipal user, CancellationToken ct)
    {
        if (_pending is { } memo && ReferenceEquals(memo.User, user)) return memo.List;
        var list = await ReadPending(user, ct);
        _pending = (user, list);
        return list;
    }

    /// <summary>
    /// How many <see cref="Pending"/> lists: the menu's badge, on every page of a supervisor. A supervisor of direct reports
    /// gets a count in one command that joins the team in the database, instead of their people read and then their
    /// requests (bench/README.md, "The floor, fifth round"); the same oldest 200, less one's own, with their item.
    /// </summary>
    public async Task<int> CountPending(ClaimsPrincipal user, CancellationToken ct)
    {
        if (_pending is { } memo && ReferenceEquals(memo.User, user)) return memo.List.Count;
        var scope = await scopes.Of(user, ct);
        if (scopes.DirectTeamIds(scope) is not { } team) return (await Pending(user, ct)).Count;
        var own = scope.EmployeeId!.Value;
        var items = db.Set<AssignmentItem>();
        return await db.Set<ExtensionRequest>().Where(r => r.Status == ExtensionStatuses.Pending && team.Contains(r.EmployeeId))
            .OrderBy(r => r.RequestedAt).Take(200)
            .CountAsync(r => r.EmployeeId != own && items.Any(i => i.Id == r.ItemId), ct);
    }

    private async Task<IReadOnlyList<PendingExtension>> ReadPending(ClaimsPrincipal user, CancellationToken ct)
    {
        var scope = await scopes.Of(user, ct);
        if (scope.Kind == ScopeKind.None) return [];
        var query = db.Set<ExtensionRequest>().AsNoTracking().Where(r => r.Status == ExtensionStatuses.Pending);
        if (scope.Kind == ScopeKind.Supervisor)
        {
            // A team is small: only its requests are read. Reading the city's oldest 200 and keeping the team's would miss
            // the team's once the city has more than 200 waiting, and costs every page of a supervisor (the menu's badge).
            var team = ((await scopes.People(scope, null, ct)) ?? []).Select(p => p.Id).ToList();
            if (team.Count == 0) return [];
            query = query.Where(r => team.Contains(r.EmployeeId));
        }
        else if (scope.UnitIds is { } units)
        {
            // A coordinator kept to their units: the same reason, and units can be thousands of people, so the database
            // joins the requests to the units' people instead of taking a list of them.
            var inUnits = directory.EmployeeIdsIn(units);
            query = query.Where(r => inUnits.Contains(r.EmployeeId));
        }
        var pending = await query.OrderBy(r => r.RequestedAt).Take(200).ToListAsync(ct);
        if (pending.Count == 0) return [];
        var inScope = await scopes.Contains(scope, ct);
        // One's own request is never among those to decide: someone else decides it.
        var people = (await directory.FindEmployees(pending.Select(r => r.EmployeeId), ct)).Where(p => inScope(p) && !user.IsOwn(p.Id)).ToDictionary(p => p.Id);
        var itemIds = pending.Select(r => r.ItemId).ToList();
        var items = await db.Set<AssignmentItem>().AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        return pending.Where(r => people.ContainsKey(r.EmployeeId) && items.ContainsKey(r.ItemId))
            .Select(r => new PendingExtension(r, items[r.ItemId], people[r.EmployeeId])).ToList();
    }

    /// <summary>
    /// Grants (with a new due date) or refuses. A request outside the caller's scope is not found; the caller's own is
    /// refused (Forbidden): someone else decides it.
    /// </summary>
    public async Task<(bool Found, string? Error, bool Forbidden)> Decide(ClaimsPrincipal user, Guid requestId, bool grant, DateOnly? dueOn, string? answer, CancellationToken ct)
    {
        _pending = null;
        var request = await db.Set<ExtensionRequest>().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return (false, null, false);
        var scope = await scopes.Of(user, ct);
        var person = await directory.FindEmployee(request.EmployeeId, ct);
        if (person is null || !(await scopes.Contains(scope, ct))(person)) return (false, null, false);
        if (user.IsOwn(request.EmployeeId)) return (true, Decisions.OwnRequest(text), true);
        if (!request.IsPending) return (true, text["Assignments.Errors.AlreadyDecided"], false);
        var item = await db.Set<AssignmentItem>().FirstAsync(i => i.Id == request.ItemId, ct);
        answer = string.IsNullOrWhiteSpace(answer) ? null : answer.Trim();
        if (answer?.Length > MaxReason) return (true, text["Assignments.Errors.ReasonTooLong", MaxReason], false);
        var now = clock.GetUtcNow();
        var by = user.GetUserId() ?? Guid.Empty;
        if (grant)
        {
            var today = clock.LocalDate(now);
            if ((dueOn ?? request.WantedDueOn) is not { } newDue || newDue <= item.DueOn || newDue < today)
                return (true, text["Assignments.Errors.NewDueDate"], false);
            audit.Record(AuditActions.ExtensionDecided, $"{person.Name} ({person.Nip})",
                $"granted: {item.CourseSlug ?? item.PathKey} {item.DueOn:yyyy-MM-dd} → {newDue:yyyy-MM-dd}{(answer is null ? "" : ": " + answer)}");
            request.Grant(newDue, answer, by, now.UtcDateTime);
            item.Extend(newDue, today);
            // The enrolment shows the same due date on the learner's home page; written with the decision or not at all.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (item.EnrolmentId is { } enrolmentId) await dueDates.Extend(enrolmentId, newDue, ct);
            await notifier.NotifyEmployee(request.EmployeeId, new Notice($"extension-decided:{request.Id}", "Assignments.Notices.ExtensionGranted",
                [await Named(item, ct), CityFormat.Carried(newDue)], "/assignments/mine", NoticeKind.Approvals), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return (true, null, false);
        }
        else
        {
            request.Refuse(answer, by, now.UtcDateTime);
            audit.Record(AuditActions.ExtensionDecided, $"{person.Name} ({person.Nip})",
                $"refused: {item.CourseSlug ?? item.PathKey}{(answer is null ? "" : ": " + answer)}");
            await notifier.NotifyEmployee(request.EmployeeId, new Notice($"extension-decided:{request.Id}", "Assignments.Notices.ExtensionRefused",
                [await Named(item, ct), answer ?? ""], "/assignments/mine", NoticeKind.Approvals), ct);
        }
        await db.SaveChangesAsync(ct);
        return (true, null, false);
    }
}
