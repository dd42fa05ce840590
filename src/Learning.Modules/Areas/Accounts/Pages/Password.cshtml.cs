using Learning.Kernel;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Accounts.Pages;

public sealed class PasswordModel(UserManager<LearningUser> users, SignInManager<LearningUser> signIn, IStringLocalizer text) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Required { get; set; }
    public bool Done { get; private set; }
    public List<string> Errors { get; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? current, string? @new, string? confirm)
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
        await signIn.RefreshSignInAsync(user);
        Done = true;
        Required = false;
        return Page();
    }
}
