using System.Security.Claims;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Api;

public sealed record CompetencyLevelDto(string Code, string Name, int Level);
public sealed record CourseListItemDto(string Slug, string Title, string Summary, decimal Jp, int Minutes, IReadOnlyList<CompetencyLevelDto> Competencies);
public sealed record RecertificationDto(int WindowDays, string RenewFrom, string? FixedDate);
public sealed record CertificateDto(int? ValidityMonths, RecertificationDto? Recertification);
public sealed record LessonDto(string Key, string Title, int Minutes);
public sealed record ModuleDto(string Title, IReadOnlyList<LessonDto> Lessons);
public sealed record AssessmentDto(int QuestionCount, int PassMark, int? MaxAttempts, int? TimeLimitMinutes, bool TestOut);
public sealed record CourseDto(
    string Slug, string Title, string Summary, string Language, decimal Jp, int Minutes, string Status, int Version,
    IReadOnlyList<CompetencyLevelDto> Competencies, CertificateDto Certificate, IReadOnlyList<ModuleDto> Modules, AssessmentDto? Assessment);

/// <summary>The course catalogue for logged-in users (the fallback policy requires a login). Never questions or answers.</summary>
internal static class CoursesApi
{
    public static void MapCoursesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/courses").WithTags("Courses");
        api.MapGet("", List);
        api.MapGet("/{slug}", Get);
    }

    private static async Task<Ok<List<CourseListItemDto>>> List(ICourseCatalog catalog, ICompetencyDictionary dictionary, CancellationToken ct)
    {
        var names = await Names(dictionary, ct);
        var courses = await catalog.Published(ct);
        return TypedResults.Ok(courses.Select(c => new CourseListItemDto(c.Slug, c.Title, c.Summary, c.Jp, c.Minutes, Awards(c, names))).ToList());
    }

    private static async Task<Results<Ok<CourseDto>, ProblemHttpResult>> Get(
        string slug, ClaimsPrincipal user, ICourseCatalog catalog, ICompetencyDictionary dictionary, IStringLocalizer text, CancellationToken ct)
    {
        var outline = await catalog.Find(slug, ct);
        // Drafts and archived courses exist only for coordinators; to anyone else they are simply not there.
        if (outline is null || (outline.Course.Status != CourseStatus.Published && !IsCoordinator(user)))
            return Problems.NotFound(text["Courses.Api.NotFound", slug]);

        var names = await Names(dictionary, ct);
        var c = outline.Course;
        var rule = outline.Certificate.Recertification;
        return TypedResults.Ok(new CourseDto(
            c.Slug, c.Title, c.Summary, c.Language, c.Jp, c.Minutes, c.Status.Name(), c.Version, Awards(c, names),
            new CertificateDto(outline.Certificate.ValidityMonths,
                rule is null ? null : new RecertificationDto(rule.WindowDays, rule.RenewFrom.Name(), rule.FixedDate)),
            outline.Modules.Select(m => new ModuleDto(m.Title, m.Lessons.Select(l => new LessonDto(l.Key, l.Title, l.Minutes)).ToList())).ToList(),
            outline.Assessment is { } a ? new AssessmentDto(a.QuestionCount, a.PassMark, a.MaxAttempts, a.TimeLimitMinutes, a.TestOut) : null));
    }

    private static bool IsCoordinator(ClaimsPrincipal user) => user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Administrator);

    private static async Task<Dictionary<string, string>> Names(ICompetencyDictionary dictionary, CancellationToken ct) =>
        (await dictionary.List(ct)).ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);

    private static List<CompetencyLevelDto> Awards(CourseSummary course, Dictionary<string, string> names) =>
        course.Competencies.Select(a => new CompetencyLevelDto(a.Code, names.GetValueOrDefault(a.Code, a.Code), a.Level)).ToList();
}
