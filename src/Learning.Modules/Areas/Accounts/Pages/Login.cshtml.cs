using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Accounts.Pages;

/// <summary>Log in with NIP or user name; repeated failures lock the login for a while.</summary>
[AllowAnonymous]
public sealed class LoginModel(UserManager<LearningUser> users, SignInManager<LearningUser> signIn, IStringLocalizer text) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = text["Accounts.Login.Missing"];
            return Page();
        }
        var user = await LoginLookup.Find(users, UserName);
        if (user is null) return Failed("Accounts.Login.Failed");

        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: true, lockoutOnFailure: true);
        if (result.IsLockedOut) return Failed("Accounts.Login.LockedOut");
        if (!result.Succeeded) return Failed("Accounts.Login.Failed");

        // The interface follows the language this person chose, on every device.
        LanguageCookie.Set(Response, user.Language);

        if (user.MustChangePassword) return Redirect("/account/password?required=1");
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    private PageResult Failed(string key)
    {
        Error = text[key];
        Password = null;
        return Page();
    }
}
