using System.Security.Claims;
using Learning.Kernel.Text;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Api;

/// <summary>The coordinator's reports as JSON, or CSV with <c>?format=csv</c>.</summary>
internal static class ReportsApi
{
    public static void MapReportsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(Roles.Coordinator);
        api.MapGet("/units", Units).Produces<UnitReport>();
        api.MapGet("/courses", Courses).Produces<List<CourseRow>>();
        api.MapGet("/items/{course}", Items).Produces<ItemReport>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Csv(string body, string name) => TypedResults.File(CsvText.Bytes(body), CsvText.ContentType, name);

    private static async Task<IResult> Units(string? format, ClaimsPrincipal user, ReportQueries reports, CancellationToken ct)
    {
        var report = await reports.PerUnit(await reports.UnitsFor(user, ct), ct);
        return format == "csv" ? Csv(ReportQueries.UnitsCsv(report), $"laporan-unit-{report.Year}.csv") : TypedResults.Ok(report);
    }

    private static async Task<IResult> Courses(string? format, ClaimsPrincipal user, ReportQueries reports, CancellationToken ct)
    {
        var rows = await reports.PerCourse(await reports.UnitsFor(user, ct), ct);
        return format == "csv" ? Csv(ReportQueries.CoursesCsv(rows), "laporan-kursus.csv") : TypedResults.Ok(rows);
    }

    private static async Task<IResult> Items(string course, string? format, ReportQueries reports, IStringLocalizer text, CancellationToken ct)
    {
        if (await reports.Items(course, ct) is not { } report) return Problems.NotFound(text["Reports.CourseNotFound", course]);
        return format == "csv" ? Csv(ReportQueries.ItemsCsv(report), $"analisis-butir-{course}.csv") : TypedResults.Ok(report);
    }
}
