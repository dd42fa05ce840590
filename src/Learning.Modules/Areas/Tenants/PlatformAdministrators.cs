using System.Security.Claims;
using Learning.Kernel;
using Learning.Tenants.Contracts;
using Microsoft.AspNetCore.Authorization;

namespace Learning.Tenants;

/// <summary>The rule of <see cref="PlatformAdministration.Policy"/>, in one place.</summary>
internal sealed class PlatformAdministrators(TenantDirectory directory) : AuthorizationHandler<PlatformAdministrators.Requirement>
{
    public sealed class Requirement : IAuthorizationRequirement;

    /// <summary>
    /// An Administrator of the default tenant, on the default tenant: Salatiga's administrator is an Administrator too, but of
    /// Salatiga (their login names it, and they are signed in only on Salatiga's host or prefix).
    /// </summary>
    public bool Is(ClaimsPrincipal user)
    {
        var platform = directory.Default.Key;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Administrator)
            && (Tenancy.Current?.Key ?? platform) == platform
            && (user.FindFirstValue(LearningClaims.Tenant) ?? platform) == platform; // a login older than tenants is the default's
    }

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
    {
        if (Is(context.User)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
