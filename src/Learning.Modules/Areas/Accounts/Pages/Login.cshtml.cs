using System.Globalization;
using Learning.Accounts.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Accounts.Pages;

/// <summary>Log in with NIP or user name; repeated failures slow further attempts down (<see cref="SignInThrottle"/>).</summary>
[AllowAnonymous]
public sealed class LoginModel(SignInThrottle throttle, Sessions sessions, SignInManager<LearningUser> signIn, IStringLocalizer text,
    SignInMethods methods) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    /// <summary>Why single sign-on sent the person back here ("unknown", "failed").</summary>
    [BindProperty(SupportsGet = true)] public string? Sso { get; set; }
    public string? Error { get; private set; }
    public SignInMethods Methods => methods;
    /// <summary>?set=password: back from choosing a password by a recovery or invitation link.</summary>
    [BindProperty(SupportsGet = true, Name = "set")] public string? SetFlag { get; set; }
    public bool PasswordSet => SetFlag == "password";
    /// <summary>?activated=1: sent here from /activate.</summary>
    [BindProperty(SupportsGet = true, Name = "activated")] public string? ActivatedFlag { get; set; }
    public bool Activated => ActivatedFlag is "1";

    public void OnGet() => Error = Sso switch
    {
        "unknown" => text["Accounts.Sso.Unknown", methods.DisplayName].Value,
        "failed" => text["Accounts.Sso.Failed", methods.DisplayName].Value,
        _ => null,
    };

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = text["Accounts.Login.Missing"];
            return Page();
        }
        if (!methods.AllowsPassword(UserName))
        {
            Error = text["Accounts.Sso.PasswordsOff", methods.DisplayName];
            Password = null;
            return Page();
        }
        var check = await throttle.Check(HttpContext, UserName, Password, ct);
        if (check.Throttled)
        {
            Response.Headers.RetryAfter = RetryAfterSeconds(check.RetryAfter);
            Error = ThrottledMessage(text, check.RetryAfter);
            Password = null;
            return new PageResult { StatusCode = StatusCodes.Status429TooManyRequests };
        }
        if (check.User is not { } user)
        {
            // One message for an unknown name and a wrong password: the page does not say which logins exist.
            Error = text["Accounts.Login.Failed"];
            Password = null;
            return Page();
        }

        if (user.IsDeactivated)
        {
            // Said only to whoever knows the password: the person learns why, a stranger learns nothing.
            Error = text["Accounts.Staff.SignInRefused"];
            Password = null;
            return new PageResult { StatusCode = StatusCodes.Status403Forbidden };
        }

        await sessions.SignIn(signIn, user, ct);
        // The interface follows the language this person chose, on every device.
        LanguageCookie.Set(Response, user.Language);

        if (user.MustChangePassword) return LocalRedirect("~" + SessionGate.PasswordPage + "?required=1");
        // "~/" keeps the path base: a city served under /t/{key} lands on its own home page.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "~/");
    }

    internal static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>"Try again in 30 seconds / 4 minutes", rounded up.</summary>
    internal static string ThrottledMessage(IStringLocalizer text, TimeSpan wait) => wait.TotalSeconds <= 90
        ? text["Accounts.Login.ThrottledSeconds", Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))]
        : text["Accounts.Login.ThrottledMinutes", (int)Math.Ceiling(wait.TotalMinutes)];
}
