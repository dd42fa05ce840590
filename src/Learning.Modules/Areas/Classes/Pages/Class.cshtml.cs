using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Classes.Pages;

/// <summary>A class as a learner sees it: sessions on the city's clock, trainers by name, places left, their status; register or cancel.</summary>
public sealed class ClassModel(ClassAccess access, ClassRegistrations registrations, IOrganisationDirectory directory, TimeProvider clock,
    IStringLocalizer text) : PageModel
{
    public Class Class { get; private set; } = null!;
    public IReadOnlyList<EmployeeInfo> Trainers { get; private set; } = [];
    public ClassRegistration? Mine { get; private set; }
    public bool IsEmployee { get; private set; }
    public bool RegistrationOpen { get; private set; }
    public string? Problem { get; private set; }
    /// <summary>A trainer of the class or a coordinator: the sessions' check-in screens and rolls, and the evaluation report.</summary>
    public bool Teaches { get; private set; }
    public bool Coordinates { get; private set; }
    /// <summary>The viewer holds a place (or finished) and the first session has begun: the reaction form is theirs to fill in.</summary>
    public bool EvaluationOpen { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await Load(id, ct) is { } viewer ? Page() : NotFound();

    public async Task<IActionResult> OnPostRegisterAsync(Guid id, CancellationToken ct)
    {
        if (await Load(id, ct) is not { } viewer) return NotFound();
        if (viewer.EmployeeId is not { } me) return Forbid();
        // Register's own rules decide (already registered, window closed, audience, the course withdrawn): its problem is shown.
        var result = await registrations.Register(id, me, null, ct);
        if (result.Problem is { } problem) return await Again(id, problem, result.StatusCode, ct);
        Message = text["Classes.Learner.Registered." + result.Status].Value;
        return LocalRedirect($"~/classes/{id}");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        if (await Load(id, ct) is not { } viewer) return NotFound();
        if (viewer.EmployeeId is not { } me) return Forbid();
        if (Mine is not { IsOpen: true } mine) return Refuse(text["Classes.Learner.NothingToCancel"], StatusCodes.Status400BadRequest);
        var result = await registrations.Cancel(mine.Id, me, ct);
        if (result.Problem is { } problem) return await Again(id, problem, result.StatusCode, ct);
        Message = text["Classes.Learner.Cancelled"].Value;
        return LocalRedirect($"~/classes/{id}");
    }

    private IActionResult Refuse(string problem, int status)
    {
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult> Again(Guid id, string problem, int status, CancellationToken ct)
    {
        await Load(id, ct); // what the refusal left, read again
        return Refuse(problem, status is >= 400 and < 600 ? status : StatusCodes.Status400BadRequest);
    }

    private async Task<Viewer?> Load(Guid id, CancellationToken ct)
    {
        var viewer = await access.Of(User, ct);
        if (await access.Visible(id, viewer, ct) is not { } cls) return null;
        Class = cls;
        IsEmployee = viewer.EmployeeId is not null;
        Trainers = (await directory.FindEmployees(cls.Trainers.Select(t => t.EmployeeId), ct)).OrderBy(t => t.Name).ToList();
        Mine = await access.MineIn(id, viewer.EmployeeId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        RegistrationOpen = cls.RegistrationOpen(now);
        Coordinates = viewer.Staff;
        Teaches = viewer.Staff || (viewer.EmployeeId is { } me && cls.Trainers.Any(t => t.EmployeeId == me));
        EvaluationOpen = Mine is { Status: RegistrationStatuses.Registered or RegistrationStatuses.Completed }
            && cls.Sessions.Where(s => !s.Cancelled).Select(s => (DateTime?)s.StartsAt).Min() is { } first && first <= now;
        return viewer;
    }
}
