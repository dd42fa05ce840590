using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Accounts.Pages;

/// <summary>"Lupa kata sandi": a link by e-mail to the address given; the answer is the same whether it is anyone's.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(AccountLinks links, LearningDbContext db) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    public bool Sent { get; private set; }
    public bool Missing { get; private set; }
    public bool Available => links.MailConfigured;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Available) return Page();
        if (string.IsNullOrWhiteSpace(Email))
        {
            Missing = true;
            return Page();
        }
        // The city's public address when it has one; else the address this page was asked on (the host check admits only
        // the platform's and the tenants' own names, so a forged Host cannot make the link point elsewhere).
        var site = db.Tenant.PublicUrl is { Length: > 0 } url ? url : $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        await links.Recover(Email, site, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", ct);
        Sent = true;
        return Page();
    }
}
