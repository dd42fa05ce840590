using Learning.Kernel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Classes.Pages;

/// <summary>
/// The screen the trainer or coordinator puts on the projector: the code of this minute, big, and a QR code that opens the
/// learner's check-in page with the code filled in, and how many are present. A small script of ours fetches the page
/// again when the code changes (and every few seconds for the count); without scripts a meta refresh does the same.
/// </summary>
public sealed class SessionCheckInModel(ClassAttendance attendance, TimeProvider clock, IStringLocalizer text) : PageModel
{
    public RunningSession Run { get; private set; } = null!;
    public ShownCode Code { get; private set; } = null!;
    public string CheckInUrl { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public int Present { get; private set; }
    public int Registered { get; private set; }
    public bool Open { get; private set; }
    /// <summary>Seconds until the page should be fetched again: the next code, or the next count, whichever comes first.</summary>
    public int RefreshSeconds { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int n, CancellationToken ct)
    {
        if (await attendance.Find(id, n, ct) is not { } run) return NotFound();
        if (!await attendance.MayRun(id, User, ct)) return Forbid();
        Run = run;
        Code = await attendance.CodeFor(run.Session, ct);
        (Present, Registered) = await attendance.Count(run.Session, ct);
        var now = clock.GetUtcNow();
        Open = run.Class.Status == Contracts.ClassStatuses.Scheduled && run.Session.CheckInOpen(now.UtcDateTime);
        CheckInUrl = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/classes/{id}/check-in?kode={Code.Code}";
        QrSvg = CheckInQr.Svg(CheckInUrl, text["Classes.Screen.QrAlt", Code.Code]);
        RefreshSeconds = (int)Math.Clamp(Math.Ceiling((Code.ChangesAt - now).TotalSeconds) + 1, 1, 10);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
