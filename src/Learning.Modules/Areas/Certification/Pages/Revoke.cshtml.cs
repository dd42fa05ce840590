using Learning.Certification.Api;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Certification.Pages;

/// <summary>Coordinators withdraw a certificate by number or code, with a reason that is kept.</summary>
[Authorize(Roles.Coordinator)]
public sealed class RevokeModel(LearningDbContext db, IAuditLog audit, TimeProvider clock, IStringLocalizer text) : PageModel
{
    public IReadOnlyList<Certificate> Recent { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    [BindProperty] public string? Key { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Task OnGetAsync(string? done)
    {
        if (done is not null) Message = text["Certification.Revoke.Done", done];
        return Load();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var reason = Reason?.Trim();
        var certificate = string.IsNullOrWhiteSpace(Key) ? null : await db.Set<Certificate>().FindByKey(Key);
        var status = StatusCodes.Status400BadRequest;
        if (certificate is null) Message = text["Certification.NotFound"];
        else if (User.IsOwn(certificate.EmployeeId)) (Message, status) = (Decisions.OwnRequest(text), StatusCodes.Status403Forbidden);
        else if (string.IsNullOrEmpty(reason) || reason.Length > 500) Message = text["Certification.Revoke.ReasonRequired"];
        else if (!certificate.Revoke(reason, User.GetUserId()!.Value, clock.GetUtcNow().UtcDateTime)) Message = text["Certification.Revoke.Already"];
        else
        {
            audit.Record(AuditActions.CertificateRevoked, $"{certificate.HolderName} ({certificate.HolderNip})", $"{certificate.Number}: {reason}");
            await db.SaveChangesAsync();
            return RedirectToPage(new { done = certificate.Number });
        }
        Failed = true;
        Response.StatusCode = status;
        await Load();
        return Page();
    }

    private async Task Load() =>
        Recent = await db.Set<Certificate>().AsNoTracking().OrderByDescending(c => c.CreatedAt).Take(50).ToListAsync();
}
