using Learning.Accounts.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Accounts.Pages;

/// <summary>Switches the interface language; a logged-in person keeps the choice on every device.</summary>
[AllowAnonymous]
public sealed class LanguageModel(UserManager<LearningUser> users) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("~/");

    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        var chosen = LanguageCookie.Normalise(language);
        LanguageCookie.Set(Response, chosen);

        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.Language != chosen)
        {
            user.Language = chosen;
            await users.UpdateAsync(user);
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "~/");
    }
}
