using System.Globalization;
using Learning.Classes.Contracts;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Classes.Pages.Authoring;

/// <summary>
/// One class for its coordinator: details and completion, sessions (add, move, cancel: a moved or cancelled session's
/// Sequence grows so calendars update), trainers, audience, and cancelling the class. Every form carries the class's
/// revision: a save on a class changed since the form was opened is refused (409) rather than written over it.
/// </summary>
[Authorize(Policy = Roles.Coordinator)]
public sealed class EditModel(LearningDbContext db, ClassPlanning planning, ICourseCatalog catalog, ICompetencyDictionary dictionary,
    IOrganisationDirectory directory, TimeProvider clock, IStringLocalizer text) : PageModel
{
    [BindProperty] public ClassForm Form { get; set; } = new();
    [BindProperty] public int? Revision { get; set; }
    [BindProperty] public ClassForm.SessionForm Session { get; set; } = new();
    [BindProperty] public Guid? SessionId { get; set; }
    [BindProperty] public string? Nip { get; set; }

    public Class Class { get; private set; } = null!;
    public string? CourseTitle { get; private set; }
    public IReadOnlyList<EmployeeInfo> Trainers { get; private set; } = [];
    public ClassChoices Choices { get; private set; } = null!;
    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];
    /// <summary>Which form the problems are about ("details", "session", "session:{id}", "trainers", "audience", "class").</summary>
    public string? ProblemsOf { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        Fill();
        Done = TempData["Classes.Done"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        if (Stale() is { } stale) return stale;
        var problems = new List<FieldProblem>();
        var input = Form.ToInput(problems, text) with
        {
            Course = Class.CourseSlug,
            // The rules read the whole class: its sessions as they stand, no trainers or audience (those have their own forms).
            Sessions = Held().Select(s => new SessionInput(planning.LocalInput(s.StartsAt), planning.LocalInput(s.EndsAt), s.Venue, s.OnlineUrl)).ToList(),
            Trainers = [], Units = [], Positions = [],
        };
        var (plan, found) = await planning.Check(input, ClassPlanning.Times.CityClock, ct);
        problems.AddRange(found);
        if (plan is not null && plan.Capacity < Class.PlacesTaken)
            problems.Add(new("capacity", text["Classes.Errors.CapacityBelowTaken", Class.PlacesTaken].Value));
        if (plan is null || problems.Count > 0) return Refused("details", problems);
        var now = Now;
        Class.Describe(plan.Title, plan.Description, plan.Jp, Class.CourseSlug is null ? plan.Competencies : Class.Competencies, plan.Capacity,
            plan.Approval, plan.OpensAt, plan.ClosesAt, now);
        Class.Complete(plan.Attendance, plan.PostTest, plan.Evaluation, now);
        return await Saved(id, "Classes.Authoring.Saved", ct);
    }

    public async Task<IActionResult> OnPostAddSessionAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        if (Stale() is { } stale) return stale;
        var problems = new List<FieldProblem>();
        if (Held().Count() >= ClassPlanning.MaxSessions) problems.Add(new("sessions", text["Classes.Errors.TooManySessions", ClassPlanning.MaxSessions, ClassPlanning.MaxSessions + 1].Value));
        var planned = planning.CheckSession(new SessionInput(Session.Start, Session.End, Session.Venue, Session.OnlineUrl), "session",
            Class.Sessions.Count + 1, ClassPlanning.Times.CityClock, problems);
        if (planned is not null) CheckWindow(Held().Select(s => s.StartsAt).Append(planned.StartsAt), problems);
        if (planned is null || problems.Count > 0) return Refused("session", problems);
        Class.Sessions.Add(ClassPlanning.NewSession(Class.Id, Class.Sessions.Max(s => s.Number) + 1, planned));
        Class.Touch(Now);
        return await Saved(id, "Classes.Authoring.SessionAdded", ct, renumber: true);
    }

    public async Task<IActionResult> OnPostMoveSessionAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        if (Class.Sessions.FirstOrDefault(s => s.Id == SessionId && !s.Cancelled) is not { } session) return NotFound();
        if (Stale() is { } stale) return stale;
        var problems = new List<FieldProblem>();
        var planned = planning.CheckSession(new SessionInput(Session.Start, Session.End, Session.Venue, Session.OnlineUrl), "session",
            session.Number, ClassPlanning.Times.CityClock, problems);
        if (planned is not null) CheckWindow(Held().Where(s => s.Id != session.Id).Select(s => s.StartsAt).Append(planned.StartsAt), problems);
        if (planned is null || problems.Count > 0) return Refused($"session:{session.Id}", problems);
        session.Move(session.Number, planned.StartsAt, planned.EndsAt, planned.Venue, planned.OnlineUrl);
        Class.Touch(Now);
        return await Saved(id, "Classes.Authoring.SessionMoved", ct, renumber: true);
    }

    public async Task<IActionResult> OnPostCancelSessionAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        if (Class.Sessions.FirstOrDefault(s => s.Id == SessionId && !s.Cancelled) is not { } session) return NotFound();
        if (Stale() is { } stale) return stale;
        if (Held().Count() == 1)
            return Refused($"session:{session.Id}", [new("session", text["Classes.Errors.LastSession"].Value)]);
        session.Cancel();
        Class.Touch(Now);
        return await Saved(id, "Classes.Authoring.SessionCancelled", ct);
    }

    public async Task<IActionResult> OnPostAddTrainerAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        if (Stale() is { } stale) return stale;
        var problems = new List<FieldProblem>();
        var found = await planning.Trainers([Nip ?? ""], problems, ct);
        if (found.Count == 0 && problems.Count == 0) problems.Add(new("trainers", text["Classes.Errors.NipRequired"].Value));
        if (Class.Trainers.Count >= ClassPlanning.MaxTrainers) problems.Add(new("trainers", text["Classes.Errors.TooManyTrainers", ClassPlanning.MaxTrainers].Value));
        if (problems.Count > 0) return Refused("trainers", problems);
        var person = found[0];
        if (Class.Trainers.All(t => t.EmployeeId != person.Id)) Class.Trainers.Add(new ClassTrainer(Class.Id, person.Id));
        Class.Touch(Now);
        return await Saved(id, "Classes.Authoring.TrainerAdded", ct);
    }

    public async Task<IActionResult> OnPostRemoveTrainerAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        if (Stale() is { } stale) return stale;
        var person = await directory.FindEmployeeByNip(Nip ?? "", ct);
        if (person is null || Class.Trainers.FirstOrDefault(t => t.EmployeeId == person.Id) is not { } trainer) return NotFound();
        Class.Trainers.Remove(trainer);
        Class.Touch(Now);
        return await Saved(id, "Classes.Authoring.TrainerRemoved", ct);
    }

    public async Task<IActionResult> OnPostAudienceAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        if (Stale() is { } stale) return stale;
        var problems = new List<FieldProblem>();
        var (units, positions) = await planning.Audience(Form.Units, Form.Positions, problems, ct);
        if (problems.Count > 0) return Refused("audience", problems);
        var wanted = units.Select(u => (AudienceKinds.Unit, u)).Concat(positions.Select(p => (AudienceKinds.Position, p))).ToHashSet();
        Class.Audience.RemoveAll(a => !wanted.Contains((a.Kind, a.Code)));
        foreach (var (kind, code) in wanted.Where(w => !Class.Audience.Any(a => a.Kind == w.Item1 && a.Code == w.Item2)))
            Class.Audience.Add(new ClassAudience(Class.Id, kind, code));
        Class.Touch(Now);
        return await Saved(id, "Classes.Authoring.AudienceSaved", ct);
    }

    public async Task<IActionResult> OnPostCancelClassAsync(Guid id, CancellationToken ct)
    {
        if (!await Load(id, ct)) return NotFound();
        if (Stale() is { } stale) return stale;
        if (Class.Status == ClassStatuses.Cancelled) return Refused("class", [new("class", text["Classes.Errors.AlreadyCancelled"].Value)]);
        Class.Cancel(Now);
        return await Saved(id, "Classes.Authoring.ClassCancelled", ct);
    }

    public string LocalInput(DateTime utc) => planning.LocalInput(utc);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IEnumerable<ClassSession> Held() => Class.Sessions.Where(s => !s.Cancelled);

    /// <summary>Registration must close before the first session held starts.</summary>
    private void CheckWindow(IEnumerable<DateTime> starts, List<FieldProblem> problems)
    {
        var first = starts.Min();
        if (Class.RegistrationClosesAt > first)
            problems.Add(new("session.start", text["Classes.Errors.SessionBeforeCloses", new CityFormat(clock).DateAndTime(Class.RegistrationClosesAt)].Value));
    }

    /// <summary>The form was opened on an older revision of the class: nothing is written, and the person is told why.</summary>
    private IActionResult? Stale()
    {
        if (Revision is not { } seen || seen == Class.Revision) return null;
        db.ChangeTracker.Clear();
        Fill();
        Problems = [new("class", text["Classes.Errors.Stale"].Value)];
        ProblemsOf = "class";
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private IActionResult Refused(string form, IReadOnlyList<FieldProblem> problems)
    {
        // A refused form keeps what was typed; the other forms show the class as stored.
        if (form != "details") Fill();
        Problems = problems;
        ProblemsOf = form;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult> Saved(Guid id, string message, CancellationToken ct, bool renumber = false)
    {
        var ordered = Class.Sessions.OrderBy(s => s.StartsAt).ThenBy(s => s.Number).ToList();
        if (renumber && ordered.Where((s, i) => s.Number != i + 1).Any())
        {
            // Numbers follow the time order and are unique per class: park them out of the way first, then set them, in one transaction.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            for (var i = 0; i < ordered.Count; i++) ordered[i].Renumber(-(i + 1));
            await db.SaveChangesAsync(ct);
            for (var i = 0; i < ordered.Count; i++) ordered[i].Renumber(i + 1);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        else await db.SaveChangesAsync(ct);
        TempData["Classes.Done"] = text[message].Value;
        return LocalRedirect($"~/authoring/classes/{id}");
    }

    private async Task<bool> Load(Guid id, CancellationToken ct)
    {
        if (await db.Set<Class>().Include(c => c.Sessions).Include(c => c.Trainers).Include(c => c.Audience).AsSplitQuery()
                .FirstOrDefaultAsync(c => c.Id == id, ct) is not { } cls) return false;
        Class = cls;
        CourseTitle = cls.CourseSlug is { } slug ? (await catalog.Find(slug, ct))?.Course.Title ?? slug : null;
        Trainers = (await directory.FindEmployees(cls.Trainers.Select(t => t.EmployeeId), ct)).OrderBy(t => t.Name).ToList();
        Choices = await ClassChoices.Load(catalog, dictionary, directory, ct);
        return true;
    }

    /// <summary>The forms as the class stands (a refused form keeps what the person typed).</summary>
    private void Fill()
    {
        var c = Class;
        Revision = c.Revision;
        Form = new ClassForm
        {
            Course = c.CourseSlug, Title = c.Title, Description = c.Description, Jp = ClassPlanning.Number(c.Jp),
            Levels = (c.Competencies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => x.Split(':')).Where(x => x.Length == 2)
                .ToDictionary(x => x[0], x => x[1]),
            Capacity = c.Capacity.ToString(CultureInfo.InvariantCulture), Approval = c.Approval,
            Opens = c.RegistrationOpensAt is { } o ? planning.LocalInput(o) : null, Closes = planning.LocalInput(c.RegistrationClosesAt),
            Attendance = ClassPlanning.Number(c.AttendanceShare * 100), PostTest = c.PostTest, Evaluation = c.Evaluation,
            Units = c.Audience.Where(a => a.Kind == AudienceKinds.Unit).Select(a => a.Code).ToList(),
            Positions = c.Audience.Where(a => a.Kind == AudienceKinds.Position).Select(a => a.Code).ToList(),
        };
    }
}
