using Learning.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Classes.Pages;

/// <summary>
/// The trainer's roll on the phone: everyone registered with a tick box. The page sends back who it showed as present
/// (<see cref="Shown"/>), so saving changes only the ticks this trainer changed and another trainer's ticks at the same
/// moment survive. After the session has ended a change needs a reason and lands in the correction log shown below.
/// </summary>
public sealed class RollModel(ClassAttendance attendance, TimeProvider clock, IStringLocalizer text) : PageModel
{
    [BindProperty] public List<Guid> Present { get; set; } = [];
    [BindProperty] public List<Guid> Shown { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    public RunningSession Run { get; private set; } = null!;
    public IReadOnlyList<RollLine> Lines { get; private set; } = [];
    public IReadOnlyList<CorrectionLine> Corrections { get; private set; } = [];
    public bool Late { get; private set; }
    public string? Message { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int n, int? added, int? removed, CancellationToken ct)
    {
        if (await Load(id, n, ct) is { } refused) return refused;
        if (added is not null || removed is not null)
            Message = added + removed == 0 ? text["Classes.Roll.NoChange"] : text["Classes.Roll.Saved", added ?? 0, removed ?? 0];
        await Read(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int n, CancellationToken ct)
    {
        if (await Load(id, n, ct) is { } refused) return refused;
        var by = User.GetEmployeeId() ?? User.GetUserId() ?? Guid.Empty;
        var outcome = await attendance.SaveRoll(Run, by, Shown, Present, Reason, ct);
        if (outcome.Saved) return LocalRedirect($"~/classes/{id}/sessions/{n}/roll?added={outcome.Added}&removed={outcome.Removed}");
        Problem = outcome.Problem;
        await Read(ct);
        // What the trainer ticked stays ticked, so they only add the reason.
        Lines = Lines.Select(l => l with { Present = Present.Contains(l.EmployeeId) }).ToList();
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    private async Task<IActionResult?> Load(Guid id, int n, CancellationToken ct)
    {
        if (await attendance.Find(id, n, ct) is not { } run) return NotFound();
        if (!await attendance.MayRun(id, User, ct)) return Forbid();
        Run = run;
        Late = clock.GetUtcNow().UtcDateTime > run.Session.EndsAt;
        return null;
    }

    private async Task Read(CancellationToken ct)
    {
        Lines = await attendance.Roll(Run.Session, ct);
        Corrections = await attendance.Corrections(Run.Session, ct);
    }
}
