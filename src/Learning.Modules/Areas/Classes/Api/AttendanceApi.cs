using System.Security.Claims;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Classes.Api;

public sealed record CheckInCodeBody(string Code, DateTimeOffset ExpiresAt, DateTimeOffset ChangesAt, int Present, int Registered);
public sealed record CheckInRequest(string? Code);

/// <summary>Check-in codes for those who run a class, and learners checking in with them.</summary>
internal static class AttendanceApi
{
    public static void MapAttendanceApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/classes").WithTags("Classes");
        api.MapGet("/{id:guid}/sessions/{n:int}/check-in", Code);
        api.MapPost("/{id:guid}/attendance", CheckIn);
    }

    /// <summary>The code of this minute: trainers of the class, coordinators and administrators; a learner is refused.</summary>
    private static async Task<Results<Ok<CheckInCodeBody>, ProblemHttpResult>> Code(Guid id, int n, ClaimsPrincipal user, HttpContext http,
        ClassAttendance attendance, IStringLocalizer text, CancellationToken ct)
    {
        var run = await attendance.Find(id, n, ct);
        if (run is null) return Problems.NotFound(text["Classes.CheckIn.NotFound"]);
        if (!await attendance.MayRun(id, user, ct)) return Problems.Forbidden(text["Classes.CheckIn.OnlyTrainers"]);
        var code = await attendance.CodeFor(run.Session, ct);
        var (present, registered) = await attendance.Count(run.Session, ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new CheckInCodeBody(code.Code, code.ExpiresAt, code.ChangesAt, present, registered));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CheckIn(Guid id, CheckInRequest? request, ClaimsPrincipal user,
        ClassAttendance attendance, IStringLocalizer text, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } me) return Problems.NotFound(text["Classes.CheckIn.NotFound"]);
        var outcome = await attendance.CheckIn(id, me, request?.Code, ct);
        return outcome.Status switch
        {
            CheckInStatus.Done => TypedResults.NoContent(),
            CheckInStatus.NotFound => Problems.NotFound(outcome.Problem!),
            CheckInStatus.TooMany => Problems.Of(StatusCodes.Status429TooManyRequests, outcome.Problem!),
            _ => Problems.BadRequest(outcome.Problem!),
        };
    }
}
