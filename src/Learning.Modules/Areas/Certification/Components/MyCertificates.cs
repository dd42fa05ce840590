using Learning.Certification.Api;
using Learning.Certification.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certification.Components;

public sealed record MyCertificateLine(string Number, string Code, string Course, DateOnly IssuedOn, DateOnly? ValidUntil, CertificateStatus Status);

/// <summary>Home section "Sertifikat saya": my certificates with their status and a PDF link.</summary>
public sealed class MyCertificatesViewComponent(LearningDbContext db, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var employeeId = UserClaimsPrincipal.GetEmployeeId();
        var today = clock.Today();
        var mine = await db.Set<Certificate>().AsNoTracking().Where(c => c.EmployeeId == employeeId)
            .OrderByDescending(c => c.IssuedOn).Take(20).ToListAsync();
        return View("/Areas/Certification/Components/MyCertificates.cshtml",
            mine.Select(c => new MyCertificateLine(c.Number, c.Code, c.CourseTitle, c.IssuedOn, c.ValidUntil, c.StatusOn(today))).ToList());
    }
}
