using System.Security.Claims;
using Learning.Accounts.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Accounts.Api;

public sealed record TokenRequest(string? UserName, string? Password);
public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

internal static class AccountsApi
{
    public static void MapAccountsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/auth").WithTags("Auth");
        api.MapPost("/token", IssueToken).AllowAnonymous().DisableAntiforgery();
        api.MapPost("/activate", ActivationApi.Activate).AllowAnonymous().DisableAntiforgery();
    }

    /// <summary>
    /// Exchanges a NIP or user name and password for a bearer token, throttled as the login page is. The token names a
    /// session of its own, ended with the others when the password is reset or changed.
    /// </summary>
    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        TokenRequest request, HttpContext http, SignInThrottle throttle, Sessions sessions, SignInManager<LearningUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, IStringLocalizer<TokenRequest> text, SignInMethods methods,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
            return Problems.BadRequest(text["Accounts.Api.MissingCredentials"]);
        // Refused before the password is looked at: the answer says nothing about the account or the password.
        if (!methods.AllowsPassword(request.UserName)) return Problems.Forbidden(text["Accounts.Sso.PasswordsOff", methods.DisplayName]);

        var check = await throttle.Check(http, request.UserName, request.Password, ct);
        if (check.Throttled)
        {
            http.Response.Headers.RetryAfter = Pages.LoginModel.RetryAfterSeconds(check.RetryAfter);
            return Problems.Of(StatusCodes.Status429TooManyRequests, Pages.LoginModel.ThrottledMessage(text, check.RetryAfter));
        }
        // The same answer for an unknown name and a wrong password.
        if (check.User is not { } user) return Problems.Of(StatusCodes.Status401Unauthorized, text["Accounts.Login.Failed"]);
        if (user.IsDeactivated) return Problems.Forbidden(text["Accounts.Staff.SignInRefused"]);
        if (user.MustChangePassword) return Problems.Forbidden(text["Accounts.Password.RequiredFirst"]);

        var options = bearer.Get(IdentityConstants.BearerScheme);
        var expiresAt = clock.GetUtcNow() + options.BearerTokenExpiration;
        var session = await sessions.Start(user.Id, expiresAt, ct);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Sessions.Claim, session.ToString()));
        var properties = new AuthenticationProperties { ExpiresUtc = expiresAt };
        var ticket = new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme);
        return TypedResults.Ok(new TokenResponse(options.BearerTokenProtector.Protect(ticket), expiresAt));
    }
}
