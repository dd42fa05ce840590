using Microsoft.AspNetCore.OutputCaching;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Assignments.Pages;

/// <summary>
/// My team: each person's assignments (overdue first), JP this year against the requirement, competency gaps with
/// the courses that close them (assignable in one click), and the requests for more time waiting for a decision.
/// </summary>
[Authorize(Roles.Supervisor)]
[OutputCache(PolicyName = PersonalPagePolicy.Name)]
public sealed class TeamModel(TeamScope scopes, TeamCompliance team, Extensions extensions, Assigning assigning, ItemNames names,
    IOrganisationDirectory directory, IEnumerable<IEnrolmentPaths> paths, TimeProvider clock, IStringLocalizer text) : PageModel
{
    public const int DefaultDueDays = 30;

    public Scope Scope { get; private set; } = Scope.Nobody;
    public IReadOnlyList<TeamMember> Members { get; private set; } = [];
    public IReadOnlyList<PendingExtension> Pending { get; private set; } = [];
    private Func<string?, string?, string> _name = (slug, path) => slug ?? path ?? "";
    private IReadOnlyDictionary<string, string> PathCourses { get; set; } = new Dictionary<string, string>();
    public IReadOnlyList<UnitInfo> Units { get; private set; } = [];
    public string? Unit { get; private set; }
    public DateOnly DefaultDue { get; private set; }
    public bool NeedsUnit { get; private set; }
    /// <summary>"Tim Saya" for a supervisor's own people; the unit's name when a unit is chosen (a coordinator's, or another).</summary>
    public string Heading { get; private set; } = "";
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? unit, CancellationToken ct)
    {
        if (!await Load(unit, ct)) return NotFound();
        return Page();
    }

    /// <summary>One click from a gap's recommended course: assign it to that person, due in 30 days.</summary>
    public async Task<IActionResult> OnPostAssignAsync(string nip, string course, string? unit, CancellationToken ct)
    {
        var due = clock.Today().AddDays(DefaultDueDays);
        var outcome = await assigning.Assign(User, new AssignCommand(course, null, [nip], null, null, due, null), ct);
        var message = outcome is AssignOutcome.Done { Already.Count: > 0 } done
            ? NewModel.AlreadyAssigned(done, text)
            : text["Assignments.Team.Assigned", (await names.Load(ct))(course, null),
                (await directory.FindEmployeeByNip(nip, ct))?.Name ?? nip].Value;
        if (outcome is AssignOutcome.Done { ExtensionKept.Count: > 0 } kept) message += " " + NewModel.ExtensionKept(kept, text);
        return await After(outcome is AssignOutcome.Done ? null : Describe(outcome), message, unit, ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, string decision, DateOnly? dueDate, string? answer, string? unit, CancellationToken ct)
    {
        var (found, error, forbidden) = await extensions.Decide(User, id, decision == "grant", dueDate, answer, ct);
        if (!found) return NotFound();
        return await After(error, text[decision == "grant" ? "Assignments.Team.Granted" : "Assignments.Team.Refused"], unit, ct,
            forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
    }

    private async Task<IActionResult> After(string? error, string done, string? unit, CancellationToken ct, int status = StatusCodes.Status400BadRequest)
    {
        if (error is null)
        {
            Message = done;
            return RedirectToPage(new { unit });
        }
        Error = error;
        Response.StatusCode = status;
        await Load(unit, ct);
        return Page();
    }

    private string Describe(AssignOutcome outcome) => outcome switch
    {
        AssignOutcome.Invalid i => string.Join(" ", i.Errors),
        AssignOutcome.NotFound n => n.Message,
        AssignOutcome.Outside o => Api.AssignmentsApi.OutsideDetail(o, text),
        _ => "",
    };

    private async Task<bool> Load(string? unit, CancellationToken ct)
    {
        Scope = await scopes.Of(User, ct);
        Unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        DefaultDue = clock.Today().AddDays(DefaultDueDays);
        _name = await names.Load(ct);
        var published = paths.FirstOrDefault() is { } engine ? await engine.Published(ct) : [];
        PathCourses = published.ToDictionary(p => p.Key, p => p.CourseSlug);
        Pending = await extensions.Pending(User, ct);
        Heading = text["Assignments.Team.Title"];
        if (Scope.Kind == ScopeKind.Coordinator)
        {
            var all = await directory.Units(ct);
            Units = Scope.UnitIds is { } mine ? all.Where(u => mine.Contains(u.Id)).ToList() : all;
            // A city is too many people for one page: a coordinator picks a unit first.
            if (Unit is null) { NeedsUnit = true; Heading = text["Assignments.Team.UnitsTitle"]; return true; }
        }
        if (Unit is not null && await directory.FindUnit(Unit, ct) is { } shown) Heading = shown.Name;
        var members = await team.Of(Scope, Unit, ct);
        if (members is null) return false;
        Members = members;
        return true;
    }

    /// <summary>A course or path by its title, never its slug or key.</summary>
    public string Title(string? slug, string? path) => _name(slug, path);

    /// <summary>
    /// The person already has the course: an open assignment (overdue too) or one completed this year, or a path on it.
    /// Offering it again from a gap would only fold into that item.
    /// </summary>
    public bool Has(TeamMember member, string slug) =>
        member.Assignments.Any(a => a.Course == slug || (a.Path is { } key && PathCourses.GetValueOrDefault(key) == slug));
}
