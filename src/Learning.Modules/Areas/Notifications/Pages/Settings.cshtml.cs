using Learning.Accounts.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Pages;

/// <summary>
/// My e-mail choices per kind of notice (at once, in the daily digest, or only here in the app), and which kinds are pushed to the
/// browsers where I turned push on (push.js turns it on and off; without it the section says push needs a capable browser).
/// </summary>
public sealed class SettingsModel(EmailPreferencesStore store, LearningDbContext db, IConfiguration configuration, IStringLocalizer text) : PageModel
{
    /// <summary>Sent with the push checkboxes, so a form without any ticked still says "push off for all" rather than "unchanged".</summary>
    public const string PushField = "push", PushShownField = "push-shown";

    public IReadOnlySet<NoticeKind> Pushed { get; private set; } = new HashSet<NoticeKind>();
    public int Devices { get; private set; }
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
        IReadOnlyCollection<NoticeKind>? pushed = null;
        if (Request.Form.ContainsKey(PushShownField))
        {
            var words = Request.Form[PushField].Select(w => EmailWords.ParseKind(w)).ToList();
            if (words.Any(k => k is null || !PushWords.Kinds.Contains(k.Value)))
            {
                Error = text["Notifications.Preferences.Invalid"];
                Response.StatusCode = 400;
                await Load(ct);
                return Page();
            }
            pushed = words.Select(k => k!.Value).ToHashSet();
        }
        await store.Save(User.GetUserId()!.Value, choices, ct, pushed);
        return RedirectToPage(new { saved = true });
    }

    private async Task Load(CancellationToken ct)
    {
        var userId = User.GetUserId()!.Value;
        Choices = await store.Get(userId, ct);
        HasAddress = await store.HasAddress(userId, ct);
        Pushed = await store.GetPush(userId, ct);
        Devices = await db.Set<WebPushSubscription>().CountAsync(s => s.UserId == userId, ct);
    }
}
