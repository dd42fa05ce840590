using System.Security.Claims;
using Learning.Kernel;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Learning.Accounts;

/// <summary>
/// Runs after authentication, for cookies and bearer tokens alike: a login whose session has ended (logout, password
/// reset or change) is anonymous from then on, and a login with a temporary password reaches only the change-password
/// page and what anyone may open (the login page, logout, static files) until it picks its own.
/// </summary>
internal static class SessionGate
{
    public const string PasswordPage = "/account/password";

    public static async Task Run(HttpContext http, RequestDelegate next)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        var services = http.RequestServices;
        if (!OfThisTenant(user, services))
        {
            // Another city's login (a token sent to the wrong host): anonymous here, and its own cookie is left alone.
            http.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        else if (!await services.GetRequiredService<OpenSessions>().IsOpen(user, services, http.RequestAborted))
        {
            // The browser drops a dead cookie; the request goes on as anonymous, so authorisation sends it to /login (or 401).
            if (!IsBearer(http.Request)) await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            http.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        else if (user.HasClaim(c => c.Type == Sessions.MustChangePasswordClaim) && !OpenWithTemporaryPassword(http))
        {
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                var text = services.GetRequiredService<IStringLocalizer<Session>>();
                await Problems.Forbidden(text["Accounts.Password.RequiredFirst"]).ExecuteAsync(http);
            }
            else http.Response.Redirect(http.Request.PathBase + PasswordPage + "?required=1");
            return;
        }
        await next(http);
    }

    /// <summary>A login made before tenants carried no tenant: it is the default tenant's.</summary>
    private static bool OfThisTenant(ClaimsPrincipal user, IServiceProvider services)
    {
        var current = Tenancy.CurrentOrDefault(services).Key;
        return user.FindFirstValue(LearningClaims.Tenant) is { } tenant
            ? tenant == current
            : current == services.GetRequiredService<ITenantDirectory>().Default.Key;
    }

    internal static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static bool OpenWithTemporaryPassword(HttpContext http) =>
        http.Request.Path.StartsWithSegments(PasswordPage) || http.Request.Path.StartsWithSegments("/language")
        || http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
}
