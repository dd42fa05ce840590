using Learning.Accounts.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Accounts.Pages;

public sealed class PasswordModel(UserManager<LearningUser> users, SignInManager<LearningUser> signIn, Sessions sessions, IStringLocalizer text) : PageModel
{
    /// <summary>?required=1: sent here after signing in with a temporary password.</summary>
    [BindProperty(SupportsGet = true, Name = "required")] public string? RequiredFlag { get; set; }
    public bool Required => RequiredFlag is "1" or "true" && !Done;
    public bool Done { get; private set; }
    public List<string> Errors { get; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? current, string? @new, string? confirm, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(@new)) Errors.Add(text["Accounts.Password.Missing"]);
        else if (@new != confirm) Errors.Add(text["Accounts.Password.NoMatch"]);
        if (Errors.Count > 0) return Page();

        var result = await users.ChangePasswordAsync(user, current!, @new!);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Description));
            return Page();
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        // Every other browser and token of this person ends; this browser goes on in a new session.
        await sessions.EndAll(user.Id, ct);
        await sessions.SignIn(signIn, user, ct);
        Done = true;
        return Page();
    }
}
