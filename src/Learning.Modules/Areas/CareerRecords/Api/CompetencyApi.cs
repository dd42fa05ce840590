using System.Security.Claims;
using Learning.CareerRecords.Competencies;
using Learning.CareerRecords.Contracts;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.CareerRecords.Api;

public sealed record CourseRef(string Slug, string Title);
public sealed record GapItem(string Code, string Name, int RequiredLevel, int? CurrentLevel, IReadOnlyList<CourseRef> Courses);
public sealed record StandardItem(string Code, string Name, int RequiredLevel, int? CurrentLevel, string? CurrentSource, IReadOnlyList<string> Levels);
public sealed record RatingItem(string Code, string Name, int RequiredLevel, int SelfLevel, string? SelfNote, int? AgreedLevel, string? Comment);
public sealed record AssessmentItem(Guid Id, string Nip, string Name, string PositionCode, string Status, DateTime SubmittedAt,
    DateTime? ConfirmedAt, string? ConfirmedBy, IReadOnlyList<RatingItem> Ratings);
public sealed record AssessmentSheetBody(string Nip, string? PositionCode, string? PositionName, string? SupervisorNip,
    IReadOnlyList<StandardItem> Competencies, AssessmentItem? Pending, IReadOnlyList<AssessmentItem> History, AssessmentItem? Draft = null);
public sealed record RatingsRequest(IReadOnlyList<RatingInput>? Ratings);

/// <summary>Competency gaps, self-assessment and the supervisor's confirmation over the API.</summary>
internal static class CompetencyApi
{
    public static void MapCompetencyApi(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/v1/me").WithTags("CareerRecords");
        me.MapGet("/competency-gaps", MyGaps);
        me.MapGet("/competency-assessments", MySheet);
        me.MapPost("/competency-assessments", Submit);
        me.MapPut("/competency-assessments/draft", SaveDraft);

        endpoints.MapGet("/api/v1/team/competency-assessments", Team).WithTags("CareerRecords");
        var assessments = endpoints.MapGroup("/api/v1/competency-assessments").WithTags("CareerRecords");
        assessments.MapGet("/{id:guid}", One);
        assessments.MapPost("/{id:guid}/confirm", Confirm);
    }

    public static async Task<IReadOnlyList<GapItem>> GapsOf(Guid employeeId, ICompetencyGaps gaps, ICourseCatalog catalog, CancellationToken ct) =>
        await ToItems((await gaps.For([employeeId], ct))[employeeId], catalog, ct);

    /// <summary>Gaps as shown: each course by its title.</summary>
    public static async Task<IReadOnlyList<GapItem>> ToItems(IReadOnlyList<CompetencyGap> gaps, ICourseCatalog catalog, CancellationToken ct)
    {
        if (gaps.Count == 0) return []; // most people: the catalogue's titles are not needed
        var titles = (await catalog.Published(ct)).ToDictionary(c => c.Slug, c => c.Title);
        return gaps.Select(g => new GapItem(g.Code, g.Name, g.RequiredLevel, g.CurrentLevel,
                g.CourseSlugs.Select(s => new CourseRef(s, titles.GetValueOrDefault(s, s))).ToList())).ToList();
    }

    private static async Task<Results<Ok<IReadOnlyList<GapItem>>, ProblemHttpResult>> MyGaps(ClaimsPrincipal user, ICompetencyGaps gaps,
        ICourseCatalog catalog, IStringLocalizer text, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } employeeId) return Problems.NotFound(text["CareerRecords.NoEmployee"]);
        return TypedResults.Ok(await GapsOf(employeeId, gaps, catalog, ct));
    }

    public static AssessmentItem ToItem(this CompetencyAssessment a, EmployeeInfo person, IReadOnlyDictionary<string, string> names) =>
        new(a.Id, person.Nip, person.Name, a.PositionCode, a.Status switch { AssessmentStatus.Draft => "draft", AssessmentStatus.Submitted => "submitted", _ => "confirmed" }, a.SubmittedAt,
            a.ConfirmedAt, a.ConfirmedByName,
            a.Ratings.Select(r => new RatingItem(r.CompetencyCode, names.GetValueOrDefault(r.CompetencyCode, r.CompetencyCode), r.RequiredLevel,
                r.SelfLevel, r.SelfNote, r.AgreedLevel, r.Comment)).ToList());

    private static async Task<Dictionary<string, string>> Names(ICompetencyDictionary dictionary, CancellationToken ct) =>
        (await dictionary.List(ct)).ToDictionary(c => c.Code, c => c.Name, StringComparer.OrdinalIgnoreCase);

    private static async Task<Results<Ok<AssessmentSheetBody>, ProblemHttpResult>> MySheet(ClaimsPrincipal user, CompetencyAssessments assessments,
        IOrganisationDirectory organisation, ICompetencyDictionary dictionary, IStringLocalizer text, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } employeeId || await assessments.SheetOf(employeeId, ct) is not { } sheet)
            return Problems.NotFound(text["CareerRecords.NoEmployee"]);
        var names = await Names(dictionary, ct);
        var e = sheet.Employee;
        var supervisor = e.SupervisorId is { } s ? await organisation.FindEmployee(s, ct) : null;
        return TypedResults.Ok(new AssessmentSheetBody(e.Nip, e.PositionCode, e.PositionName, supervisor?.Nip,
            sheet.Lines.Select(l => new StandardItem(l.Competency.Code, l.Competency.Name, l.RequiredLevel, l.CurrentLevel,
                l.Standing is { Counts: true } st ? st.Source : null, l.Competency.Levels)).ToList(),
            sheet.Pending?.ToItem(e, names), sheet.History.Select(a => a.ToItem(e, names)).ToList(), sheet.Draft?.ToItem(e, names)));
    }

    private static async Task<Results<Created<AssessmentItem>, ProblemHttpResult>> Submit(HttpRequest request, CompetencyAssessments assessments,
        IOrganisationDirectory organisation, ICompetencyDictionary dictionary, LearningDbContext db, IStringLocalizer text, CancellationToken ct)
    {
        if (request.HttpContext.User.GetEmployeeId() is not { } employeeId || await organisation.FindEmployee(employeeId, ct) is not { } person)
            return Problems.NotFound(text["CareerRecords.NoEmployee"]);
        var (ok, body) = await JsonBodies.TryRead<RatingsRequest>(request, ct);
        if (!ok || body?.Ratings is null) return Problems.BadRequest(text["CareerRecords.Assessment.Body"]);
        var (assessment, errors) = await assessments.Submit(employeeId, body.Ratings, ct);
        if (assessment is null) return Problems.Validation(text["CareerRecords.Assessment.Refused"], errors);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/competency-assessments/{assessment.Id}", assessment.ToItem(person, await Names(dictionary, ct)));
    }

    /// <summary>Saves the ratings given so far as the caller's draft (levels 0: not chosen yet), replacing an earlier one.</summary>
    private static async Task<Results<Ok<AssessmentItem>, ProblemHttpResult>> SaveDraft(HttpRequest request, CompetencyAssessments assessments,
        IOrganisationDirectory organisation, ICompetencyDictionary dictionary, LearningDbContext db, IStringLocalizer text, CancellationToken ct)
    {
        if (request.HttpContext.User.GetEmployeeId() is not { } employeeId || await organisation.FindEmployee(employeeId, ct) is not { } person)
            return Problems.NotFound(text["CareerRecords.NoEmployee"]);
        var (ok, body) = await JsonBodies.TryRead<RatingsRequest>(request, ct);
        if (!ok || body?.Ratings is null) return Problems.BadRequest(text["CareerRecords.Assessment.Body"]);
        var (draft, errors) = await assessments.SaveDraft(employeeId, body.Ratings, ct);
        if (draft is null) return Problems.Validation(text["CareerRecords.Assessment.Refused"], errors);
        return TypedResults.Ok(draft.ToItem(person, await Names(dictionary, ct)));
    }

    private static async Task<Results<Ok<List<AssessmentItem>>, ProblemHttpResult>> Team(ClaimsPrincipal user, CompetencyAssessments assessments,
        ICompetencyDictionary dictionary, IStringLocalizer text, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } employeeId) return Problems.NotFound(text["CareerRecords.NoEmployee"]);
        var names = await Names(dictionary, ct);
        return TypedResults.Ok((await assessments.AwaitingConfirmation(employeeId, ct)).Select(p => p.Assessment.ToItem(p.Person, names)).ToList());
    }

    private static async Task<Results<Ok<AssessmentItem>, ProblemHttpResult>> One(Guid id, ClaimsPrincipal user, CompetencyAssessments assessments,
        ICompetencyDictionary dictionary, IStringLocalizer text, CancellationToken ct)
    {
        if (user.GetEmployeeId() is not { } employeeId || await assessments.Visible(id, employeeId, track: false, ct) is not { } found)
            return Problems.NotFound(text["CareerRecords.Assessment.NotFound"]);
        return TypedResults.Ok(found.Assessment.ToItem(found.Person, await Names(dictionary, ct)));
    }

    /// <summary>Body <c>{ratings: [{code, level, note}]}</c>: the note is the supervisor's comment; a competency left out keeps the self-rating.</summary>
    private static async Task<Results<Ok<AssessmentItem>, ProblemHttpResult>> Confirm(Guid id, HttpRequest request, CompetencyAssessments assessments,
        IOrganisationDirectory organisation, ICompetencyDictionary dictionary, LearningDbContext db, IStringLocalizer text, CancellationToken ct)
    {
        if (request.HttpContext.User.GetEmployeeId() is not { } employeeId) return Problems.NotFound(text["CareerRecords.Assessment.NotFound"]);
        var (ok, body) = await JsonBodies.TryRead<RatingsRequest>(request, ct);
        if (!ok) return Problems.BadRequest(text["CareerRecords.Assessment.Body"]);
        var (outcome, assessment, errors) = await assessments.Confirm(id, employeeId, body?.Ratings ?? [], ct);
        switch (outcome)
        {
            case CompetencyAssessments.ConfirmOutcome.NotFound: return Problems.NotFound(text["CareerRecords.Assessment.NotFound"]);
            case CompetencyAssessments.ConfirmOutcome.Own: return Decisions.OwnRequestProblem(text);
            case CompetencyAssessments.ConfirmOutcome.AlreadyConfirmed: return Problems.Conflict(errors[0]);
            case CompetencyAssessments.ConfirmOutcome.Invalid: return Problems.Validation(text["CareerRecords.Assessment.Refused"], errors);
        }
        await db.SaveChangesAsync(ct);
        var person = (await organisation.FindEmployee(assessment!.EmployeeId, ct))!;
        return TypedResults.Ok(assessment.ToItem(person, await Names(dictionary, ct)));
    }
}
