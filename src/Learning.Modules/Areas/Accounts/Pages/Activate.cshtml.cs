using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Accounts.Pages;

/// <summary>A person without a password turns the code from their printed slip into a password, then signs in as usual.</summary>
[AllowAnonymous]
public sealed class ActivateModel(ActivationCodes activation) : PageModel
{
    [BindProperty] public string? Nip { get; set; }
    [BindProperty] public string? Code { get; set; }
    public List<string> Errors { get; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? @new, string? confirm, CancellationToken ct)
    {
        var outcome = await activation.Activate(HttpContext, Nip, Code, @new, confirm ?? "", ct);
        if (outcome.Done) return LocalRedirect("~/login?activated=1");
        Errors.AddRange(outcome.Errors);
        if (!outcome.Throttled) return Page();
        Response.Headers.RetryAfter = LoginModel.RetryAfterSeconds(outcome.RetryAfter);
        return new PageResult { StatusCode = StatusCodes.Status429TooManyRequests };
    }
}
