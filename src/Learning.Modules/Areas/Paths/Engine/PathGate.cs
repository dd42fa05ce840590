using Learning.Assessments.Contracts;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Paths.Definitions;
using Learning.Paths.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Paths.Engine;

/// <summary>Where a learner stands on a path: the step now, what it waits for, and what comes next, worded for people.</summary>
public sealed record Standing(PathInstance Instance, PathDefinition Definition, PathStep? Step, string Now, string? Next);

/// <summary>What Enrolments and Assessments ask of the path engine (their contracts, implemented here): holds and reassessment rounds.</summary>
public sealed class PathGate(
    LearningDbContext db, PathLibrary library, PathSteps steps, ICourseCatalog catalog, IStringLocalizer text, TimeProvider clock, ContentCache cache)
    : IEnrolmentPaths, IReassessmentRounds
{
    // Kept with the content stamp, which a path published or retired moves (StoredPath is a content record): the team page asks on every visit.
    public Task<IReadOnlyList<PublishedPath>> Published(CancellationToken ct) =>
        cache.Get(db, "paths:published", async () => (IReadOnlyList<PublishedPath>)await db.Set<StoredPath>().AsNoTracking()
            .Where(p => !p.Builtin && p.Status == DefinitionStatuses.Published)
            .OrderBy(p => p.Title).Select(p => new PublishedPath(p.Key, p.Title, p.CourseSlug)).ToListAsync(ct), ct);

    public async Task<string?> CourseOf(string pathKey, CancellationToken ct) =>
        pathKey.StartsWith(StoredPath.DefaultPrefix, StringComparison.Ordinal) ? null : (await library.Published(pathKey, ct))?.CourseSlug;

    public async Task<string?> Hold(Guid enrolmentId, bool assessment, CancellationToken ct)
    {
        var (instance, slug) = await RunningOn(enrolmentId, ct);
        if (instance is null) return null;
        var definition = await library.Definition(instance.DefinitionId, ct);
        var step = definition.Step(instance.CurrentStep);
        if (instance.Status == InstanceStatuses.Cancelled && instance.Outcome == Outcomes.Rejected)
        {
            var rejected = await db.Set<Approval>().AsNoTracking().Where(a => a.InstanceId == instance.Id && a.Status == ApprovalStatuses.Rejected)
                .OrderByDescending(a => a.DecidedAt).FirstOrDefaultAsync(ct);
            return text["Paths.Hold.Rejected", rejected?.DecidedByName ?? "", rejected?.Reason ?? ""];
        }
        if (instance.Status == InstanceStatuses.Cancelled) return text["Paths.Hold.Ended"];
        if (instance.IsActive && step?.Kind == StepKinds.RequestApproval)
        {
            var next = definition.NextOf(step) is { } n && definition.Step(n) is { } nextStep ? await Describe(definition, nextStep, ct) : "";
            return step.Approver == StepWords.Coordinator
                ? text["Paths.Hold.WaitingCoordinator", next]
                : text["Paths.Hold.WaitingSupervisor", next];
        }
        // The path's order holds: while it asks for this course's lessons, its assessment waits, unless the course lets learners test out.
        if (assessment && instance.IsActive && step?.Kind == StepKinds.CompleteCourse && step.Courses.Contains(slug)
            && (await catalog.Find(slug, ct))?.Assessment is not { TestOut: true })
            return text["Paths.Hold.LessonsFirst", await Describe(definition, step, ct)];
        if (assessment && instance.IsActive && step?.Kind == StepKinds.PassAssessment && step.Cooldown is { } cooldown
            && definition.CourseOf(step) == slug)
        {
            var facts = instance.Facts();
            if (facts.LastFailureAt.TryGetValue(slug, out var failed) && failed + cooldown > clock.GetUtcNow().UtcDateTime)
                return text["Paths.Hold.Cooldown", new CityFormat(clock).DateAndTime(failed + cooldown)];
        }
        // A course of the learner's own choosing that a path of theirs comes to later opens with that path's step (blended training).
        if (instance.PathKey.StartsWith(StoredPath.DefaultPrefix, StringComparison.Ordinal))
            return await LaterOnPath(instance, slug, ct);
        return null;
    }

    /// <summary>
    /// The instance an enrolment runs on and the enrolment's course: a path's further course (a link) before the default path
    /// it may have left, else its own instance.
    /// </summary>
    private async Task<(PathInstance? Instance, string Slug)> RunningOn(Guid enrolmentId, CancellationToken ct)
    {
        var links = db.Set<PathEnrolment>().Where(l => l.EnrolmentId == enrolmentId);
        var found = await OnEnrolment(enrolmentId)
            .Select(i => new { Instance = i, Linked = links.Where(l => l.InstanceId == i.Id).Select(l => l.CourseSlug).FirstOrDefault() })
            .ToListAsync(ct);
        var pick = found.FirstOrDefault(f => f.Linked is not null) ?? found.OrderByDescending(f => f.Instance.StartedAt).FirstOrDefault();
        return pick is null ? (null, "") : (pick.Instance, pick.Linked ?? pick.Instance.CourseSlug);
    }

    /// <summary>Why a course waits for a path the learner is on that comes to it at a later step; null when none does.</summary>
    private async Task<string?> LaterOnPath(PathInstance own, string slug, CancellationToken ct)
    {
        var others = await db.Set<PathInstance>().AsNoTracking()
            .Where(i => i.EmployeeId == own.EmployeeId && i.Id != own.Id && i.CourseSlug != slug
                        && (i.Status == InstanceStatuses.Running || i.Status == InstanceStatuses.Waiting)
                        && !i.PathKey.StartsWith(StoredPath.DefaultPrefix))
            .OrderBy(i => i.StartedAt).ToListAsync(ct);
        foreach (var other in others)
        {
            if (other.Facts().Enrolments.ContainsKey(slug)) continue;
            var definition = await library.Definition(other.DefinitionId, ct);
            if (definition.Steps.FirstOrDefault(s => s.Kind == StepKinds.CompleteCourse && s.Courses.Contains(slug)) is not { } later) continue;
            var now = definition.Step(other.CurrentStep) is { } step ? await Describe(definition, step, ct) : "";
            return text["Paths.Hold.LaterStep", definition.Title, await Describe(definition, later, ct), now];
        }
        return null;
    }

    /// <summary>Every written path's title. Content (a definition moves the content stamp): kept, as the home page asks on every visit.</summary>
    public Task<IReadOnlyDictionary<string, string>> Titles(CancellationToken ct) =>
        cache.Get(db, "paths:titles", async () =>
        {
            var versions = await db.Set<StoredPath>().AsNoTracking().Where(p => !p.Builtin)
                .Select(p => new { p.Key, p.Title, p.Status, p.Version }).ToListAsync(ct);
            return (IReadOnlyDictionary<string, string>)versions.GroupBy(p => p.Key).ToDictionary(g => g.Key,
                g => (g.FirstOrDefault(p => p.Status == DefinitionStatuses.Published) ?? g.MaxBy(p => p.Version == 0 ? int.MaxValue : p.Version)!).Title);
        }, ct);

    public async Task<int?> OpenRound(Guid enrolmentId, CancellationToken ct) =>
        await OnEnrolment(enrolmentId).Where(i => i.ReassessmentOpen).Select(i => (int?)i.ReassessmentRound).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The instances an enrolment belongs to: its own path, or a path that linked it. A UNION of two indexed reads, not an
    /// OR: with "EnrolmentId = @id OR Id IN (links)" PostgreSQL scanned every instance of the city (140 ms a course or lesson
    /// page, issue 21), and with a correlated EXISTS so did SQLite.
    /// </summary>
    private IQueryable<PathInstance> OnEnrolment(Guid enrolmentId) =>
        db.Set<PathInstance>().AsNoTracking().Where(i => i.EnrolmentId == enrolmentId)
            .Union(db.Set<PathInstance>().AsNoTracking()
                .Where(i => db.Set<PathEnrolment>().Where(l => l.EnrolmentId == enrolmentId).Select(l => l.InstanceId).Contains(i.Id)));

    /// <summary>A step as a sentence: its title, else its kind's words ("Persetujuan atasan", "Selesaikan kursus …").</summary>
    public async Task<string> Describe(PathDefinition definition, PathStep step, CancellationToken ct)
    {
        if (step.Title is { Length: > 0 } title) return title;
        IReadOnlyList<string> slugs = step.Courses.Count > 0 ? step.Courses : [definition.CourseOf(step)];
        // Titles from the catalogue's lesson lists: all courses read together and kept, so a list of paths is no query per row.
        var titles = await catalog.Lessons(slugs, ct);
        var names = string.Join(", ", slugs.Select(slug => titles.GetValueOrDefault(slug)?.Title ?? slug));
        return steps.Of(step.Kind)?.Describe(step, names) ?? step.Kind;
    }

    /// <summary>Where the instance stands, for the learner's pages.</summary>
    public async Task<Standing> Standing(PathInstance instance, CancellationToken ct) =>
        await Standing(instance, await library.Definition(instance.DefinitionId, ct), ct);

    /// <summary>Where each instance stands, their definitions read together (the home page's paths section).</summary>
    public async Task<List<Standing>> Standings(IReadOnlyList<PathInstance> instances, CancellationToken ct)
    {
        var definitions = await library.Definitions(instances.Select(i => i.DefinitionId), ct);
        var result = new List<Standing>(instances.Count);
        foreach (var instance in instances) result.Add(await Standing(instance, definitions[instance.DefinitionId], ct));
        return result;
    }

    private async Task<Standing> Standing(PathInstance instance, PathDefinition definition, CancellationToken ct)
    {
        var step = definition.Step(instance.CurrentStep);
        var now = step is null ? "" : await Describe(definition, step, ct);
        var next = step is not null && instance.IsActive && definition.NextOf(step) is { } n && definition.Step(n) is { } nextStep
            ? await Describe(definition, nextStep, ct) : null;
        return new Standing(instance, definition, step, now, next);
    }

    public async Task<PathInstance?> Of(Guid enrolmentId, CancellationToken ct) => (await RunningOn(enrolmentId, ct)).Instance;
}
