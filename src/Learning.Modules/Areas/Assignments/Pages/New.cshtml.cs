using Learning.Classes.Contracts;
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

/// <summary>Assign a course, a path or an open class to chosen people, a unit or a position, with a due date and a note.</summary>
[Authorize(Roles.Supervisor)]
public sealed class NewModel(TeamScope scopes, Assigning assigning, ICourseCatalog catalog, IOrganisationDirectory directory,
    IEnumerable<IEnrolmentPaths> paths, IEnumerable<IClassAssigning> classes, TimeProvider clock, IStringLocalizer text) : PageModel
{
    public sealed class Input
    {
        public string? Course { get; set; }
        public string? Path { get; set; }
        public Guid? Class { get; set; }
        public string Target { get; set; } = "people";
        public List<string> Employees { get; set; } = [];
        public string? Unit { get; set; }
        public string? Position { get; set; }
        public DateOnly? DueDate { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public Input Form { get; set; } = new();
    public IReadOnlyList<CourseSummary> Courses { get; private set; } = [];
    /// <summary>Published paths by title: supervisors pick one instead of typing its key.</summary>
    public IReadOnlyList<PublishedPath> Paths { get; private set; } = [];
    /// <summary>Classes open for registration, by title and first session (city time in the view).</summary>
    public IReadOnlyList<OpenClassInfo> Classes { get; private set; } = [];
    public IReadOnlyList<EmployeeInfo> People { get; private set; } = [];
    public IReadOnlyList<UnitInfo> Units { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Positions { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(string? course, string? path, Guid? @class, string? nip, CancellationToken ct)
    {
        Form.Course = course;
        Form.Path = path;
        Form.Class = @class;
        if (nip is not null) Form.Employees = [nip];
        Form.DueDate = clock.Today().AddDays(TeamModel.DefaultDueDays);
        await Load(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var command = new AssignCommand(Form.Course, Form.Path,
            Form.Target == "people" ? Form.Employees : null,
            Form.Target == "unit" ? Form.Unit : null,
            Form.Target == "position" ? Form.Position : null,
            Form.DueDate, Form.Note, Form.Class);
        var outcome = await assigning.Assign(User, command, ct);
        if (outcome is AssignOutcome.Done done)
        {
            var added = done.Added == 0 ? text["Assignments.New.NothingNew"].Value
                : text["Assignments.New.Done", done.Added, new CityFormat(clock).Date(done.Assignment.DueOn)].Value;
            Message = done.Already.Count == 0 ? added : added + " " + AlreadyAssigned(done, text);
            if (done.ExtensionKept.Count > 0) Message += " " + ExtensionKept(done, text);
            if (done.ClassId is not null)
                Message += " " + text["Assignments.New.ClassPlaces", done.Places.Values.Count(p => !p.Already && p.Status == "registered"),
                    done.Places.Values.Count(p => !p.Already && p.Status == "waitlisted"), done.Places.Values.Count(p => p.Already)].Value;
            return LocalRedirect("~/team");
        }
        Errors = outcome switch
        {
            AssignOutcome.Invalid i => i.Errors,
            AssignOutcome.NotFound n => [n.Message],
            AssignOutcome.Outside o => [Api.AssignmentsApi.OutsideDetail(o, text)],
            AssignOutcome.ClassRefused r => [text["Assignments.Errors.ClassRefused"].Value, .. r.Problems],
            _ => [],
        };
        Response.StatusCode = outcome is AssignOutcome.Outside or AssignOutcome.ClassRefused { StatusCode: 403 } ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        await Load(ct);
        return Page();
    }

    /// <summary>"Already assigned before: Agus (due 3 Jan 2027), …": whose open item was kept instead of a new one.</summary>
    internal static string AlreadyAssigned(AssignOutcome.Done done, IStringLocalizer text) =>
        text["Assignments.New.AlreadyAssigned", string.Join(", ", done.Already.Select(a =>
            text["Assignments.New.AlreadyAssignedPerson", a.Person.Name, CityFormat.Day(a.Item.DueOn)].Value))];

    /// <summary>"Agus keeps the extended due date 3 Feb 2027 …": a new, earlier date did not take back a granted extension.</summary>
    internal static string ExtensionKept(AssignOutcome.Done done, IStringLocalizer text) =>
        text["Assignments.New.ExtensionKept", string.Join(", ", done.ExtensionKept.Select(a =>
            text["Assignments.New.AlreadyAssignedPerson", a.Person.Name, CityFormat.Day(a.Item.DueOn)].Value))];

    private async Task Load(CancellationToken ct)
    {
        var scope = await scopes.Of(User, ct);
        Courses = await catalog.Published(ct);
        Paths = paths.FirstOrDefault() is { } engine ? await engine.Published(ct) : [];
        Classes = classes.FirstOrDefault() is { } open ? await open.Open(ct) : [];
        var all = await directory.Units(ct);
        if (scope.Kind == ScopeKind.Supervisor)
        {
            People = await scopes.People(scope, null, ct) ?? [];
            // The units a supervisor's people work in; assigning a whole unit still needs everyone in it to be theirs.
            var theirs = People.Select(p => p.UnitId).ToHashSet();
            Units = all.Where(u => theirs.Contains(u.Id)).ToList();
            Positions = People.Where(p => p.PositionCode is not null).Select(p => (p.PositionCode!, p.PositionName ?? p.PositionCode!))
                .Distinct().OrderBy(p => p.Item2).ToList();
        }
        else
        {
            Units = scope.UnitIds is { } mine ? all.Where(u => mine.Contains(u.Id)).ToList() : all;
            var people = await scopes.People(scope, null, ct) ?? [];
            Positions = people.Where(p => p.PositionCode is not null).Select(p => (p.PositionCode!, p.PositionName ?? p.PositionCode!))
                .Distinct().OrderBy(p => p.Item2).ToList();
            // A coordinator names people by NIP; the list would be the whole city.
            People = Form.Employees.Count > 0
                ? await directory.FindEmployees((await Task.WhenAll(Form.Employees.Select(n => directory.FindEmployeeByNip(n, ct)))).OfType<EmployeeInfo>().Select(e => e.Id), ct)
                : [];
        }
    }
}
