using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Pages;

/// <summary>My inbox: newest first; opening it does not mark anything read, the button does.</summary>
public sealed class IndexModel(LearningDbContext db, TimeProvider clock, IStringLocalizer text) : PageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public (string Title, string Body) Render(Notification n) => text.Render(n);

    /// <summary>When it came, on the city's clock.</summary>
    public string When(DateTime utc) => new CityFormat(clock).LongDateAndTime(utc);

    public async Task OnGetAsync()
    {
        var userId = User.GetUserId()!.Value;
        Items = await db.Set<Notification>().AsNoTracking().Where(n => n.RecipientUserId == userId)
            .OrderByDescending(n => n.CreatedAt).Take(100).ToListAsync();
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var userId = User.GetUserId()!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<Notification>().Where(n => n.RecipientUserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now));
        db.MoveStamps([userId]); // the unread count on every cached page
        return RedirectToPage();
    }
}
