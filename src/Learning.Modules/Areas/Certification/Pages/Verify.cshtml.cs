using Learning.Certification.Api;
using Learning.Certification.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certification.Pages;

/// <summary>Where the QR code leads: anyone may check a certificate; the NIP is masked.</summary>
[AllowAnonymous]
[EnableRateLimiting(CertificationApi.VerifyPolicy)]
public sealed class VerifyModel(LearningDbContext db, TimeProvider clock, CertificationOptions options) : PageModel
{
    /// <summary>The tenant that issued it (the host answering is the tenant whose certificate this is).</summary>
    public CertifyingBody Issuer => options.BodyOf(db.Tenant);
    public Certificate? Certificate { get; private set; }
    public CertificateStatus Status { get; private set; }

    public async Task OnGetAsync(string code)
    {
        Certificate = CertificateNumbers.LooksLikeCode(code)
            ? await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Code == code)
            : null;
        if (Certificate is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Status = Certificate.StatusOn(clock.Today());
    }
}
