using System.Security.Claims;
using Learning.Accounts.Contracts;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Learning.Accounts;

public enum StaffOutcome { Done, NotFound, Self, UnknownRole }

/// <summary>
/// People come and go: an administrator deactivates or reactivates a login, or grants or withdraws Coordinator and
/// Administrator, never on their own login. For an employee the change is made in the employee record (Organisation owns
/// who works here) and the login follows by the reactions below; a service account (admin) is changed here.
/// </summary>
public sealed class StaffAccess(LearningDbContext db, UserManager<LearningUser> users, RoleManager<LearningRole> roles, IStaffChanges staff,
    Sessions sessions, IAuditLog audit, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> GrantableRoles = [Roles.Coordinator, Roles.Administrator];

    public Task<StaffOutcome> SetActive(ClaimsPrincipal actor, string? nipOrUserName, bool active, CancellationToken ct) =>
        Change(actor, nipOrUserName, async (user, c) =>
        {
            if (user.EmployeeId is { } employeeId && await staff.SetActive(employeeId, active, c)) return;
            if (active) await Open(user, db, users, audit, c);
            else await Close(user, db, users, sessions, audit, clock, c);
        }, ct);

    public Task<StaffOutcome> SetRole(ClaimsPrincipal actor, string? nipOrUserName, string role, bool held, CancellationToken ct)
    {
        if (!GrantableRoles.Contains(role)) return Task.FromResult(StaffOutcome.UnknownRole);
        return Change(actor, nipOrUserName, async (user, c) =>
        {
            if (user.EmployeeId is { } employeeId && await staff.SetRole(employeeId, role, held, c)) return;
            if (held) await RoleGrants.Grant(users, roles, user, [role], audit);
            else if (await users.IsInRoleAsync(user, role))
            {
                audit.Record(AuditActions.RoleWithdrawn, RoleGrants.Subject(user), role);
                AccountAdministration.Check(await users.RemoveFromRoleAsync(user, role));
                await sessions.EndAll(user.Id, c);
            }
        }, ct);
    }

    /// <summary>
    /// Finds the login, refuses the caller's own, makes the change and saves it with its reactions and audit lines. Saving
    /// through the login row (its concurrency stamp) makes two administrators changing one person at once meet there: the
    /// later runs again on what the first committed.
    /// </summary>
    private Task<StaffOutcome> Change(ClaimsPrincipal actor, string? nipOrUserName, Func<LearningUser, CancellationToken, Task> change,
        CancellationToken ct) =>
        db.Retrying(async c =>
        {
            if (await LoginLookup.Find(users, nipOrUserName) is not { } user) return StaffOutcome.NotFound;
            if (actor.IsOwn(user.EmployeeId, user.Id)) return StaffOutcome.Self;
            await change(user, c);
            AccountAdministration.Check(await users.UpdateAsync(user));
            return StaffOutcome.Done;
        }, ct);

    /// <summary>Closes a login: refused at sign-in from now on, and every cookie and token of it ends on its next request.</summary>
    internal static async Task Close(LearningUser user, LearningDbContext db, UserManager<LearningUser> users, Sessions sessions, IAuditLog audit,
        TimeProvider clock, CancellationToken ct)
    {
        if (user.IsDeactivated) return;
        user.DeactivatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(AuditActions.AccountDeactivated, RoleGrants.Subject(user));
        AccountAdministration.Check(await users.UpdateAsync(user));
        await sessions.EndAll(user.Id, ct);
    }

    internal static async Task Open(LearningUser user, LearningDbContext db, UserManager<LearningUser> users, IAuditLog audit, CancellationToken ct)
    {
        if (!user.IsDeactivated) return;
        user.DeactivatedAt = null;
        audit.Record(AuditActions.AccountReactivated, RoleGrants.Subject(user));
        AccountAdministration.Check(await users.UpdateAsync(user));
    }
}

/// <summary>Someone left: their login closes and their sessions end, in the same transaction as the change to their record.</summary>
internal sealed class CloseLoginWhenEmployeeDeactivated(LearningDbContext db, UserManager<LearningUser> users, Sessions sessions, IAuditLog audit,
    TimeProvider clock) : IDomainEventHandler<EmployeeDeactivated>
{
    public async Task Handle(EmployeeDeactivated e, CancellationToken ct)
    {
        if (await db.Set<LearningUser>().FirstOrDefaultAsync(u => u.EmployeeId == e.EmployeeId, ct) is { } user)
            await StaffAccess.Close(user, db, users, sessions, audit, clock, ct);
    }
}

internal sealed class OpenLoginWhenEmployeeReactivated(LearningDbContext db, UserManager<LearningUser> users, IAuditLog audit)
    : IDomainEventHandler<EmployeeReactivated>
{
    public async Task Handle(EmployeeReactivated e, CancellationToken ct)
    {
        if (await db.Set<LearningUser>().FirstOrDefaultAsync(u => u.EmployeeId == e.EmployeeId, ct) is { } user)
            await StaffAccess.Open(user, db, users, audit, ct);
    }
}
