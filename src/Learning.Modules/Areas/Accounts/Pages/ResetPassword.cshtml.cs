using Learning.Accounts.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Accounts.Pages;

/// <summary>Where a recovery or invitation link leads: the holder chooses a password (twice), then signs in as usual.</summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(AccountLinks links, IStringLocalizer text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    /// <summary>"invitation" (a first password) or "recovery".</summary>
    [BindProperty(SupportsGet = true, Name = "for")] public string? For { get; set; }
    public bool Invitation => For == "invitation";
    public LearningUser? Holder { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync()
    {
        // The link carries a secret: no other site learns it from this page's links.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Holder = await links.Holder(UserId, Token, Invitation);
    }

    public async Task<IActionResult> OnPostAsync(string? @new, string? confirm, CancellationToken ct)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Holder = await links.Holder(UserId, Token, Invitation);
        if (Holder is null) return Page();
        if (string.IsNullOrEmpty(@new)) Errors.Add(text["Accounts.Password.Missing"]);
        else if (@new != confirm) Errors.Add(text["Accounts.Password.NoMatch"]);
        if (Errors.Count > 0) return Page();

        var problems = await links.SetPassword(Holder, Token!, Invitation, @new!, ct);
        if (problems is null) return Redirect("~/login?set=password");
        // An empty problem: the link was used or went stale between the form and now.
        if (problems.Any(p => p.Length == 0))
        {
            Holder = null;
            return Page();
        }
        Errors.AddRange(problems);
        return Page();
    }
}
