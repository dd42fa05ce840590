using System.Security.Claims;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Assignments.Api;

/// <param name="Class">A class's id instead of a course or path: each person is registered for it (the author's registering is the approval).</param>
public sealed record AssignRequest(string? Course, string? Path, List<string>? Employees, string? Unit, string? Position, DateOnly? DueDate, string? Note,
    string? Class = null);
/// <param name="AlreadyAssigned">The person already had an open item for it: that item is given (not a new one), due on the earlier date.</param>
public sealed record AssigneeDto(string Nip, string Name, Guid ItemId, Guid? EnrolmentId, Guid? PathInstanceId, string Status,
    bool AlreadyAssigned, DateOnly DueDate, bool ExtensionKept = false, ClassPlaceDto? Registration = null);
/// <param name="Status">registered | waitlisted (| pending-approval); <paramref name="AlreadyRegistered"/>: theirs before this assignment, not made again.</param>
public sealed record ClassPlaceDto(Guid Id, string Status, bool AlreadyRegistered);
/// <param name="Notice">What the supervisor should know, e.g. whose granted extension kept its later date.</param>
public sealed record AssignmentDto(Guid Id, string? Course, string? Path, DateOnly DueDate, string? Note, IReadOnlyList<AssigneeDto> Assignees,
    string? Notice = null, Guid? Class = null);
public sealed record OutsideDto(string Nip, string Name);
public sealed record MyAssignmentDto(Guid Id, string? Course, string? Path, DateOnly DueDate, string Status, string? Note, Guid? EnrolmentId, ExtensionDto? Extension);
public sealed record ExtensionDto(Guid Id, string Status, string Reason, DateOnly? WantedDueDate, DateOnly? GrantedDueDate, string? Answer);
public sealed record AskExtensionRequest(string? Reason, DateOnly? DueDate);
public sealed record PendingExtensionDto(Guid Id, string Nip, string Name, string? Course, string? Path, DateOnly DueDate, string Reason, DateOnly? WantedDueDate);
public sealed record DecideExtensionRequest(string? Decision, DateOnly? DueDate, string? Reason);
public sealed record TeamAssignmentDto(Guid Id, string? Course, string? Path, DateOnly DueDate, string Status);
public sealed record TeamGapDto(string Code, string Name, int RequiredLevel, int? CurrentLevel, IReadOnlyList<string> Courses);
public sealed record TeamMemberDto(string Nip, string Name, string Unit, string? Position, decimal JpThisYear, decimal JpRequired,
    IReadOnlyList<TeamAssignmentDto> Assignments, IReadOnlyList<TeamGapDto> Gaps);

/// <summary>Assigning, the learner's assigned items and extensions, and the team's compliance. Scope is checked on every record.</summary>
internal static class AssignmentsApi
{
    public static void MapAssignmentsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Assignments").RequireAuthorization();
        api.MapPost("/assignments", Assign).Accepts<AssignRequest>("application/json")
            .Produces<AssignmentDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/me/assignments", Mine).Produces<List<MyAssignmentDto>>();
        api.MapPost("/me/assignments/{id:guid}/extension", AskExtension).Accepts<AskExtensionRequest>("application/json")
            .Produces<ExtensionDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/assignments/extensions", PendingExtensions).Produces<List<PendingExtensionDto>>().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/assignments/extensions/{id:guid}", Decide).Accepts<DecideExtensionRequest>("application/json")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/team/compliance", Team).Produces<List<TeamMemberDto>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Assign(HttpRequest request, ClaimsPrincipal user, Assigning assigning, IStringLocalizer text, CancellationToken ct)
    {
        var (ok, body) = await JsonBodies.TryRead<AssignRequest>(request, ct);
        if (!ok || body is null) return Problems.BadRequest(text["Assignments.Errors.BadBody"]);
        Guid? classId = null;
        if (body.Class is { Length: > 0 } given)
        {
            if (!Guid.TryParse(given, out var parsed)) return Problems.NotFound(text["Assignments.Errors.UnknownClass"]);
            classId = parsed;
        }
        var outcome = await assigning.Assign(user, new AssignCommand(body.Course, body.Path, body.Employees, body.Unit, body.Position, body.DueDate, body.Note, classId), ct);
        return ToResult(outcome, text);
    }

    internal static IResult ToResult(AssignOutcome outcome, IStringLocalizer text) => outcome switch
    {
        AssignOutcome.Done done => TypedResults.Created($"/api/v1/assignments/{done.Assignment.Id}", new AssignmentDto(
            done.Assignment.Id, done.Assignment.CourseSlug, done.Assignment.PathKey, done.Assignment.DueOn, done.Assignment.Note,
            done.Assignees.Select(a => new AssigneeDto(a.Person.Nip, a.Person.Name, a.Item.Id, a.Item.EnrolmentId, a.Item.PathInstanceId,
                a.Item.Status, a.AlreadyAssigned, a.Item.DueOn, done.ExtensionKept.Any(k => k.Item.Id == a.Item.Id),
                done.Places.TryGetValue(a.Person.Id, out var place) ? new ClassPlaceDto(place.RegistrationId!.Value, place.Status!, place.Already) : null)).ToList(),
            done.ExtensionKept.Count > 0 ? Pages.NewModel.ExtensionKept(done, text) : null, done.ClassId)),
        AssignOutcome.ClassRefused refused => Problems.Of(refused.StatusCode, text["Assignments.Errors.ClassRefused"], string.Join(" ", refused.Problems),
            new Dictionary<string, object?> { ["errors"] = refused.Problems }),
        AssignOutcome.Invalid invalid => Problems.Validation(text["Assignments.Errors.Invalid"], invalid.Errors),
        AssignOutcome.NotFound notFound => Problems.NotFound(notFound.Message),
        AssignOutcome.Outside outside => Problems.Of(StatusCodes.Status403Forbidden, text["Assignments.Errors.Outside"],
            OutsideDetail(outside, text),
            new Dictionary<string, object?> { ["outside"] = outside.People.Select(p => new OutsideDto(p.Nip, p.Name)).ToList(), ["unit"] = outside.UnitCode }),
        _ => throw new InvalidOperationException(outcome.GetType().Name),
    };

    internal static string OutsideDetail(AssignOutcome.Outside outside, IStringLocalizer text) =>
        outside.People.Count > 0 ? text["Assignments.Errors.OutsidePeople", string.Join(", ", outside.People.Select(p => $"{p.Name} ({p.Nip})"))]
        : outside.UnitCode is { } unit ? text["Assignments.Errors.OutsideUnit", unit]
        : text["Assignments.Errors.NotAllowed"];

    private static async Task<IResult> Mine(ClaimsPrincipal user, Extensions extensions, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } employeeId) return TypedResults.Ok(new List<MyAssignmentDto>());
        var items = await extensions.Mine(employeeId, ct);
        return TypedResults.Ok(items.Select(m => new MyAssignmentDto(m.Item.Id, m.Item.CourseSlug, m.Item.PathKey, m.Item.DueOn, m.Item.Status, m.Note,
            m.Item.EnrolmentId, m.LastExtension is { } x ? ToDto(x) : null)).ToList());
    }

    private static ExtensionDto ToDto(ExtensionRequest x) => new(x.Id, x.Status, x.Reason, x.WantedDueOn, x.GrantedDueOn, x.Answer);

    private static async Task<IResult> AskExtension(Guid id, HttpRequest request, ClaimsPrincipal user, Extensions extensions, IStringLocalizer text, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } employeeId) return Problems.NotFound(text["Assignments.Errors.ItemNotFound"]);
        var (ok, body) = await JsonBodies.TryRead<AskExtensionRequest>(request, ct);
        if (!ok) return Problems.BadRequest(text["Assignments.Errors.BadBody"]);
        var (asked, error, notFound) = await extensions.Ask(employeeId, id, body?.Reason, body?.DueDate, ct);
        if (notFound) return Problems.NotFound(error!);
        if (asked is null) return Problems.BadRequest(error!);
        return TypedResults.Created($"/api/v1/me/assignments/{id}/extension", ToDto(asked));
    }

    private static async Task<IResult> PendingExtensions(ClaimsPrincipal user, Extensions extensions, TeamScope scopes, IStringLocalizer text, CancellationToken ct)
    {
        if ((await scopes.Of(user, ct)).Kind == ScopeKind.None) return Problems.Forbidden(text["Assignments.Errors.NotAllowed"]);
        var pending = await extensions.Pending(user, ct);
        return TypedResults.Ok(pending.Select(p => new PendingExtensionDto(p.Request.Id, p.Person.Nip, p.Person.Name, p.Item.CourseSlug, p.Item.PathKey,
            p.Item.DueOn, p.Request.Reason, p.Request.WantedDueOn)).ToList());
    }

    private static async Task<IResult> Decide(Guid id, HttpRequest request, ClaimsPrincipal user, Extensions extensions, IStringLocalizer text, CancellationToken ct)
    {
        var (ok, body) = await JsonBodies.TryRead<DecideExtensionRequest>(request, ct);
        if (!ok || body?.Decision is not ("grant" or "refuse")) return Problems.BadRequest(text["Assignments.Errors.Decision"]);
        var (found, error, forbidden) = await extensions.Decide(user, id, body.Decision == "grant", body.DueDate, body.Reason, ct);
        if (!found) return Problems.NotFound(text["Assignments.Errors.ExtensionNotFound"]);
        if (forbidden) return Problems.Forbidden(error!);
        return error is null ? TypedResults.NoContent() : Problems.BadRequest(error);
    }

    /// <summary>A page holds this many people unless the caller asks otherwise: a supervisor's whole team, as before paging.</summary>
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    private static async Task<IResult> Team(string? unit, string? page, string? pageSize, HttpContext http, ClaimsPrincipal user, TeamScope scopes,
        TeamCompliance team, IStringLocalizer text, CancellationToken ct)
    {
        var number = 1;
        var size = DefaultPageSize;
        if ((page is not null && !(int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) && number >= 1))
            || (pageSize is not null && !(int.TryParse(pageSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) && size is >= 1 and <= MaxPageSize)))
            return Problems.BadRequest(text["Assignments.Errors.Paging"], text["Assignments.Errors.PagingDetail", MaxPageSize]);
        var scope = await scopes.Of(user, ct);
        if (scope.Kind == ScopeKind.None) return Problems.Forbidden(text["Assignments.Errors.NotAllowed"]);
        var all = await team.Of(scope, unit, ct);
        if (all is null) return Problems.NotFound(text["Assignments.Errors.UnknownUnit", unit ?? ""]);
        // The order stays the page's (overdue first, then by name), so pages follow one another without gaps or repeats.
        var members = all.Skip((int)Math.Min(int.MaxValue, (long)(number - 1) * size)).Take(size).ToList();
        var last = Math.Max(1, (all.Count + size - 1) / size);
        http.Response.Headers["X-Total-Count"] = all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Link(int to, string rel) =>
            $"<{http.Request.PathBase}{http.Request.Path}?{(unit is { Length: > 0 } ? "unit=" + Uri.EscapeDataString(unit) + "&" : "")}page={to}&pageSize={size}>; rel=\"{rel}\"";
        var links = new List<string> { Link(1, "first") };
        if (number > 1) links.Add(Link(Math.Min(number - 1, last), "prev"));
        if (number < last) links.Add(Link(number + 1, "next"));
        links.Add(Link(last, "last"));
        http.Response.Headers.Link = string.Join(", ", links);
        return TypedResults.Ok(members.Select(m => new TeamMemberDto(m.Nip, m.Name, m.UnitCode, m.Position, m.JpThisYear, m.JpRequired,
            m.Assignments.Select(a => new TeamAssignmentDto(a.Id, a.Course, a.Path, a.DueDate, a.Status)).ToList(),
            m.Gaps.Select(g => new TeamGapDto(g.Code, g.Name, g.RequiredLevel, g.CurrentLevel, g.Courses)).ToList())).ToList());
    }
}
