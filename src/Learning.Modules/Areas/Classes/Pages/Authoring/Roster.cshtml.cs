using Learning.Classes.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Classes.Pages.Authoring;

/// <summary>Who holds a place, who waits (in queue order) and whose supervisor has yet to agree; attendance per session.</summary>
[Authorize(Policy = Roles.Coordinator)]
public sealed class RosterModel(LearningDbContext db, IOrganisationDirectory directory) : PageModel
{
    public sealed record Person(ClassRegistration Registration, string Name, string Nip, string Unit);

    public Class Class { get; private set; } = null!;
    public IReadOnlyList<ClassSession> Sessions { get; private set; } = [];
    public IReadOnlyList<Person> Registered { get; private set; } = [];
    public IReadOnlyList<Person> Waitlisted { get; private set; } = [];
    public IReadOnlyList<Person> Pending { get; private set; } = [];
    public IReadOnlyList<Person> Others { get; private set; } = [];
    /// <summary>(session, person) pairs present.</summary>
    public IReadOnlySet<(Guid Session, Guid Employee)> Present { get; private set; } = new HashSet<(Guid, Guid)>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<Class>().AsNoTracking().Include(c => c.Sessions).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } cls) return NotFound();
        Class = cls;
        Sessions = cls.Sessions.OrderBy(s => s.Number).ToList();
        var registrations = await db.Set<ClassRegistration>().AsNoTracking().Where(r => r.ClassId == id).ToListAsync(ct);
        var people = (await directory.FindEmployees(registrations.Select(r => r.EmployeeId).Distinct(), ct)).ToDictionary(e => e.Id);
        var all = registrations.Select(r => people.TryGetValue(r.EmployeeId, out var e)
            ? new Person(r, e.Name, e.Nip, e.UnitName) : new Person(r, "—", "", "")).ToList();
        Registered = all.Where(p => p.Registration.Status is RegistrationStatuses.Registered or RegistrationStatuses.Completed).OrderBy(p => p.Name).ToList();
        Waitlisted = all.Where(p => p.Registration.Status == RegistrationStatuses.Waitlisted).OrderBy(p => p.Registration.QueueNumber).ToList();
        Pending = all.Where(p => p.Registration.Status == RegistrationStatuses.PendingApproval).OrderBy(p => p.Registration.CreatedAt).ToList();
        Others = all.Where(p => !RegistrationStatuses.IsOpen(p.Registration.Status) && p.Registration.Status != RegistrationStatuses.Completed)
            .OrderByDescending(p => p.Registration.UpdatedAt).ToList();
        Present = (await db.Set<Attendance>().AsNoTracking().Where(a => a.ClassId == id).Select(a => new { a.SessionId, a.EmployeeId }).ToListAsync(ct))
            .Select(a => (a.SessionId, a.EmployeeId)).ToHashSet();
        return Page();
    }
}
