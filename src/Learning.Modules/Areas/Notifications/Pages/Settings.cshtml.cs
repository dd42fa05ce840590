using Learning.Accounts.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Pages;

/// <summary>My e-mail choices per kind of notice: at once, in the daily digest, or only here in the app.</summary>
public sealed class SettingsModel(EmailPreferencesStore store, IConfiguration configuration, IStringLocalizer text) : PageModel
{
    public IReadOnlyDictionary<NoticeKind, EmailChoice> Choices { get; private set; } = new Dictionary<NoticeKind, EmailChoice>();
    public bool Saved { get; private set; }
    public string? Error { get; private set; }
    public bool HasAddress { get; private set; } = true;
    public bool SendsEmail => SmtpDelivery.IsConfigured(configuration);

    public async Task OnGetAsync(bool saved = false, CancellationToken ct = default)
    {
        Saved = saved;
        await Load(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var choices = new Dictionary<NoticeKind, EmailChoice>();
        foreach (var kind in EmailWords.Kinds)
        {
            var word = Request.Form[kind.Name()].ToString();
            if (word.Length == 0) continue; // not sent: unchanged
            if (EmailWords.ParseChoice(word) is not { } choice)
            {
                Error = text["Notifications.Preferences.Invalid"];
                Response.StatusCode = 400;
                await Load(ct);
                return Page();
            }
            choices[kind] = choice;
        }
        await store.Save(User.GetUserId()!.Value, choices, ct);
        return RedirectToPage(new { saved = true });
    }

    private async Task Load(CancellationToken ct)
    {
        var userId = User.GetUserId()!.Value;
        Choices = await store.Get(userId, ct);
        HasAddress = await store.HasAddress(userId, ct);
    }
}
