using Learning.Kernel;
using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Paths.Pages.Authoring;

/// <summary>The paths coordinators wrote, and (for administrators) the instances a step left faulted, with a retry.</summary>
[Authorize(Policy = Roles.Coordinator)]
public sealed class IndexModel(PathLibrary library, LearningDbContext db, PathEngine engine) : PageModel
{
    public IReadOnlyList<StoredPath> Paths { get; private set; } = [];
    public IReadOnlySet<string> Drafts { get; private set; } = new HashSet<string>();
    public IReadOnlyList<PathInstance> Faulted { get; private set; } = [];
    public bool Retried { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Administrator)) return Forbid();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var actor = User.GetEmployeeId() is { } me ? await engine.ActorOf(me, ct) : new Actor(User.Identity?.Name ?? "admin", User.GetUserId());
            await engine.Retry(id, actor, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        Retried = true;
        await Load(ct);
        return Page();
    }

    private async Task Load(CancellationToken ct)
    {
        Paths = await library.Written(ct);
        Drafts = (await db.Set<StoredPath>().AsNoTracking().Where(p => p.Status == DefinitionStatuses.Draft).Select(p => p.Key).ToListAsync(ct)).ToHashSet();
        if (User.IsInRole(Roles.Administrator))
            Faulted = await db.Set<PathInstance>().AsNoTracking().Where(i => i.Status == InstanceStatuses.Faulted)
                .OrderBy(i => i.UpdatedAt).Take(100).ToListAsync(ct);
    }
}
