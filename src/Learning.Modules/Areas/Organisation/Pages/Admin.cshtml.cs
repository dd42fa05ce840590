using Learning.Accounts.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Organisation.Domain;
using Learning.Organisation.Onboarding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Organisation.Pages;

/// <summary>An administrator sees the organisation, onboards it from CSV files and looks people up.</summary>
[Authorize(Policy = Roles.Administrator)]
public sealed class AdminModel(LearningDbContext db, IOrganisationOnboarding onboarding, IStringLocalizer text,
    IAccountInvitations? invitations = null) : PageModel
{
    private const int ShownErrors = 200;

    public sealed record UnitNode(Guid Id, string Code, string Name, int Employees);
    public sealed record Person(string Nip, string Name, string Unit, string? Position, string? Supervisor, string? SupervisorNip);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public int UnitCount { get; private set; }
    public int PositionCount { get; private set; }
    public int EmployeeCount { get; private set; }
    /// <summary>Units by parent; the top of the tree is under null.</summary>
    public ILookup<Guid?, UnitNode> Tree { get; private set; } = Array.Empty<UnitNode>().ToLookup(u => (Guid?)u.Id);
    public IReadOnlyList<Person> Found { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public int HiddenErrors { get; private set; }
    public OnboardingResult? Imported { get; private set; }

    /// <summary>Whether invitations can be e-mailed (a mail server is set); the form offers them only then.</summary>
    public bool CanInvite => invitations?.Available == true;

    /// <summary>How many people this import e-mailed an invitation (null: none was asked).</summary>
    public int? Invited { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await Load(ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? units, IFormFile? positions, IFormFile? employees,
        bool deactivateMissing, bool invite, CancellationToken ct)
    {
        var input = await OnboardingUpload.FromUploads(units, positions, employees, text, ct);
        if (input.Errors.Count > 0) ShowErrors(input.Errors);
        else if (input.IsEmpty) ShowErrors([text["Organisation.Onboarding.NoFiles"]]);
        else if (deactivateMissing && input.Files.Employees is null) ShowErrors([text["Organisation.Admin.FullRosterNeedsEmployees"]]);
        else
        {
            var files = input.Files with { ActingNip = User.FindFirst(LearningClaims.Nip)?.Value, DeactivateMissing = deactivateMissing };
            var result = await onboarding.Import(files, ct);
            if (!result.Succeeded) ShowErrors(result.Errors.Select(e => e.ToString()).ToList());
            else
            {
                Imported = result;
                if (invite && CanInvite && files.Employees is { } roster)
                    Invited = await invitations!.Invite(NipsIn(roster), SiteAddress(), ct);
            }
        }
        await Load(ct);
        return Page();
    }

    private static List<string> NipsIn(CsvFile employees) =>
        Learning.Kernel.Text.CsvInput.Read(employees.Content, ["nip"], [], _ => { })?.Select(r => Nip.Normalise(r["nip"])).ToList() ?? [];

    // The city's public address when it has one, else the address this page was asked on (the host check admits only the
    // platform's and the tenants' own names): the invitation links point there.
    private string SiteAddress() => db.Tenant.PublicUrl is { Length: > 0 } url ? url : $"{Request.Scheme}://{Request.Host}{Request.PathBase}";

    private void ShowErrors(IReadOnlyList<string> errors)
    {
        Errors = errors.Take(ShownErrors).ToList();
        HiddenErrors = errors.Count - Errors.Count;
    }

    private async Task Load(CancellationToken ct)
    {
        UnitCount = await db.Set<Unit>().CountAsync(ct);
        PositionCount = await db.Set<Position>().CountAsync(ct);
        EmployeeCount = await db.Set<Employee>().CountAsync(ct);

        var counts = await db.Set<Employee>().GroupBy(e => e.UnitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var units = await db.Set<Unit>().AsNoTracking().OrderBy(u => u.Name).ToListAsync(ct);
        var ids = units.Select(u => u.Id).ToHashSet();
        // A unit whose parent is gone still shows, at the top.
        Tree = units.ToLookup(u => u.ParentId is { } p && ids.Contains(p) ? p : (Guid?)null,
            u => new UnitNode(u.Id, u.Code, u.Name, counts.GetValueOrDefault(u.Id)));

        var q = (Q ?? "").Trim();
        if (q.Length == 0) return;
        var employees = db.Set<Employee>().AsNoTracking();
        var digits = Nip.Normalise(q);
        var lower = q.ToLowerInvariant();
        employees = digits.All(char.IsAsciiDigit)
            ? employees.Where(e => e.Nip.Contains(digits))
            : employees.Where(e => e.Name.ToLower().Contains(lower));
        Found = await (
            from e in employees
            join u in db.Set<Unit>() on e.UnitId equals u.Id
            join p in db.Set<Position>() on e.PositionId equals p.Id into ps
            from p in ps.DefaultIfEmpty()
            join s in db.Set<Employee>() on e.SupervisorId equals s.Id into ss
            from s in ss.DefaultIfEmpty()
            orderby e.Name
            select new Person(e.Nip, e.Name, u.Name, p == null ? null : p.Name, s == null ? null : s.Name, s == null ? null : s.Nip)
        ).Take(50).ToListAsync(ct);
    }
}
