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
    }

    /// <summary>Exchanges a NIP or user name and password for a bearer token; failures count towards lockout.</summary>
    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        TokenRequest request, UserManager<LearningUser> users, SignInManager<LearningUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, IStringLocalizer<TokenRequest> text)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
            return Problems.BadRequest(text["Accounts.Api.MissingCredentials"]);

        var user = await LoginLookup.Find(users, request.UserName);
        if (user is null) return Problems.Of(StatusCodes.Status401Unauthorized, text["Accounts.Login.Failed"]);

        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (check.IsLockedOut) return Problems.Of(StatusCodes.Status423Locked, text["Accounts.Login.LockedOut"]);
        if (!check.Succeeded) return Problems.Of(StatusCodes.Status401Unauthorized, text["Accounts.Login.Failed"]);

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var expiresAt = clock.GetUtcNow() + options.BearerTokenExpiration;
        var properties = new AuthenticationProperties { ExpiresUtc = expiresAt };
        var ticket = new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme);
        return TypedResults.Ok(new TokenResponse(options.BearerTokenProtector.Protect(ticket), expiresAt));
    }
}
