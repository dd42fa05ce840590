using System.Security.Claims;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Paths.Api;

public sealed record PersonDto(string Nip, string Name);
public sealed record ApprovalDto(
    Guid Id, Guid PathInstanceId, string Path, string PathTitle, string Step, PersonDto Learner, string Course, string Status,
    DateTime RequestedAt, DateTime? DueAt, string Approver);
public sealed record DecisionRequest(string? Decision, string? Reason);
public sealed record DecisionDto(Guid Id, string Status, Guid PathInstanceId, string InstanceStatus, string? CurrentStep);
public sealed record HistoryDto(DateTime At, string Kind, string? Step, string Actor, string Detail);
public sealed record PathInstanceDto(
    Guid Id, string Path, int Version, string Title, string Status, string? CurrentStep, string? Outcome, string? FaultReason,
    Guid EnrolmentId, string Course, DateTime StartedAt, int ReassessmentRound, bool ReassessmentOpen, IReadOnlyList<HistoryDto> History,
    IReadOnlyList<PathEnrolmentDto> Enrolments);
/// <summary>An enrolment of the path: the first one, then each further course's from when its step began (blended training).</summary>
public sealed record PathEnrolmentDto(string Course, Guid EnrolmentId, string? Step);
public sealed record PathSummaryDto(string Key, string Title, int Version, string Course);
public sealed record PathStepDto(string Id, string Kind, string? Next, int Instances);
public sealed record PathDetailDto(string Key, string Title, int Version, string Status, string Course, string Yaml, IReadOnlyList<PathStepDto> Steps);
public sealed record FaultedDto(Guid Id, string Path, int Version, string? CurrentStep, string? FaultReason, DateTime UpdatedAt);

/// <summary>Approvals, path instances and path definitions. Someone else's record answers exactly like a missing one.</summary>
internal static class PathsApi
{
    public static void MapPathsApi(this IEndpointRouteBuilder endpoints)
    {
        var approvals = endpoints.MapGroup("/api/v1/approvals").WithTags("Paths");
        approvals.MapGet("", PendingApprovals).Produces<List<ApprovalDto>>();
        approvals.MapPost("/{id:guid}", Decide).Accepts<DecisionRequest>("application/json").Produces<DecisionDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var instances = endpoints.MapGroup("/api/v1/path-instances").WithTags("Paths");
        instances.MapGet("/{id:guid}", Instance).Produces<PathInstanceDto>().ProducesProblem(StatusCodes.Status404NotFound);
        instances.MapGet("", Faulted).RequireAuthorization(Roles.Administrator).Produces<List<FaultedDto>>();
        instances.MapPost("/{id:guid}/retry", Retry).RequireAuthorization(Roles.Administrator).Produces<PathInstanceDto>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var paths = endpoints.MapGroup("/api/v1/paths").WithTags("Paths");
        paths.MapGet("", Published).Produces<List<PathSummaryDto>>();
        paths.MapGet("/{key}", Detail).RequireAuthorization(Roles.Coordinator).Produces<PathDetailDto>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static Caller CallerOf(ClaimsPrincipal user) =>
        new(user.GetEmployeeId(), user.GetUserId(), user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Administrator));

    private static async Task<IResult> PendingApprovals(ClaimsPrincipal user, Approvals approvals, LearningDbContext db, PathEngine engine,
        PathLibrary library, CancellationToken ct)
    {
        var list = new List<ApprovalDto>();
        foreach (var a in await approvals.Pending(CallerOf(user), ct)) list.Add(await Describe(a, db, engine, library, ct));
        return TypedResults.Ok(list);
    }

    internal static async Task<ApprovalDto> Describe(Approval a, LearningDbContext db, PathEngine engine, PathLibrary library, CancellationToken ct)
    {
        var instance = await db.Set<PathInstance>().AsNoTracking().FirstAsync(i => i.Id == a.InstanceId, ct);
        var definition = await library.Definition(instance.DefinitionId, ct);
        var learner = await engine.Person(a.LearnerId, ct);
        var approver = a.ApproverId is { } id ? (await engine.ActorOf(id, ct)).Name : StepWords.Coordinator;
        return new ApprovalDto(a.Id, a.InstanceId, instance.PathKey, definition.Title, a.StepId,
            new PersonDto(learner?.Nip ?? "", learner?.Name ?? ""), instance.CourseSlug, a.Status, a.RequestedAt, a.DueAt, approver);
    }

    private static async Task<IResult> Decide(Guid id, HttpRequest request, ClaimsPrincipal user, Approvals approvals, LearningDbContext db,
        IStringLocalizer text, CancellationToken ct)
    {
        var (ok, body) = await JsonBodies.TryRead<DecisionRequest>(request, ct);
        if (!ok || body?.Decision is not ("approve" or "reject")) return Problems.BadRequest(text["Paths.Api.BadDecision"]);
        var reason = body.Reason?.Trim();
        if (body.Decision == "reject" && string.IsNullOrEmpty(reason)) return Problems.BadRequest(text["Paths.Api.ReasonRequired"]);
        if (reason is { Length: > 1000 }) return Problems.BadRequest(text["Paths.Api.ReasonTooLong"]);

        var outcome = await approvals.Decide(id, CallerOf(user), body.Decision == "approve", reason, ct);
        if (outcome == DecideOutcome.NotFound) return Problems.NotFound(text["Paths.Api.ApprovalNotFound"]);
        if (outcome == DecideOutcome.AlreadyDecided) return Problems.Conflict(text["Paths.Api.AlreadyDecided"]);
        var approval = await db.Set<Approval>().AsNoTracking().FirstAsync(a => a.Id == id, ct);
        var instance = await db.Set<PathInstance>().AsNoTracking().FirstAsync(i => i.Id == approval.InstanceId, ct);
        return TypedResults.Ok(new DecisionDto(approval.Id, approval.Status, instance.Id, instance.Status, instance.CurrentStep));
    }

    /// <summary>The learner, their supervisor, coordinators and administrators may read an instance; for anyone else it does not exist.</summary>
    internal static async Task<PathInstance?> Readable(Guid id, ClaimsPrincipal user, LearningDbContext db, IOrganisationDirectory organisation,
        CancellationToken ct)
    {
        var instance = await db.Set<PathInstance>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (instance is null) return null;
        if (user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Administrator)) return instance;
        if (user.GetEmployeeId() is not { } me) return null;
        if (instance.EmployeeId == me) return instance;
        return (await organisation.FindEmployee(instance.EmployeeId, ct))?.SupervisorId == me ? instance : null;
    }

    private static async Task<IResult> Instance(Guid id, ClaimsPrincipal user, LearningDbContext db, IOrganisationDirectory organisation,
        PathLibrary library, IStringLocalizer text, CancellationToken ct)
    {
        var instance = await Readable(id, user, db, organisation, ct);
        return instance is null ? Problems.NotFound(text["Paths.Api.InstanceNotFound"]) : TypedResults.Ok(await Describe(instance, db, library, ct));
    }

    internal static async Task<PathInstanceDto> Describe(PathInstance i, LearningDbContext db, PathLibrary library, CancellationToken ct)
    {
        var definition = await library.Definition(i.DefinitionId, ct);
        var history = await db.Set<HistoryEntry>().AsNoTracking().Where(h => h.InstanceId == i.Id).ToListAsync(ct);
        var further = await db.Set<PathEnrolment>().AsNoTracking().Where(e => e.InstanceId == i.Id).OrderBy(e => e.At)
            .Select(e => new PathEnrolmentDto(e.CourseSlug, e.EnrolmentId, e.StepId)).ToListAsync(ct);
        return new PathInstanceDto(i.Id, i.PathKey, i.Version, definition.Title, i.Status, i.CurrentStep, i.Outcome, i.FaultReason,
            i.EnrolmentId, i.CourseSlug, i.StartedAt, i.ReassessmentRound, i.ReassessmentOpen,
            // Ids are time-ordered (v7): entries written in the same instant keep their order.
            history.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new HistoryDto(h.At, h.Kind, h.Step, h.Actor, h.Detail)).ToList(),
            [new PathEnrolmentDto(i.CourseSlug, i.EnrolmentId, null), .. further]);
    }

    private static async Task<IResult> Faulted(LearningDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<PathInstance>().AsNoTracking().Where(i => i.Status == InstanceStatuses.Faulted)
            .OrderBy(i => i.UpdatedAt).Take(500)
            .Select(i => new FaultedDto(i.Id, i.PathKey, i.Version, i.CurrentStep, i.FaultReason, i.UpdatedAt)).ToListAsync(ct));

    private static async Task<IResult> Retry(Guid id, ClaimsPrincipal user, LearningDbContext db, PathEngine engine, PathLibrary library,
        IStringLocalizer text, CancellationToken ct)
    {
        var instance = await db.Set<PathInstance>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (instance is null) return Problems.NotFound(text["Paths.Api.InstanceNotFound"]);
        if (instance.Status != InstanceStatuses.Faulted) return Problems.Conflict(text["Paths.Api.NotFaulted"]);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var actor = user.GetEmployeeId() is { } me ? await engine.ActorOf(me, ct) : new Actor(user.Identity?.Name ?? "admin", user.GetUserId());
            await engine.Retry(id, actor, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        var after = await db.Set<PathInstance>().AsNoTracking().FirstAsync(i => i.Id == id, ct);
        return TypedResults.Ok(await Describe(after, db, library, ct));
    }

    private static async Task<IResult> Published(LearningDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<StoredPath>().AsNoTracking().Where(p => !p.Builtin && p.Status == DefinitionStatuses.Published)
            .OrderBy(p => p.Title).Select(p => new PathSummaryDto(p.Key, p.Title, p.Version, p.CourseSlug)).ToListAsync(ct));

    private static async Task<IResult> Detail(string key, LearningDbContext db, PathLibrary library, IStringLocalizer text, CancellationToken ct)
    {
        var stored = await library.Published(key, ct);
        if (stored is null) return Problems.NotFound(text["Paths.Api.PathNotFound", key]);
        var definition = await library.Definition(stored.Id, ct);
        var counts = await StepCounts(db, stored.Id, ct);
        return TypedResults.Ok(new PathDetailDto(stored.Key, stored.Title, stored.Version, stored.Status, stored.CourseSlug, stored.Yaml,
            definition.Steps.Select(s => new PathStepDto(s.Id, s.Kind, definition.NextOf(s), counts.GetValueOrDefault(s.Id))).ToList()));
    }

    /// <summary>Active instances of one version per step.</summary>
    internal static async Task<Dictionary<string, int>> StepCounts(LearningDbContext db, Guid definitionId, CancellationToken ct) =>
        await db.Set<PathInstance>().AsNoTracking()
            .Where(i => i.DefinitionId == definitionId && (i.Status == InstanceStatuses.Running || i.Status == InstanceStatuses.Waiting || i.Status == InstanceStatuses.Faulted))
            .GroupBy(i => i.CurrentStep!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
}
