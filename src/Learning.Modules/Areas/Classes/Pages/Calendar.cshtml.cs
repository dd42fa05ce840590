using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Classes.Pages;

/// <summary>
/// "Kalender kelas": my secret feed address to subscribe to from the phone (made, or made anew to revoke the old one, by a
/// POST), how to add it on Android and iPhone, and my coming sessions by day in the city's zone.
/// </summary>
[Authorize]
public sealed class CalendarModel(CalendarFeeds feeds, CalendarEvents events, TimeProvider clock, IStringLocalizer text) : PageModel
{
    public string? FeedUrl { get; private set; }
    public IReadOnlyList<CalendarEvent> Upcoming { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return NotFound();
        if (await feeds.Token(employeeId, ct) is { } token) FeedUrl = Address(token);
        var now = clock.GetUtcNow().UtcDateTime;
        Upcoming = (await events.For(employeeId, null, ct)).Where(e => e.EndsAt >= now).ToList();
        return Page();
    }

    /// <summary>Makes the first address, or a new one in place of the old (which stops working at once).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId) return NotFound();
        var had = await feeds.Token(employeeId, ct) is not null;
        await feeds.Renew(employeeId, ct);
        Message = text[had ? "Classes.Calendar.Renewed" : "Classes.Calendar.Created"];
        return RedirectToPage();
    }

    private string Address(string token) => $"{Request.Scheme}://{Request.Host}{Request.PathBase}/calendar/{token}.ics";

    public string? Webcal => FeedUrl is null ? null : "webcal://" + FeedUrl[(FeedUrl.IndexOf("://", StringComparison.Ordinal) + 3)..];
}
