using System.Security.Claims;
using Learning.Certification.Contracts;
using Learning.Competencies.Contracts;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Certification.Api;

public sealed record MyCertificateItem(string Number, string Code, string Course, DateOnly IssuedOn, DateOnly? ValidUntil, string Status, string PdfUrl);
public sealed record VerificationBody(bool Valid, string Holder, string Nip, string Number, string Course, decimal Jp, DateOnly IssuedOn, DateOnly? ValidUntil, string Status,
    string Institution);
public sealed record RevokeRequest(string? Reason);
public sealed record RevokedBody(string Number, string Status, string Reason, DateTime RevokedAt);

internal static class CertificationApi
{
    public const string VerifyPolicy = "certificate-verify";

    public static void MapCertificationApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/me/certificates", Mine).WithTags("Certification");
        var api = endpoints.MapGroup("/api/v1/certificates").WithTags("Certification");
        api.MapGet("/verify/{code}", Verify).AllowAnonymous().RequireRateLimiting(VerifyPolicy);
        api.MapPost("/{key}/revoke", Revoke).RequireAuthorization(Roles.Coordinator);
        endpoints.MapGet("/certificates/{key}/pdf", Pdf).WithTags("Certification");
    }

    /// <summary>By id, by verification code, or by number (its slashes URL-encoded).</summary>
    public static Task<Certificate?> FindByKey(this IQueryable<Certificate> certificates, string key)
    {
        var value = Uri.UnescapeDataString(key).Trim();
        if (Guid.TryParse(value, out var id)) return certificates.FirstOrDefaultAsync(c => c.Id == id);
        return value.Contains('/')
            ? certificates.FirstOrDefaultAsync(c => c.Number == value.ToUpperInvariant())
            : certificates.FirstOrDefaultAsync(c => c.Code == value.ToLowerInvariant());
    }

    private static async Task<Ok<List<MyCertificateItem>>> Mine(ClaimsPrincipal user, LearningDbContext db, TimeProvider clock)
    {
        var employeeId = user.GetEmployeeId();
        var today = clock.Today();
        var mine = await db.Set<Certificate>().AsNoTracking().Where(c => c.EmployeeId == employeeId)
            .OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.Number).ToListAsync();
        return TypedResults.Ok(mine.Select(c => new MyCertificateItem(c.Number, c.Code, c.CourseTitle, c.IssuedOn, c.ValidUntil,
            c.StatusOn(today).Name(), $"/certificates/{c.Code}/pdf")).ToList());
    }

    private static async Task<Results<Ok<VerificationBody>, ProblemHttpResult>> Verify(string code, LearningDbContext db, TimeProvider clock,
        CertificationOptions options, IStringLocalizer text)
    {
        var certificate = CertificateNumbers.LooksLikeCode(code)
            ? await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == code)
            : null;
        if (certificate is null) return Problems.NotFound(text["Certification.Verify.NotFound"]);
        var status = certificate.StatusOn(clock.Today());
        return TypedResults.Ok(new VerificationBody(status is CertificateStatus.Valid or CertificateStatus.ReassessmentDue,
            certificate.HolderName, CertificateNumbers.MaskNip(certificate.HolderNip), certificate.Number, certificate.CourseTitle,
            certificate.Jp, certificate.IssuedOn, certificate.ValidUntil, status.Name(), options.BodyOf(db.Tenant).Institution));
    }

    private static async Task<Results<Ok<RevokedBody>, ProblemHttpResult>> Revoke(
        string key, RevokeRequest request, ClaimsPrincipal user, LearningDbContext db, IAuditLog audit, TimeProvider clock, IStringLocalizer text)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > 500)
            return Problems.BadRequest(text["Certification.Revoke.ReasonRequired"]);
        var certificate = await db.Set<Certificate>().FindByKey(key);
        if (certificate is null) return Problems.NotFound(text["Certification.NotFound"]);
        if (user.IsOwn(certificate.EmployeeId)) return Decisions.OwnRequestProblem(text);
        if (!certificate.Revoke(request.Reason.Trim(), user.GetUserId()!.Value, clock.GetUtcNow().UtcDateTime))
            return Problems.Conflict(text["Certification.Revoke.Already"]);
        audit.Record(AuditActions.CertificateRevoked, $"{certificate.HolderName} ({certificate.HolderNip})", $"{certificate.Number}: {certificate.RevocationReason}");
        await db.SaveChangesAsync();
        return TypedResults.Ok(new RevokedBody(certificate.Number, certificate.StatusOn(clock.Today()).Name(), certificate.RevocationReason!, certificate.RevokedAt!.Value));
    }

    /// <summary>The holder and coordinators; anyone else gets the same 404 as for a missing certificate.</summary>
    /// <summary>
    /// The stored PDF, or, until the outbox has written it (right after passing), the same PDF rendered from the row.
    /// </summary>
    private static async Task<IResult> Pdf(string key, ClaimsPrincipal user, LearningDbContext db, IBlobStore blobs, CertificatePdf pdf,
        CertificationOptions options, ICompetencyDictionary competencies, IStringLocalizer text)
    {
        var certificate = await db.Set<Certificate>().AsNoTracking().FindByKey(key);
        var allowed = certificate is not null
            && (certificate.EmployeeId == user.GetEmployeeId() || user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Administrator));
        if (!allowed) return Problems.NotFound(text["Certification.NotFound"]);
        var name = certificate!.Number.Replace('/', '-') + ".pdf";
        return await blobs.Get(certificate.PdfBlobName) is { } blob
            ? TypedResults.Stream(blob.Content, "application/pdf", name)
            : TypedResults.File(pdf.Render(certificate, options.BodyOf(db.Tenant), await competencies.List()), "application/pdf", name);
    }
}
