using Learning.Classes.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Classes.Pages.Authoring;

/// <summary>The city's classes for coordinators: upcoming first (by first session), then past ones, with places and the waitlist.</summary>
[Authorize(Policy = Roles.Coordinator)]
public sealed class IndexModel(LearningDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(Class Class, DateTime? First, DateTime? Last, int Waitlisted, int Pending);

    public IReadOnlyList<Row> Upcoming { get; private set; } = [];
    public IReadOnlyList<Row> Past { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var classes = await db.Set<Class>().AsNoTracking().Include(c => c.Sessions).AsSplitQuery().ToListAsync(ct);
        var waiting = await db.Set<ClassRegistration>().Where(r => r.Status == RegistrationStatuses.Waitlisted || r.Status == RegistrationStatuses.PendingApproval)
            .GroupBy(r => new { r.ClassId, r.Status }).Select(g => new { g.Key.ClassId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        int Count(Guid id, string status) => waiting.FirstOrDefault(w => w.ClassId == id && w.Status == status)?.Count ?? 0;
        var rows = classes.Select(c =>
        {
            var held = c.Sessions.Where(s => !s.Cancelled).ToList();
            return new Row(c, held.Select(s => (DateTime?)s.StartsAt).Min(), held.Select(s => (DateTime?)s.EndsAt).Max(),
                Count(c.Id, RegistrationStatuses.Waitlisted), Count(c.Id, RegistrationStatuses.PendingApproval));
        }).ToList();
        Upcoming = rows.Where(r => r.Class.Status == ClassStatuses.Scheduled && r.Last > now).OrderBy(r => r.First).ToList();
        Past = rows.Except(Upcoming).OrderByDescending(r => r.First ?? r.Class.CreatedAt).Take(200).ToList();
    }
}
