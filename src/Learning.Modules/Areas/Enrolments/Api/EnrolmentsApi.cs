using System.Security.Claims;
using Learning.Enrolments.Contracts;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Enrolments.Api;

public sealed record EnrolRequest(string? Course, string? Path);
public sealed record EnrolmentCreatedDto(Guid Id, string Status, Guid? PathInstanceId);
public sealed record EnrolmentDto(
    Guid Id, string Course, string Status, IReadOnlyList<string> CompletedLessons, int Progress, string Source, DateOnly? DueDate,
    DateTime StartedAt, DateTime? CompletedAt, string? LastLesson, int SecondsSpent, bool AssessmentPassed, decimal? Score, Guid? PathInstanceId);
public sealed record MyEnrolmentDto(Guid Id, string Course, string? Path, string Status, string Source, DateOnly? DueDate, int Progress);
public sealed record LessonBodyDto(string Key, string Title, int Minutes, string Html);
public sealed record CompleteLessonRequest(int? Seconds);

/// <summary>Enrolments of the person asking; anybody else's answer exactly like missing ones.</summary>
internal static class EnrolmentsApi
{
    public static void MapEnrolmentsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/enrolments").WithTags("Enrolments");
        // Bodies are read by hand for our own 400s; the metadata keeps the OpenAPI document complete.
        api.MapPost("", Enrol).Accepts<EnrolRequest>("application/json")
            .Produces<EnrolmentCreatedDto>(StatusCodes.Status201Created).Produces<EnrolmentCreatedDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}", Get).Produces<EnrolmentDto>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/lessons/{key}", Lesson).Produces<LessonBodyDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/lessons/{key}/complete", Complete).Accepts<CompleteLessonRequest>(true, "application/json")
            .Produces<EnrolmentDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapGet("/api/v1/me/enrolments", MyEnrolments).WithTags("Enrolments").Produces<List<MyEnrolmentDto>>();
    }

    private static async Task<IResult> Enrol(HttpRequest request, ClaimsPrincipal user, Enrolling enrolling, IStringLocalizer text, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } employeeId) return Problems.Forbidden(text["Enrolments.Api.NotAnEmployee"]);
        var (ok, body) = await JsonBodies.TryRead<EnrolRequest>(request, ct);
        if (!ok || body is null || (string.IsNullOrWhiteSpace(body.Course) && string.IsNullOrWhiteSpace(body.Path)))
            return Problems.BadRequest(text["Enrolments.Api.BadBody"]);
        if (!string.IsNullOrWhiteSpace(body.Course) && !string.IsNullOrWhiteSpace(body.Path))
            return Problems.BadRequest(text["Enrolments.Api.CourseOrPath"]);

        Enrolling.Enrolled? enrolled;
        if (body.Path is { } path && !string.IsNullOrWhiteSpace(path))
        {
            enrolled = await enrolling.EnrolOnPath(employeeId, path.Trim(), EnrolmentSource.Self, null, ct);
            if (enrolled is null) return Problems.NotFound(text["Enrolments.Api.PathNotFound", path]);
        }
        else
        {
            enrolled = await enrolling.Enrol(employeeId, body.Course!.Trim(), ct);
            if (enrolled is null) return Problems.NotFound(text["Enrolments.Api.CourseNotFound", body.Course!]);
        }
        var dto = new EnrolmentCreatedDto(enrolled.Enrolment.Id, enrolled.Enrolment.Status, enrolled.Enrolment.PathInstanceId);
        return enrolled.Created ? TypedResults.Created($"/api/v1/enrolments/{dto.Id}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<IResult> Get(Guid id, ClaimsPrincipal user, Enrolling enrolling, IStringLocalizer text, CancellationToken ct)
    {
        if (await Mine(id, user, enrolling, ct) is not { } enrolment) return Problems.NotFound(text["Enrolments.Api.NotFound"]);
        return TypedResults.Ok(await Describe(enrolment, enrolling, ct));
    }

    private static async Task<IResult> Lesson(Guid id, string key, ClaimsPrincipal user, Enrolling enrolling, IStringLocalizer text, CancellationToken ct)
    {
        if (await Mine(id, user, enrolling, ct) is not { } enrolment) return Problems.NotFound(text["Enrolments.Api.NotFound"]);
        if (await enrolling.Hold(enrolment, ct) is { } hold) return Problems.Conflict(hold);
        var lesson = await enrolling.OpenLesson(enrolment, key, ct);
        return lesson is null
            ? Problems.NotFound(text["Enrolments.Api.LessonNotFound", key])
            : TypedResults.Ok(new LessonBodyDto(lesson.Key, lesson.Title, lesson.Minutes, lesson.Html));
    }

    private static async Task<IResult> Complete(Guid id, string key, HttpRequest request, ClaimsPrincipal user, Enrolling enrolling,
        IStringLocalizer text, CancellationToken ct)
    {
        if (await Mine(id, user, enrolling, ct) is not { } enrolment) return Problems.NotFound(text["Enrolments.Api.NotFound"]);
        var (ok, body) = await JsonBodies.TryRead<CompleteLessonRequest>(request, ct);
        if (!ok || body?.Seconds < 0) return Problems.BadRequest(text["Enrolments.Api.BadSeconds"]);
        if (await enrolling.Hold(enrolment, ct) is { } hold) return Problems.Conflict(hold);
        if (await enrolling.CompleteLesson(enrolment, key, body?.Seconds ?? 0, ct) is not { } saved)
            return Problems.NotFound(text["Enrolments.Api.LessonNotFound", key]);
        return TypedResults.Ok(await Describe(saved, enrolling, ct));
    }

    private static async Task<IResult> MyEnrolments(ClaimsPrincipal user, Enrolling enrolling, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } employeeId) return TypedResults.Ok(Array.Empty<MyEnrolmentDto>());
        var list = new List<MyEnrolmentDto>();
        foreach (var e in await enrolling.Mine(employeeId, ct))
        {
            var course = await enrolling.Course(e, ct);
            var percent = course is null ? 0 : e.ProgressPercent(Enrolling.LessonKeys(course).ToList());
            list.Add(new MyEnrolmentDto(e.Id, e.CourseSlug, e.PathKey, e.Status, SourceName(e.Source), e.DueOn, percent));
        }
        return TypedResults.Ok(list);
    }

    private static async Task<Enrolment?> Mine(Guid id, ClaimsPrincipal user, Enrolling enrolling, CancellationToken ct) =>
        user.GetEmployeeId() is { } employeeId ? await enrolling.Find(id, employeeId, ct) : null;

    private static async Task<EnrolmentDto> Describe(Enrolment e, Enrolling enrolling, CancellationToken ct)
    {
        var course = await enrolling.Course(e, ct);
        var keys = course is null ? [] : Enrolling.LessonKeys(course);
        // Listed in the course's order, so a client can show them as an outline.
        var done = e.Lessons.Select(l => l.LessonKey).ToHashSet();
        var completed = keys.Where(done.Contains).Concat(done.Except(keys).Order()).ToList();
        return new EnrolmentDto(e.Id, e.CourseSlug, e.Status, completed, e.ProgressPercent(keys.ToList()), SourceName(e.Source), e.DueOn,
            e.StartedAt, e.CompletedAt, e.LastLessonKey, e.SecondsSpent, e.AssessmentPassedAt != null, e.Score, e.PathInstanceId);
    }

    public static string SourceName(EnrolmentSource source) => source == EnrolmentSource.Assigned ? "assigned" : "self";
}
