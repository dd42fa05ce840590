using Learning.Accounts.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Accounts.Pages;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<LearningUser> signIn, Sessions sessions) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The session ends on the server: a copy of the cookie kept elsewhere is refused from now on.
        if (Guid.TryParse(User.FindFirst(Sessions.Claim)?.Value, out var session)) await sessions.End(session, ct);
        var ended = User;
        await signIn.SignOutAsync();
        var login = Url.Content("~/login");
        return await SingleSignOn.EndAtProvider(HttpContext, ended, login) ?? LocalRedirect(login);
    }
}
