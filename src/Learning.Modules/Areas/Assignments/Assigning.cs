using Learning.Classes.Contracts;
using Learning.Courses.Contracts;
using System.Globalization;
using System.Security.Claims;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Assignments;

/// <summary>What a supervisor or coordinator asks: one course or path, one kind of target, a due date and a note.</summary>
public sealed record AssignCommand(string? Course, string? Path, IReadOnlyList<string>? Employees, string? Unit, string? Position,
    DateOnly? DueDate, string? Note, Guid? Class = null);

public abstract record AssignOutcome
{
    /// <param name="People">Everyone named, including those who already had an open item for it.</param>
    /// <param name="Already">Those who already had an open item: it is kept (with the earlier due date), none is added.</param>
    public sealed record Done(Assignment Assignment, IReadOnlyList<EmployeeInfo> People,
        IReadOnlyList<(EmployeeInfo Person, AssignmentItem Item)> Already) : AssignOutcome
    {
        /// <summary>The item that carries the assignment for each person named: the new one, or the one they already had.</summary>
        public IEnumerable<(EmployeeInfo Person, AssignmentItem Item, bool AlreadyAssigned)> Assignees =>
            People.Select(p => Already.Where(a => a.Person.Id == p.Id).Select(a => a.Item).FirstOrDefault() is { } old
                ? (p, old, true)
                : (p, Assignment.Items.First(i => i.EmployeeId == p.Id), false));

        public int Added => Assignment.Items.Count;

        /// <summary>Those whose open item had a later date granted as an extension: that date holds, the supervisor is told.</summary>
        public IReadOnlyList<(EmployeeInfo Person, AssignmentItem Item)> ExtensionKept { get; init; } = [];

        /// <summary>An assigned class: each person's registration (registered or waitlisted; already theirs or made now).</summary>
        public IReadOnlyDictionary<Guid, ClassPlaceResult> Places { get; init; } = new Dictionary<Guid, ClassPlaceResult>();

        public Guid? ClassId { get; init; }
    }
    public sealed record Invalid(IReadOnlyList<string> Errors) : AssignOutcome;
    /// <summary>Someone named is not the caller's to assign; nothing was written.</summary>
    public sealed record Outside(IReadOnlyList<EmployeeInfo> People, string? UnitCode) : AssignOutcome;
    public sealed record NotFound(string Message) : AssignOutcome;
    /// <summary>The class refused someone (not theirs to register, not in its audience, registration closed); nothing was written.</summary>
    public sealed record ClassRefused(int StatusCode, IReadOnlyList<string> Problems) : AssignOutcome;
}

/// <summary>
/// Gives an assignment all-or-nothing: the scope is checked for every person first, then each is enrolled
/// (source Assigned, with the due date) and the assignment written, in one transaction.
/// </summary>
public sealed class Assigning(
    LearningDbContext db, TeamScope scopes, IOrganisationDirectory directory, IEnrolmentRequests enrolments, INotifier notifier,
    TimeProvider clock, IStringLocalizer text, ItemNames names, IEnumerable<IClassAssigning> classes)
{
    public const int MaxNote = 1000;

    public async Task<AssignOutcome> Assign(ClaimsPrincipal user, AssignCommand command, CancellationToken ct)
    {
        var scope = await scopes.Of(user, ct);
        var errors = new List<string>();
        var course = command.Course?.Trim() is { Length: > 0 } c ? c : null;
        var path = command.Path?.Trim() is { Length: > 0 } p ? p : null;
        OpenClassInfo? cls = null;
        if (command.Class is { } classId)
        {
            if (course is not null || path is not null) errors.Add(text["Assignments.Errors.ClassAlone"]);
            else if (classes.FirstOrDefault() is not { } places || await places.Find(classId, ct) is not { } found)
                return new AssignOutcome.NotFound(text["Assignments.Errors.UnknownClass"]);
            else cls = found;
        }
        else if ((course is null) == (path is null)) errors.Add(text["Assignments.Errors.CourseOrPath"]);
        var nips = command.Employees?.Select(Nip.Normalise).Where(n => n.Length > 0).Distinct().ToList() ?? [];
        var unit = command.Unit?.Trim() is { Length: > 0 } u ? u : null;
        var position = command.Position?.Trim() is { Length: > 0 } ps ? ps : null;
        if ((nips.Count > 0 ? 1 : 0) + (unit is null ? 0 : 1) + (position is null ? 0 : 1) != 1)
            errors.Add(text["Assignments.Errors.OneTarget"]);
        var today = clock.Today();
        // A class is due when its last session ends (city date) unless the author names another day.
        if (cls is not null && command.DueDate is null)
            command = command with { DueDate = cls.LastEndsAt is { } last ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(last, clock.LocalTimeZone)) : null };
        if (command.DueDate is not { } due) errors.Add(text["Assignments.Errors.DueDate"]);
        else if (due < today) errors.Add(text["Assignments.Errors.DueInPast", new CityFormat(clock).Date(today)]);
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        if (note?.Length > MaxNote) errors.Add(text["Assignments.Errors.NoteTooLong", MaxNote]);
        if (errors.Count > 0) return new AssignOutcome.Invalid(errors);
        if (scope.Kind == ScopeKind.None) return new AssignOutcome.Outside([], null);

        // Who: resolved and checked against the caller's scope before anything is written.
        var inScope = await scopes.Contains(scope, ct);
        IReadOnlyList<EmployeeInfo> people;
        AssignmentTarget target;
        string? targetCode = null;
        if (nips.Count > 0)
        {
            target = AssignmentTarget.People;
            var found = new List<EmployeeInfo>();
            var unknown = new List<string>();
            foreach (var nip in nips)
                if (await directory.FindEmployeeByNip(nip, ct) is { } e) found.Add(e); else unknown.Add(nip);
            if (unknown.Count > 0) return new AssignOutcome.Invalid([text["Assignments.Errors.UnknownNip", string.Join(", ", unknown)]]);
            // Someone deactivated (retired, moved away) keeps their records but takes no new work.
            if (found.Where(e => !e.Active).Select(e => e.Nip).ToList() is { Count: > 0 } inactive)
                return new AssignOutcome.Invalid([text["Assignments.Errors.InactiveNip", string.Join(", ", inactive)]]);
            var outside = found.Where(e => !inScope(e)).ToList();
            if (outside.Count > 0) return new AssignOutcome.Outside(outside, null);
            people = found;
        }
        else if (unit is not null)
        {
            target = AssignmentTarget.Unit;
            if (await directory.FindUnit(unit, ct) is not { } found) return new AssignOutcome.Invalid([text["Assignments.Errors.UnknownUnit", unit]]);
            targetCode = found.Code;
            if (scope.UnitIds is { } units && !units.Contains(found.Id)) return new AssignOutcome.Outside([], found.Code);
            // A supervisor leads a unit when everyone else in it (and below it) is one of their people.
            var members = (await directory.EmployeesIn(await directory.UnitAndDescendants(found.Id, ct), ct))
                .Where(e => e.Id != scope.EmployeeId || scope.Kind == ScopeKind.Coordinator).ToList();
            var outside = members.Where(e => !inScope(e)).ToList();
            if (outside.Count > 0) return new AssignOutcome.Outside(outside, found.Code);
            people = members;
        }
        else
        {
            target = AssignmentTarget.Position;
            targetCode = position;
            var candidates = await scopes.People(scope, null, ct) ?? [];
            people = candidates.Where(e => string.Equals(e.PositionCode, position, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        if (people.Count == 0) return new AssignOutcome.Invalid([text["Assignments.Errors.NoOne"]]);
        if (cls is not null) return await AssignClass(user, command, cls, target, targetCode, note, people, ct);

        // Two supervisors assigning the same course to the same person at one instant: the index on open items lets one item
        // through; the other request runs again on fresh data and folds into that item.
        return await db.Retrying(c => Write(user, command, course, path, target, targetCode, note, people, c), ct);
    }

    private async Task<AssignOutcome> Write(ClaimsPrincipal user, AssignCommand command, string? course, string? path,
        AssignmentTarget target, string? targetCode, string? note, IReadOnlyList<EmployeeInfo> people, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Notices name the course by its title, never its slug.
        var named = await names.Of(course, path, ct);
        var assignment = new Assignment(course, path, target, targetCode, command.DueDate!.Value, note,
            user.GetEmployeeId(), user.GetUserId() ?? Guid.Empty, now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        // An open item whose date was moved by a granted extension keeps that later date: a new assignment with an earlier
        // date does not silently take back what the supervisor granted (the outcome names them).
        var extended = await (
            from i in db.Set<AssignmentItem>()
            join r in db.Set<ExtensionRequest>() on i.Id equals r.ItemId
            where ids.Contains(i.EmployeeId) && i.Status != AssignmentStatuses.Completed && r.Status == ExtensionStatuses.Granted
                && ((course != null && i.CourseSlug == course) || (path != null && i.PathKey == path)) && i.DueOn > assignment.DueOn
            select new { i.Id, i.EmployeeId, i.DueOn }).ToListAsync(ct);
        var enrolled = new List<(EmployeeInfo Person, EnrolmentOutcome Outcome)>();
        foreach (var person in people)
        {
            var due = extended.Where(x => x.EmployeeId == person.Id).Select(x => (DateOnly?)x.DueOn).Max() ?? assignment.DueOn;
            var outcome = await enrolments.Enrol(new EnrolmentRequest(person.Id, course, path, EnrolmentSource.Assigned, due, user.GetEmployeeId()), ct);
            if (outcome.Refusal != EnrolmentRefusal.None)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return new AssignOutcome.NotFound(outcome.Refusal == EnrolmentRefusal.UnknownPath
                    ? text["Assignments.Errors.UnknownPath", path ?? ""]
                    : text["Assignments.Errors.UnknownCourse", course ?? ""]);
            }
            enrolled.Add((person, outcome));
        }
        // An open item for the same course (or path, or the very enrolment) is not repeated: it keeps the earlier due date,
        // as the enrolment does. A completed item is history, so assigning again after completion adds a new one.
        var open = await OpenItems(ids, enrolled.Select(e => e.Outcome.EnrolmentId).OfType<Guid>().ToList(), course, path, ct);
        var already = new List<(EmployeeInfo Person, AssignmentItem Item)>();
        var kept = new List<(EmployeeInfo Person, AssignmentItem Item)>();
        foreach (var (person, outcome) in enrolled)
        {
            if (open.FirstOrDefault(i => i.EmployeeId == person.Id) is { } existing)
            {
                if (!existing.Reassign(assignment.DueOn, extended.Any(x => x.Id == existing.Id))) kept.Add((person, existing));
                already.Add((person, existing));
                continue;
            }
            // An enrolment already under way counts as started; one given back completed is done.
            var item = assignment.Add(person.Id, outcome.EnrolmentId, outcome.PathInstanceId,
                started: !outcome.Created && outcome.Status is not null, completed: outcome.Status == EnrolmentStatuses.Completed, now);
            if (item.IsOpen)
                await notifier.NotifyEmployee(person.Id, new Notice($"assignment:{item.Id}", "Assignments.Notices.Assigned",
                    [named, CityFormat.Carried(assignment.DueOn)], "/", NoticeKind.Assignments), ct);
        }
        db.Add(assignment);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AssignOutcome.Done(assignment, people, already) { ExtensionKept = kept };
    }

    /// <summary>
    /// Assigning a class: every person is checked with the class first (nothing is written when anyone is refused), then registered
    /// through the class registrations by the author — their registering is the approval (the class's path skips it, see
    /// InstanceFacts.AssignerApproves). Those already holding an open registration keep it and are reported, not registered twice.
    /// The item model names a course or a path, so an item carries the class's course (its enrolment is the registration's, so the
    /// team page follows it to completion); a stand-alone class has no course, so its item names the class's path "class:&lt;id&gt;".
    /// Registrations commit one by one (each takes the class's lock); the items are written after, in one transaction.
    /// </summary>
    private async Task<AssignOutcome> AssignClass(ClaimsPrincipal user, AssignCommand command, OpenClassInfo cls, AssignmentTarget target,
        string? targetCode, string? note, IReadOnlyList<EmployeeInfo> people, CancellationToken ct)
    {
        var places = classes.First();
        if (user.GetEmployeeId() is not { } by) return new AssignOutcome.Outside([], null);
        var refused = new List<ClassPlaceResult>();
        foreach (var person in people)
            if (await places.Check(cls.Id, person.Id, by, ct) is { } problem) refused.Add(problem);
        if (refused.Count > 0)
            return new AssignOutcome.ClassRefused(refused.Any(r => r.StatusCode == 403) ? 403 : refused.Max(r => r.StatusCode),
                refused.Select(r => r.Problem!).Distinct().ToList());

        var placed = new Dictionary<Guid, ClassPlaceResult>();
        foreach (var person in people)
        {
            var place = await places.Place(cls.Id, person.Id, by, ct);
            // Only a change between the check and now (the class cancelled or closed that instant) refuses here.
            if (!place.Succeeded) return new AssignOutcome.ClassRefused(place.StatusCode, [place.Problem!]);
            placed[person.Id] = place;
        }
        var course = cls.CourseSlug;
        var path = course is null ? "class:" + cls.Id : null;
        var done = await db.Retrying(c => WriteClassItems(user, command, cls, course, path, target, targetCode, note, people, placed, c), ct);
        return done with { Places = placed, ClassId = cls.Id };
    }

    private async Task<AssignOutcome.Done> WriteClassItems(ClaimsPrincipal user, AssignCommand command, OpenClassInfo cls, string? course, string? path,
        AssignmentTarget target, string? targetCode, string? note, IReadOnlyList<EmployeeInfo> people, Dictionary<Guid, ClassPlaceResult> placed,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var assignment = new Assignment(course, path, target, targetCode, command.DueDate!.Value, note,
            user.GetEmployeeId(), user.GetUserId() ?? Guid.Empty, now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var open = await OpenItems(ids, placed.Values.Select(p => p.EnrolmentId).OfType<Guid>().ToList(), course, path, ct);
        var already = new List<(EmployeeInfo Person, AssignmentItem Item)>();
        foreach (var person in people)
        {
            if (open.FirstOrDefault(i => i.EmployeeId == person.Id) is { } existing)
            {
                existing.Reassign(assignment.DueOn, extended: false);
                already.Add((person, existing));
                continue;
            }
            var place = placed[person.Id];
            var item = assignment.Add(person.Id, place.EnrolmentId, place.PathInstanceId, started: false, completed: false, now);
            await notifier.NotifyEmployee(person.Id, new Notice($"assignment:{item.Id}", "Assignments.Notices.Assigned",
                [cls.Title, CityFormat.Carried(assignment.DueOn)], $"/classes/{cls.Id}", NoticeKind.Assignments), ct);
        }
        db.Add(assignment);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AssignOutcome.Done(assignment, people, already);
    }

    /// <summary>The people's open items for the same course, path or one of the enrolments, earliest due first: an assignment
    /// does not repeat them (a course's and a class's assigning alike).</summary>
    private Task<List<AssignmentItem>> OpenItems(List<Guid> ids, List<Guid> enrolmentIds, string? course, string? path, CancellationToken ct) =>
        db.Set<AssignmentItem>()
            .Where(i => ids.Contains(i.EmployeeId) && i.Status != AssignmentStatuses.Completed
                && ((i.EnrolmentId != null && enrolmentIds.Contains(i.EnrolmentId.Value))
                    || (course != null && i.CourseSlug == course) || (path != null && i.PathKey == path)))
            .OrderBy(i => i.DueOn).ToListAsync(ct);
}
