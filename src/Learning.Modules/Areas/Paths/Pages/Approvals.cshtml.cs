using Learning.Kernel;
using Learning.Paths.Api;
using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Paths.Pages;

/// <summary>The approval inbox: enrolments waiting for my decision (as supervisor, or as coordinator where the step asks one).</summary>
public sealed class ApprovalsModel(Approvals approvals, LearningDbContext db, PathEngine engine, PathLibrary library, IStringLocalizer text) : PageModel
{
    private const string DoneKey = "Paths.Approvals.Done", FailedKey = "Paths.Approvals.Failed";

    public IReadOnlyList<ApprovalDto> Pending { get; private set; } = [];
    public string? Message { get; private set; }
    public bool IsError { get; private set; }
    /// <summary>The approval whose form was refused, and what its reason box held, so the supervisor need not type it again.</summary>
    public Guid? FailedId { get; private set; }
    public string? Reason { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The outcome of the decision posted just before (post/redirect/get), shown once.
        if (TempData[DoneKey] is string done) (Message, IsError) = (done, TempData[FailedKey] is true);
        await Load(ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? decision, string? reason, CancellationToken ct)
    {
        reason = reason?.Trim();
        string? error = decision is not ("approve" or "reject") ? "Paths.Api.BadDecision"
            : decision == "reject" && string.IsNullOrEmpty(reason) ? "Paths.Api.ReasonRequired"
            : reason is { Length: > 1000 } ? "Paths.Api.ReasonTooLong"
            : null;
        if (error is not null)
        {
            // Nothing was decided: the page again, with the error and the form as it was typed.
            (Message, IsError, FailedId, Reason) = (text[error], true, id, reason);
            await Load(ct);
            return Page();
        }
        var outcome = await approvals.Decide(id, PathsApi.CallerOf(User), decision == "approve", reason, ct);
        if (outcome == DecideOutcome.NotFound) return NotFound();
        var failed = outcome == DecideOutcome.AlreadyDecided;
        TempData[DoneKey] = (failed ? text["Paths.Api.AlreadyDecided"] : decision == "approve" ? text["Paths.Approvals.Approved"] : text["Paths.Approvals.Rejected"]).Value;
        TempData[FailedKey] = failed;
        // A refresh then reloads the inbox instead of posting the decision again.
        return RedirectToPage();
    }

    private async Task Load(CancellationToken ct)
    {
        var list = new List<ApprovalDto>();
        foreach (var a in await approvals.Pending(PathsApi.CallerOf(User), ct)) list.Add(await PathsApi.Describe(a, db, engine, library, ct));
        Pending = list;
    }
}
