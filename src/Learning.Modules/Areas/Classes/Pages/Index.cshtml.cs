using Learning.Classes.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Classes.Pages;

/// <summary>The learner's classes: those open to them now, and their own registrations with the next session.</summary>
public sealed class IndexModel(LearningDbContext db, ClassAccess access, TimeProvider clock) : PageModel
{
    public sealed record Mine(ClassRegistration Registration, Class Class, ClassSession? Next);

    public IReadOnlyList<Class> Open { get; private set; } = [];
    public IReadOnlyList<Mine> Registrations { get; private set; } = [];
    public bool NotAnEmployee { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = await access.Of(User, ct);
        if (viewer.EmployeeId is not { } me) { NotAnEmployee = true; return; }
        var now = clock.GetUtcNow().UtcDateTime;
        Open = (await access.OpenFor(viewer).AsNoTracking().Include(c => c.Sessions).AsSplitQuery().ToListAsync(ct))
            .OrderBy(c => FirstStart(c)).ToList();
        var registrations = await db.Set<ClassRegistration>().AsNoTracking().Where(r => r.EmployeeId == me).ToListAsync(ct);
        var ids = registrations.Select(r => r.ClassId).Distinct().ToList();
        var classes = await db.Set<Class>().AsNoTracking().Include(c => c.Sessions).AsSplitQuery().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        Registrations = registrations.Where(r => classes.ContainsKey(r.ClassId))
            .Select(r => new Mine(r, classes[r.ClassId], classes[r.ClassId].Sessions.Where(s => !s.Cancelled && s.EndsAt > now).MinBy(s => s.StartsAt)))
            // Open registrations first, by their next session; then the rest, newest first.
            .OrderBy(m => m.Registration.IsOpen ? 0 : 1).ThenBy(m => m.Next?.StartsAt ?? DateTime.MaxValue).ThenByDescending(m => m.Registration.CreatedAt).ToList();
    }

    public static DateTime FirstStart(Class c) => c.Sessions.Where(s => !s.Cancelled).Select(s => (DateTime?)s.StartsAt).Min() ?? DateTime.MaxValue;

    public static string Place(ClassSession s, Microsoft.Extensions.Localization.IStringLocalizer l) =>
        string.Join(" · ", new[] { s.Venue, s.OnlineUrl is null ? null : l["Classes.Online"].Value }.OfType<string>());
}
