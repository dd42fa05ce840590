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
    public IReadOnlyList<ApprovalDto> Pending { get; private set; } = [];
    public string? Message { get; private set; }
    public bool IsError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostAsync(Guid id, string? decision, string? reason, CancellationToken ct)
    {
        reason = reason?.Trim();
        if (decision is not ("approve" or "reject")) (Message, IsError) = (text["Paths.Api.BadDecision"], true);
        else if (decision == "reject" && string.IsNullOrEmpty(reason)) (Message, IsError) = (text["Paths.Api.ReasonRequired"], true);
        else if (reason is { Length: > 1000 }) (Message, IsError) = (text["Paths.Api.ReasonTooLong"], true);
        else
        {
            var outcome = await approvals.Decide(id, PathsApi.CallerOf(User), decision == "approve", reason, ct);
            if (outcome == DecideOutcome.NotFound) return NotFound();
            (Message, IsError) = outcome == DecideOutcome.AlreadyDecided
                ? (text["Paths.Api.AlreadyDecided"], true)
                : (decision == "approve" ? text["Paths.Approvals.Approved"] : text["Paths.Approvals.Rejected"], false);
        }
        await Load(ct);
        return Page();
    }

    private async Task Load(CancellationToken ct)
    {
        var list = new List<ApprovalDto>();
        foreach (var a in await approvals.Pending(PathsApi.CallerOf(User), ct)) list.Add(await PathsApi.Describe(a, db, engine, library, ct));
        Pending = list;
    }
}
