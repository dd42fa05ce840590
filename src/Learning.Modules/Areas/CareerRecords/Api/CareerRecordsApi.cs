using System.Globalization;
using System.Security.Claims;
using Learning.CareerRecords.Competencies;
using Learning.CareerRecords.Contracts;
using Learning.Competencies.Contracts;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Learning.Kernel.Text;
using Learning.Media.Contracts;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.CareerRecords.Api;

public sealed record TrainingItem(
    Guid Id, string Source, string Status, string Title, string Institution, string JenisDiklat, string JenisKursus, decimal Jp,
    DateOnly StartOn, DateOnly EndOn, int Year, string CertificateNumber, string? CertificateCode, string? DocumentUrl, string? ReviewReason);
public sealed record JpSummary(int Year, decimal Total, decimal Required);
/// <summary>A competency held: <c>source</c> is certificate or assessment; status is active, reassessment-due or lapsed.</summary>
public sealed record CompetencyItem(string Code, string Name, int Level, DateOnly? ValidUntil, string Status, string Source, string? CertificateNumber);
public sealed record CareerRecordBody(string Nip, string Name, IReadOnlyList<TrainingItem> Trainings, IReadOnlyList<CompetencyItem> Competencies, JpSummary Jp);
public sealed record PendingTrainingItem(string Nip, string Name, string UnitCode, TrainingItem Training);
public sealed record ReviewRequest(string? Reason);

internal static class CareerRecordsApi
{
    public static void MapCareerRecordsApi(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/v1/me/career-record").WithTags("CareerRecords");
        me.MapGet("/", Mine);
        me.MapPost("/trainings", Enter).DisableAntiforgery(); // checked below for cookie calls; bearer calls carry no ambient credentials

        var coordinator = endpoints.MapGroup("/api/v1/career-records").WithTags("CareerRecords").RequireAuthorization(Roles.Coordinator);
        coordinator.MapGet("/trainings", Pending);
        coordinator.MapPost("/trainings/{id:guid}/verify", (Guid id, ClaimsPrincipal user, LearningDbContext db, IOrganisationDirectory organisation,
            IAuditLog audit, TimeProvider clock, IStringLocalizer text, HttpRequest http) =>
            Review(id, true, null, user, db, organisation, audit, clock, text, http.PathBase));
        coordinator.MapPost("/trainings/{id:guid}/reject", (Guid id, ReviewRequest request, ClaimsPrincipal user, LearningDbContext db,
            IOrganisationDirectory organisation, IAuditLog audit, TimeProvider clock, IStringLocalizer text, HttpRequest http) =>
            Review(id, false, request.Reason, user, db, organisation, audit, clock, text, http.PathBase));
        coordinator.MapGet("/export", Export);
        coordinator.MapGet("/compliance", Compliance);

        endpoints.MapGet("/career-record/csv", MyCsv).WithTags("CareerRecords");
        endpoints.MapGet("/career-records/trainings/{id:guid}/document", Document).WithTags("CareerRecords");
    }

    /// <param name="pathBase">The request's path base (<c>/t/{key}</c> for a tenant reached by prefix): the document link keeps it.</param>
    public static TrainingItem ToItem(this Training t, PathString pathBase) => new(t.Id, t.Source == TrainingSource.Platform ? "platform" : "external",
        t.Status.ToString().ToLowerInvariant(), t.Title, t.Institution, t.JenisDiklat, t.JenisKursus, t.Jp, t.StartOn, t.EndOn, t.Year,
        t.CertificateNumber, t.CertificateCode, t.DocumentBlobName is null ? null : pathBase.Add($"/career-records/trainings/{t.Id}/document").Value, t.ReviewReason);

    private static async Task<Results<Ok<CareerRecordBody>, ProblemHttpResult>> Mine(ClaimsPrincipal user, CareerRecordQueries queries,
        CompetencyRecords competencies, ICompetencyDictionary dictionary, IOrganisationDirectory organisation, CareerRecordsOptions options,
        TimeProvider clock, IStringLocalizer text, HttpRequest http, int? year)
    {
        if (user.GetEmployeeId() is not { } employeeId || await organisation.FindEmployee(employeeId) is not { } employee)
            return Problems.NotFound(text["CareerRecords.NoEmployee"]);
        var y = year ?? clock.ThisYear();
        var trainings = await queries.TrainingsOf(employeeId);
        var held = await CompetenciesOf(employeeId, competencies, dictionary);
        return TypedResults.Ok(new CareerRecordBody(employee.Nip, employee.Name, trainings.Select(t => t.ToItem(http.PathBase)).ToList(),
            held.Select(h => h.Item).ToList(), new JpSummary(y, await queries.JpOf(employeeId, y), options.RequiredJpPerYear)));
    }

    /// <summary>The person's competencies in dictionary order, each with the descriptor of its level.</summary>
    public static async Task<IReadOnlyList<(CompetencyItem Item, string Descriptor)>> CompetenciesOf(Guid employeeId, CompetencyRecords competencies,
        ICompetencyDictionary dictionary, CancellationToken ct = default) =>
        await CompetenciesOf(await competencies.StandingOf(employeeId, ct), dictionary, ct);

    /// <summary>As above, from a standing already read.</summary>
    public static async Task<IReadOnlyList<(CompetencyItem Item, string Descriptor)>> CompetenciesOf(IReadOnlyList<CompetencyStanding> standing,
        ICompetencyDictionary dictionary, CancellationToken ct = default)
    {
        var all = await dictionary.List(ct);
        var order = all.Select((c, i) => (c.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.OrdinalIgnoreCase);
        var byCode = all.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        return standing.OrderBy(s => order.GetValueOrDefault(s.Code, int.MaxValue)).ThenBy(s => s.Code)
            .Select(s =>
            {
                var info = byCode.GetValueOrDefault(s.Code);
                return (new CompetencyItem(s.Code, info?.Name ?? s.Code, s.Level, s.ValidUntil, s.Status, s.Source, s.CertificateNumber),
                    info is not null && s.Level >= 1 && s.Level <= info.Levels.Count ? info.Levels[s.Level - 1] : "");
            }).ToList();
    }

    private static async Task<Results<Created<TrainingItem>, ProblemHttpResult>> Enter(HttpContext http, ExternalTrainings external,
        LearningDbContext db, IAntiforgery antiforgery, IStringLocalizer text, CancellationToken ct)
    {
        if (http.User.GetEmployeeId() is not { } employeeId) return Problems.NotFound(text["CareerRecords.NoEmployee"]);
        if (!http.Request.HasFormContentType) return Problems.BadRequest(text["CareerRecords.External.ProofMissing"]);
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !await antiforgery.IsRequestValidAsync(http))
            return Problems.BadRequest(text["CareerRecords.Antiforgery"]);
        var form = await http.Request.ReadFormAsync(ct);
        var (training, errors) = await external.Enter(employeeId, ExternalTrainingInput.From(form), form.Files.GetFile("proof"), ct);
        if (training is null) return Problems.Validation(text["CareerRecords.External.Invalid"], errors);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/me/career-record", training.ToItem(http.Request.PathBase));
    }

    private static async Task<Ok<List<PendingTrainingItem>>> Pending(LearningDbContext db, IOrganisationDirectory organisation, HttpRequest http, string? status)
    {
        var wanted = Enum.TryParse<TrainingStatus>(status, ignoreCase: true, out var s) ? s : TrainingStatus.Pending;
        var lines = await db.Set<Training>().AsNoTracking()
            .Where(t => t.Source == TrainingSource.External && t.Status == wanted).OrderBy(t => t.CreatedAt).Take(500).ToListAsync();
        var people = (await organisation.FindEmployees(lines.Select(l => l.EmployeeId))).ToDictionary(e => e.Id);
        return TypedResults.Ok(lines.Select(t => new PendingTrainingItem(t.Nip, people.GetValueOrDefault(t.EmployeeId)?.Name ?? "", t.UnitCode, t.ToItem(http.PathBase))).ToList());
    }

    public static async Task<Results<Ok<TrainingItem>, ProblemHttpResult>> Review(Guid id, bool verified, string? reason,
        ClaimsPrincipal user, LearningDbContext db, IOrganisationDirectory organisation, IAuditLog audit, TimeProvider clock, IStringLocalizer text,
        PathString pathBase)
    {
        reason = reason?.Trim();
        if (!verified && (string.IsNullOrEmpty(reason) || reason.Length > 500)) return Problems.BadRequest(text["CareerRecords.Review.ReasonRequired"]);
        var training = await db.Set<Training>().FirstOrDefaultAsync(t => t.Id == id && t.Source == TrainingSource.External);
        if (training is null) return Problems.NotFound(text["CareerRecords.Training.NotFound"]);
        if (user.IsOwn(training.EmployeeId)) return Decisions.OwnRequestProblem(text);
        if (!training.Review(verified, reason, user.GetUserId()!.Value, clock.GetUtcNow().UtcDateTime))
            return Problems.Conflict(text["CareerRecords.Review.Already"]);
        var person = await organisation.FindEmployee(training.EmployeeId);
        audit.Record(AuditActions.TrainingReviewed, $"{person?.Name} ({training.Nip})",
            $"{(verified ? "verified" : "rejected")}: {training.Title}{(reason is { Length: > 0 } ? ": " + reason : "")}");
        await db.SaveChangesAsync();
        return TypedResults.Ok(training.ToItem(pathBase));
    }

    private static async Task<IResult> Export(ICareerRecordExport export, IStringLocalizer text, string? format, string? unit, int? year)
    {
        format = (format ?? "csv").ToLowerInvariant();
        if (format is not ("csv" or "json")) return Problems.BadRequest(text["CareerRecords.Export.Format"]);
        var rows = await export.Rows(unit, year);
        if (rows is null) return Problems.NotFound(text["CareerRecords.Export.UnknownUnit", unit ?? ""]);
        var name = $"riwayat-kursus{(unit is null ? "" : "-" + unit.ToLowerInvariant())}{(year is null ? "" : "-" + year)}";
        if (format == "json")
        {
            var json = new MemoryStream();
            await export.WriteJson(rows, json);
            return TypedResults.File(json.ToArray(), "application/json", name + ".json");
        }
        var csv = new StringWriter();
        await export.WriteCsv(rows, csv);
        return TypedResults.File(CsvText.Bytes(csv.ToString()), CsvText.ContentType, name + ".csv");
    }

    private static async Task<IResult> Compliance(CareerRecordQueries queries, TimeProvider clock, int? year, string? format)
    {
        var report = await queries.Compliance(year ?? clock.ThisYear());
        if (!string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)) return TypedResults.Ok(report);
        return TypedResults.File(CsvText.Bytes(ComplianceCsv(report)), CsvText.ContentType, $"kepatuhan-jp-{report.Year}.csv");
    }

    public static string ComplianceCsv(ComplianceReport report) =>
        CsvText.Write(["unit", "namaUnit", "jumlahPegawai", "memenuhi", "persen"],
            report.Units.Append(report.City with { UnitCode = "KOTA", UnitName = "Kota" })
                .Select(u => (IEnumerable<object?>)[u.UnitCode, u.UnitName, u.People, u.Compliant, u.Percent]));

    private static async Task<IResult> MyCsv(ClaimsPrincipal user, CareerRecordQueries queries, IStringLocalizer text)
    {
        if (user.GetEmployeeId() is not { } employeeId) return Problems.NotFound(text["CareerRecords.NoEmployee"]);
        var trainings = await queries.TrainingsOf(employeeId);
        var csv = CsvText.Write(
            ["namaKursus", "institusiPenyelenggara", "jenisDiklat", "jenisKursus", "jumlahJam", "tanggalKursus", "tanggalSelesaiKursus", "tahunKursus", "nomorSertipikat", "status"],
            trainings.Select(t => (IEnumerable<object?>)[t.Title, t.Institution, t.JenisDiklat, t.JenisKursus, t.Jp.ToString("0.##", CultureInfo.InvariantCulture),
                t.StartOn, t.EndOn, t.Year, t.CertificateNumber, t.Status.ToString().ToLowerInvariant()]));
        return TypedResults.File(CsvText.Bytes(csv), CsvText.ContentType, "riwayat-pengembangan-kompetensi.csv");
    }

    /// <summary>The proof or certificate behind a line: its owner and coordinators; others get a 404.</summary>
    private static async Task<IResult> Document(Guid id, ClaimsPrincipal user, LearningDbContext db, IBlobStore blobs, IStringLocalizer text)
    {
        var training = await db.Set<Training>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id);
        var allowed = training?.DocumentBlobName is not null
            && (training.EmployeeId == user.GetEmployeeId() || user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Administrator));
        if (!allowed || await blobs.Get(training!.DocumentBlobName!) is not { } blob) return Problems.NotFound(text["CareerRecords.Training.NotFound"]);
        return TypedResults.Stream(blob.Content, training.DocumentContentType ?? "application/octet-stream", $"bukti-{training.Id:N}.{ProofFiles.Extension(training.DocumentContentType ?? "")}");
    }
}
