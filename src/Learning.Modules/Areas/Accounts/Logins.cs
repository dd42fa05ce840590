using System.Security.Claims;
using Learning.Accounts.Contracts;
using Learning.Audit.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Accounts;

/// <summary>Adds the employee id, NIP and tenant to every login, so modules authorise by claim.</summary>
internal sealed class LearningClaimsFactory(UserManager<LearningUser> users, RoleManager<LearningRole> roles, IOptions<IdentityOptions> options,
    LearningDbContext db)
    : UserClaimsPrincipalFactory<LearningUser, LearningRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(LearningUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        identity.AddClaim(new Claim(LearningClaims.Tenant, db.TenantKey));
        // A temporary password opens only the change-password page (SessionGate); changing it signs in anew without this.
        if (user.MustChangePassword) identity.AddClaim(new Claim(Sessions.MustChangePasswordClaim, "1"));
        if (user.EmployeeId is { } employeeId)
        {
            identity.AddClaim(new Claim(LearningClaims.EmployeeId, employeeId.ToString()));
            identity.AddClaim(new Claim(LearningClaims.Nip, user.UserName ?? ""));
        }
        return identity;
    }
}

/// <summary>Finds a login by what a person types: a NIP (spaces and dots ignored) or a user name.</summary>
internal static class LoginLookup
{
    public static async Task<LearningUser?> Find(UserManager<LearningUser> users, string? input)
    {
        var typed = (input ?? "").Trim();
        if (typed.Length == 0) return null;
        var asNip = Nip.Normalise(typed);
        if (asNip.Length > 0 && asNip.All(char.IsAsciiDigit) && await users.FindByNameAsync(asNip) is { } byNip) return byNip;
        return await users.FindByNameAsync(typed);
    }
}

internal sealed class AccountAdministration(UserManager<LearningUser> users, RoleManager<LearningRole> roles, Sessions sessions) : IAccountAdministration
{
    public async Task EnsureServiceAccount(string userName, string displayName, string password, IReadOnlyList<string> roleNames, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            user = new LearningUser { UserName = userName, DisplayName = displayName };
            Check(await users.CreateAsync(user, password));
        }
        await RoleGrants.Grant(users, roles, user, roleNames);
    }

    public async Task<bool> SetPassword(string userName, string password, bool mustChangeAtNextLogin, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName)) return false; // a form sent without a login names nobody (was a 500)
        var user = await users.FindByNameAsync(userName);
        if (user is null) return false;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, password));
        user.MustChangePassword = mustChangeAtNextLogin;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        Check(await users.UpdateAsync(user));
        // Whoever held the old password (or a cookie or token got with it) is out at once, on every device.
        await sessions.EndAll(user.Id, ct);
        return true;
    }

    internal static void Check(IdentityResult result)
    {
        // Identity turns a lost race on the login row into a failed result; as an exception it is retried or answered 409, not 500.
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            throw new DbUpdateConcurrencyException(string.Join("; ", result.Errors.Select(e => e.Description)));
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}

internal static class RoleGrants
{
    /// <param name="audit">Where a role beyond Learner, newly granted, is recorded (every login is a learner: not worth a line).</param>
    public static async Task Grant(UserManager<LearningUser> users, RoleManager<LearningRole> roles, LearningUser user, IEnumerable<string> roleNames,
        IAuditLog? audit = null)
    {
        foreach (var role in roleNames.Append(Roles.Learner).Distinct())
        {
            if (!Roles.All.Contains(role)) throw new InvalidOperationException($"Unknown role '{role}'.");
            if (!await roles.RoleExistsAsync(role)) AccountAdministration.Check(await roles.CreateAsync(new LearningRole(role)));
            if (await users.IsInRoleAsync(user, role)) continue;
            if (role != Roles.Learner) audit?.Record(AuditActions.RoleGranted, Subject(user), role);
            AccountAdministration.Check(await users.AddToRoleAsync(user, role));
        }
    }

    public static string Subject(LearningUser user) => $"{user.DisplayName} ({user.UserName})";
}

/// <summary>Every employee gets a login named by their NIP, with no password until an administrator sets one.</summary>
internal sealed class CreateLoginWhenEmployeeRegistered(UserManager<LearningUser> users, RoleManager<LearningRole> roles, IAuditLog audit)
    : IDomainEventHandler<EmployeeRegistered>
{
    public async Task Handle(EmployeeRegistered e, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(e.Nip);
        if (user is null)
        {
            user = new LearningUser { UserName = e.Nip, DisplayName = e.Name, Email = e.Email, EmployeeId = e.EmployeeId };
            AccountAdministration.Check(await users.CreateAsync(user));
        }
        await RoleGrants.Grant(users, roles, user, e.Roles, audit);
    }
}

internal sealed class UpdateLoginWhenEmployeeDetailsChanged(UserManager<LearningUser> users, RoleManager<LearningRole> roles, LearningDbContext db,
    IAuditLog audit, Sessions sessions)
    : IDomainEventHandler<EmployeeDetailsChanged>
{
    public async Task Handle(EmployeeDetailsChanged e, CancellationToken ct)
    {
        var user = await db.Set<LearningUser>().FirstOrDefaultAsync(u => u.EmployeeId == e.EmployeeId, ct);
        if (user is null) return;
        user.DisplayName = e.Name;
        user.Email = e.Email;
        AccountAdministration.Check(await users.UpdateAsync(user));
        // Roles named in the employee record are granted; Coordinator/Administrator no longer named are withdrawn.
        foreach (var role in new[] { Roles.Coordinator, Roles.Administrator })
            if (!e.Roles.Contains(role) && await users.IsInRoleAsync(user, role))
            {
                audit.Record(AuditActions.RoleWithdrawn, RoleGrants.Subject(user), role);
                AccountAdministration.Check(await users.RemoveFromRoleAsync(user, role));
                // A withdrawn role stops at once: the person signs in again, with the roles they now hold.
                await sessions.EndAll(user.Id, ct);
            }
        await RoleGrants.Grant(users, roles, user, e.Roles, audit);
    }
}

internal sealed class GrantSupervisorRoleWhenSupervisorAssigned(UserManager<LearningUser> users, RoleManager<LearningRole> roles, LearningDbContext db,
    IAuditLog audit)
    : IDomainEventHandler<SupervisorAssigned>
{
    public async Task Handle(SupervisorAssigned e, CancellationToken ct)
    {
        if (e.SupervisorId is not { } supervisorId) return;
        var user = await db.Set<LearningUser>().FirstOrDefaultAsync(u => u.EmployeeId == supervisorId, ct);
        if (user is not null) await RoleGrants.Grant(users, roles, user, [Roles.Supervisor], audit);
    }
}

/// <summary>Identity's messages in the reader's language.</summary>
internal sealed class LocalizedIdentityErrors(IStringLocalizer<LocalizedIdentityErrors> text) : IdentityErrorDescriber
{
    private IdentityError Error(string code, params object[] args) => new() { Code = code, Description = text[$"Accounts.Identity.{code}", args] };
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit));
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower));
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper));
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), userName);
}
