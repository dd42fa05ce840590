using System.Security.Claims;
using System.Text.Json;
using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Classes.Api;

public sealed record SessionRequest(string? Start, string? End, string? Venue, string? OnlineUrl);
public sealed record CompletionRequest(decimal? Attendance, bool? PostTest, bool? Evaluation);
public sealed record AudienceRequest(List<string>? Units, List<string>? Positions);
public sealed record CompetencyRequest(string? Code, int? Level);
/// <param name="Audience">Who may register: leave out for everyone.</param>
public sealed record CreateClassRequest(string? Course, string? Title, string? Description, decimal? Jp, int? Capacity, string? Approval,
    string? RegistrationOpens, string? RegistrationCloses, List<SessionRequest>? Sessions, List<string>? Trainers, CompletionRequest? Completion,
    AudienceRequest? Audience, List<CompetencyRequest>? Competencies);
public sealed record ClassCreatedDto(Guid Id);
public sealed record SessionDto(int Number, DateTimeOffset Start, DateTimeOffset End, string? Venue, string? OnlineUrl, bool Cancelled);
public sealed record OpenClassDto(Guid Id, string Title, string? Course, decimal Jp, IReadOnlyList<SessionDto> Sessions, int SeatsLeft);
public sealed record TrainerDto(string Nip, string Name);
public sealed record CompletionDto(decimal Attendance, bool PostTest, bool Evaluation);
public sealed record MyRegistrationDto(Guid Id, string Status);
public sealed record ClassDto(Guid Id, string Title, string? Course, decimal Jp, int Capacity, int SeatsLeft, string Approval,
    DateTimeOffset? RegistrationOpens, DateTimeOffset RegistrationCloses, IReadOnlyList<SessionDto> Sessions, IReadOnlyList<TrainerDto> Trainers,
    CompletionDto Completion, string Status, MyRegistrationDto? MyRegistration);

/// <summary>Scheduling a class (coordinators) and the classes a learner may join; another city's class, or one hidden from the caller, is 404.</summary>
internal static class ClassesApi
{
    public static void MapClassesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/classes").WithTags("Classes");
        // The body is read by hand for our own 400s; the metadata keeps the OpenAPI document complete.
        api.MapPost("", Create).Accepts<CreateClassRequest>("application/json")
            .Produces<ClassCreatedDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("", Open).Produces<List<OpenClassDto>>();
        api.MapGet("/{id:guid}", Get).Produces<ClassDto>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Create(HttpRequest request, ClaimsPrincipal user, ClassPlanning planning, IStringLocalizer text, CancellationToken ct)
    {
        if (!ClassAccess.IsStaff(user)) return Problems.Forbidden(text["Classes.Errors.CoordinatorsOnly"]);
        if (request.ContentLength > ClassPlanning.MaxBodyBytes) return TooLarge(text);
        // Read at most one byte more than allowed: a body without a length cannot run on past the limit either.
        var buffer = new byte[ClassPlanning.MaxBodyBytes + 1];
        var read = 0;
        for (int n; read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), ct)) > 0;) read += n;
        if (read > ClassPlanning.MaxBodyBytes) return TooLarge(text);
        CreateClassRequest? body;
        try
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            body = read == 0 ? null : JsonSerializer.Deserialize<CreateClassRequest>(buffer.AsSpan(0, read), options);
        }
        catch (JsonException) { body = null; }
        if (body is null) return Problems.BadRequest(text["Classes.Errors.BadBody"]);

        var input = new ClassInput
        {
            Course = body.Course, Title = body.Title, Description = body.Description, Jp = body.Jp, Capacity = body.Capacity, Approval = body.Approval,
            RegistrationOpens = body.RegistrationOpens, RegistrationCloses = body.RegistrationCloses,
            Sessions = body.Sessions?.Select(s => new SessionInput(s?.Start, s?.End, s?.Venue, s?.OnlineUrl)).ToList(),
            Trainers = body.Trainers?.Select(t => t ?? "").ToList(), Attendance = body.Completion?.Attendance, PostTest = body.Completion?.PostTest,
            Evaluation = body.Completion?.Evaluation, Units = body.Audience?.Units?.Select(u => u ?? "").ToList(),
            Positions = body.Audience?.Positions?.Select(p => p ?? "").ToList(),
            Competencies = body.Competencies?.Select(c => new CompetencyInput(c?.Code, c?.Level)).ToList(),
        };
        var (plan, problems) = await planning.Check(input, ClassPlanning.Times.WithOffset, ct);
        if (plan is null)
            return Problems.Of(StatusCodes.Status400BadRequest, text["Classes.Errors.Invalid"], string.Join("; ", problems), new Dictionary<string, object?>
            {
                ["errors"] = problems.Select(p => p.ToString()).ToList(),
                ["fields"] = problems.Select(p => new { field = p.Field, message = p.Message }).ToList(),
            });
        var cls = await planning.Create(plan, user.GetUserId() ?? Guid.Empty, ct);
        return TypedResults.Created($"/api/v1/classes/{cls.Id}", new ClassCreatedDto(cls.Id));
    }

    private static IResult TooLarge(IStringLocalizer text) =>
        Problems.Of(StatusCodes.Status413PayloadTooLarge, text["Classes.Errors.TooLargeBody", ClassPlanning.MaxBodyBytes / 1024]);

    private static async Task<IResult> Open(ClaimsPrincipal user, ClassAccess access, TimeProvider clock, CancellationToken ct)
    {
        var viewer = await access.Of(user, ct);
        if (viewer.EmployeeId is null) return TypedResults.Ok(new List<OpenClassDto>());
        var classes = await access.OpenFor(viewer).AsNoTracking().Include(c => c.Sessions).AsSplitQuery().ToListAsync(ct);
        return TypedResults.Ok(classes.OrderBy(c => c.Sessions.Where(s => !s.Cancelled).Select(s => (DateTime?)s.StartsAt).Min() ?? DateTime.MaxValue)
            .Select(c => new OpenClassDto(c.Id, c.Title, c.CourseSlug, c.Jp, Sessions(c, clock), c.PlacesLeft)).ToList());
    }

    private static async Task<IResult> Get(Guid id, ClaimsPrincipal user, ClassAccess access, IOrganisationDirectory directory, TimeProvider clock,
        IStringLocalizer text, CancellationToken ct)
    {
        var viewer = await access.Of(user, ct);
        if (await access.Visible(id, viewer, ct) is not { } c) return Problems.NotFound(text["Classes.Errors.NotFound"]);
        var trainers = await directory.FindEmployees(c.Trainers.Select(t => t.EmployeeId), ct);
        var mine = await access.MineIn(c.Id, viewer.EmployeeId, ct);
        return TypedResults.Ok(new ClassDto(c.Id, c.Title, c.CourseSlug, c.Jp, c.Capacity, c.PlacesLeft, c.Approval,
            c.RegistrationOpensAt is { } o ? City(o, clock) : null, City(c.RegistrationClosesAt, clock), Sessions(c, clock),
            trainers.OrderBy(t => t.Name).Select(t => new TrainerDto(t.Nip, t.Name)).ToList(),
            new CompletionDto(c.AttendanceShare, c.PostTest, c.Evaluation), c.Status,
            mine is null ? null : new MyRegistrationDto(mine.Id, mine.Status)));
    }

    private static List<SessionDto> Sessions(Class c, TimeProvider clock) =>
        c.Sessions.OrderBy(s => s.Number).Select(s => new SessionDto(s.Number, City(s.StartsAt, clock), City(s.EndsAt, clock), s.Venue, s.OnlineUrl, s.Cancelled)).ToList();

    /// <summary>An instant with the city's offset (+07:00 in Semarang), as people there read it.</summary>
    internal static DateTimeOffset City(DateTime utc, TimeProvider clock) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), clock.LocalTimeZone);
}
