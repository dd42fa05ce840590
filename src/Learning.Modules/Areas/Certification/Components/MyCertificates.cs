using Learning.Certification.Api;
using Learning.Certification.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certification.Components;

/// <param name="Reassessment">Where (below the site root) the holder sits the reassessment: the assessment of the enrolment it was earned on (the path
/// opens a fresh round there), else the course.</param>
public sealed record MyCertificateLine(string Number, string Code, string Course, DateOnly IssuedOn, DateOnly? ValidUntil, CertificateStatus Status,
    string Reassessment);

/// <summary>Home section "Sertifikat saya": my certificates with their expiry, status (a due reassessment links to it) and a PDF link.</summary>
public sealed class MyCertificatesViewComponent(LearningDbContext db, TimeProvider clock) : ViewComponent
{
    // Compiled: every home page asks it (bench/README.md, fifth round).
    private static readonly CompiledQuery<Func<LearningDbContext, Guid?, IAsyncEnumerable<Certificate>>> Latest = new(() =>
        EF.CompileAsyncQuery((LearningDbContext db, Guid? employeeId) => db.Set<Certificate>().AsNoTracking().Where(c => c.EmployeeId == employeeId)
            .OrderByDescending(c => c.IssuedOn).Take(20)));

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var employeeId = UserClaimsPrincipal.GetEmployeeId();
        var today = clock.Today();
        var mine = await Latest.For(db)(db, employeeId).ToListAsync(HttpContext.RequestAborted);
        return View("/Areas/Certification/Components/MyCertificates.cshtml",
            mine.Select(c => new MyCertificateLine(c.Number, c.Code, c.CourseTitle, c.IssuedOn, c.ValidUntil, c.StatusOn(today),
                c.EnrolmentId == Guid.Empty ? $"courses/{c.CourseSlug}" : $"assessment/{c.EnrolmentId}")).ToList());
    }
}
