using Learning.Accounts.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Accounts.Pages;

/// <summary>
/// One person's access: an administrator deactivates or reactivates the login and grants or withdraws Coordinator and
/// Administrator (<see cref="StaffAccess"/>); never on their own login, which the page shows without the buttons.
/// </summary>
[Authorize(Policy = Roles.Administrator)]
public sealed class UsersAccessModel(StaffAccess staff, UserManager<LearningUser> users, TimeProvider clock, IStringLocalizer text) : PageModel
{
    public sealed record RoleRow(string Role, string Label, bool Held);

    [BindProperty(SupportsGet = true)] public string UserName { get; set; } = "";
    public LearningUser? Person { get; private set; }
    public bool IsSelf { get; private set; }
    public DateOnly? DeactivatedOn { get; private set; }
    public IReadOnlyList<RoleRow> RoleRows { get; private set; } = [];
    public string? Done { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await Load() ? Page() : NotFound();

    public async Task<IActionResult> OnPostDeactivateAsync(CancellationToken ct) =>
        await Answer(await staff.SetActive(User, UserName, active: false, ct), "Accounts.Staff.Deactivated");

    public async Task<IActionResult> OnPostReactivateAsync(CancellationToken ct) =>
        await Answer(await staff.SetActive(User, UserName, active: true, ct), "Accounts.Staff.Reactivated");

    public async Task<IActionResult> OnPostRoleAsync(string? role, bool held, CancellationToken ct) =>
        await Answer(await staff.SetRole(User, UserName, role ?? "", held, ct), held ? "Accounts.Staff.RoleGranted" : "Accounts.Staff.RoleWithdrawn",
            RoleLabel(role ?? ""));

    private async Task<IActionResult> Answer(StaffOutcome outcome, string doneKey, params object[] args)
    {
        switch (outcome)
        {
            case StaffOutcome.Done:
                if (!await Load()) return NotFound();
                Done = text[doneKey, [Person!.DisplayName, .. args]];
                return Page();
            case StaffOutcome.Self:
                Error = text["Accounts.Staff.SelfChange"];
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            case StaffOutcome.UnknownRole:
                Error = text["Accounts.Staff.UnknownRole"];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            default:
                return NotFound();
        }
        return await Load() ? Page() : NotFound();
    }

    private async Task<bool> Load()
    {
        Person = await LoginLookup.Find(users, UserName);
        if (Person is null) return false;
        UserName = Person.UserName!;
        IsSelf = User.IsOwn(Person.EmployeeId, Person.Id);
        DeactivatedOn = Person.DeactivatedAt is { } at ? clock.LocalDate(at) : null;
        var held = await users.GetRolesAsync(Person);
        RoleRows = StaffAccess.GrantableRoles.Select(r => new RoleRow(r, RoleLabel(r), held.Contains(r))).ToList();
        return true;
    }

    private string RoleLabel(string role) => text[$"Accounts.Staff.Role.{role}"];
}
