using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Paths.Api;
using Learning.Paths.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Paths.Pages;

/// <summary>One instance as a timeline: where it stands, what comes next, and every transition with who caused it.</summary>
public sealed class InstanceModel(LearningDbContext db, IOrganisationDirectory organisation, PathGate gate) : PageModel
{
    public Standing Standing { get; private set; } = null!;
    public EmployeeInfo? Learner { get; private set; }
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await PathsApi.Readable(id, User, db, organisation, ct) is not { } instance) return NotFound();
        Standing = await gate.Standing(instance, ct);
        Learner = await organisation.FindEmployee(instance.EmployeeId, ct);
        History = (await db.Set<HistoryEntry>().AsNoTracking().Where(h => h.InstanceId == id).ToListAsync(ct))
            .OrderBy(h => h.At).ThenBy(h => h.Id).ToList();
        return Page();
    }
}
