using System.Net;
using System.Security.Claims;
using Learning.Accounts.Contracts;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Learning.Accounts;

/// <summary>
/// How people may sign in: <c>Authentication:Oidc</c> (single sign-on with the city's OpenID Connect provider) and
/// <c>Authentication:LocalPasswords</c> (false: only <c>admin</c> keeps a password).
/// </summary>
public sealed class SignInMethods
{
    /// <summary>Keeps a password whatever the settings: the way in when the provider is down or set up wrongly.</summary>
    public const string AdminUserName = "admin";

    public string? Authority { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    /// <summary>The claim of the provider's token that holds the NIP.</summary>
    public string NipClaim { get; init; } = "nip";
    /// <summary>The provider as people know it ("Masuk dengan {DisplayName}").</summary>
    public string DisplayName { get; init; } = "SSO";
    /// <summary>Scopes asked for besides openid, space-separated (some providers release the NIP only for a scope of their own).</summary>
    public string Scopes { get; init; } = "profile";
    /// <summary>Some providers put their own claims only in the userinfo answer, not in the ID token.</summary>
    public bool UseUserInfo { get; init; }
    public bool LocalPasswords { get; init; } = true;

    public bool SingleSignOn => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Whether a password may be tried for what was typed as the login (NIP or user name).</summary>
    public bool AllowsPassword(string? login) =>
        LocalPasswords || string.Equals(login?.Trim(), AdminUserName, StringComparison.OrdinalIgnoreCase);

    public static SignInMethods From(IConfiguration configuration)
    {
        var oidc = configuration.GetSection("Authentication:Oidc");
        return new SignInMethods
        {
            Authority = Given(oidc["Authority"]), ClientId = Given(oidc["ClientId"]), ClientSecret = Given(oidc["ClientSecret"]),
            NipClaim = Given(oidc["NipClaim"]) ?? "nip",
            DisplayName = Given(oidc["DisplayName"]) ?? "SSO",
            Scopes = oidc["Scopes"] ?? "profile",
            UseUserInfo = oidc.GetValue("UseUserInfo", false),
            LocalPasswords = configuration.GetValue("Authentication:LocalPasswords", true),
        };
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// Single sign-on with OpenID Connect (authorization code + PKCE). The provider only says who someone is: the person is
/// matched by NIP to an account of the city the request is for, never created from a token, and then signed in exactly
/// as the login form does (<see cref="Sessions.SignIn"/>), so sessions and sign-out work the same.
/// </summary>
internal static class SingleSignOn
{
    public const string Scheme = "oidc";
    public const string StartPath = "/login/sso";
    /// <summary>Relative to the path base: a city under <c>/t/{key}</c> has its own callback (and cookies scoped to it).</summary>
    public const string CallbackPath = "/signin-oidc";
    /// <summary>Where the provider sends someone back after signing them out there too.</summary>
    public const string SignedOutPath = "/signout-callback-oidc";
    /// <summary>
    /// The provider's ID token, kept in the app's cookie of a session begun by single sign-on: logging out hands it back
    /// to the provider as the hint of whose session there to end.
    /// </summary>
    public const string IdTokenClaim = "sso_id_token";
    private const string HintItem = "sso_hint";

    public static void AddSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        var methods = SignInMethods.From(configuration);
        services.AddSingleton(methods);
        if (!methods.SingleSignOn) return;
        services.AddAuthentication().AddOpenIdConnect(Scheme, methods.DisplayName, o =>
        {
            o.Authority = methods.Authority;
            o.ClientId = methods.ClientId;
            o.ClientSecret = methods.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // The code comes back in the query of a top-level redirect, so SameSite=Lax correlation and nonce cookies reach
            // the callback on plain HTTP too (a form post would need SameSite=None, which browsers take only over HTTPS).
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CallbackPath = CallbackPath;
            // Never used to sign in (TicketReceived handles the response), but the handler wants a cookie scheme named.
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.MapInboundClaims = false; // NipClaim names the claim as the provider sends it
            o.GetClaimsFromUserInfoEndpoint = methods.UseUserInfo;
            o.ClaimActions.MapUniqueJsonKey(methods.NipClaim, methods.NipClaim);
            o.Scope.Clear();
            o.Scope.Add("openid");
            foreach (var scope in methods.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
            o.RequireHttpsMetadata = !IsLoopback(methods.Authority!);
            o.SaveTokens = true; // only to read the ID token once, in SignInMatchedAccount
            o.SignedOutCallbackPath = SignedOutPath;
            o.Events.OnTicketReceived = SignInMatchedAccount;
            o.Events.OnRemoteFailure = BackToLogin;
            o.Events.OnRedirectToIdentityProviderForSignOut = context =>
            {
                // The hint rides in the properties only as far as here: it must not go out again inside the state.
                if (context.Properties.Items.Remove(HintItem, out var hint)) context.ProtocolMessage.IdTokenHint = hint;
                context.ProtocolMessage.ClientId = methods.ClientId;
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>
    /// After the app's own session has ended: when it was begun at the provider and the provider can end sessions, ends the
    /// provider's too (OpenID Connect RP-initiated logout), so the next "Masuk dengan …" on a shared computer asks for the
    /// password again. Null when there is nothing to end there; the caller then goes to the login page itself.
    /// </summary>
    public static async Task<IActionResult?> EndAtProvider(HttpContext http, ClaimsPrincipal endedUser, string loginPage)
    {
        var methods = http.RequestServices.GetRequiredService<SignInMethods>();
        if (!methods.SingleSignOn || endedUser.FindFirst(IdTokenClaim)?.Value is not { Length: > 0 } idToken) return null;
        try
        {
            var options = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(Scheme);
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
            if (string.IsNullOrEmpty(configuration.EndSessionEndpoint)) return null;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
        {
            // The provider cannot be reached: the app's session is over all the same.
            http.RequestServices.GetRequiredService<ILogger<SignInMethods>>().LogWarning(e, "Single sign-on: the provider's session was not ended.");
            return null;
        }
        var properties = new AuthenticationProperties { RedirectUri = loginPage };
        properties.Items[HintItem] = idToken;
        return new SignOutResult([Scheme], properties);
    }

    public static void MapSingleSignOn(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(StartPath, (HttpContext http, string? returnUrl, SignInMethods methods) => methods.SingleSignOn
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrHome(http, returnUrl) }, [Scheme])
                : Results.NotFound())
            .AllowAnonymous();

    /// <summary>The provider signed someone in: find their account by NIP in this city, or send them back with the reason.</summary>
    private static async Task SignInMatchedAccount(TicketReceivedContext context)
    {
        context.HandleResponse(); // no external cookie: the person gets the app's own sign-in or nothing
        var http = context.HttpContext;
        var services = http.RequestServices;
        var methods = services.GetRequiredService<SignInMethods>();
        var users = services.GetRequiredService<UserManager<LearningUser>>();
        var signIn = services.GetRequiredService<SignInManager<LearningUser>>();

        var nip = Nip.Normalise(context.Principal?.FindFirst(methods.NipClaim)?.Value);
        // Only an employee's login (named by NIP) can be reached this way: a token naming "admin" finds nobody.
        var user = nip.Length > 0 && nip.All(char.IsAsciiDigit) ? await users.FindByNameAsync(nip) : null;
        if (user?.EmployeeId is null || !await signIn.CanSignInAsync(user))
        {
            services.GetRequiredService<ILogger<SignInMethods>>().LogWarning(
                "Single sign-on refused: no account with NIP '{Nip}' (claim {Claim}) in this city.", nip, methods.NipClaim);
            http.Response.Redirect(http.Request.PathBase + "/login?sso=unknown");
            return;
        }

        var idToken = context.Properties?.GetTokenValue("id_token");
        await services.GetRequiredService<Sessions>().SignIn(signIn, user, http.RequestAborted,
            idToken is { Length: > 0 } ? [new Claim(IdTokenClaim, idToken)] : []);
        LanguageCookie.Set(http.Response, user.Language);
        http.Response.Redirect(user.MustChangePassword
            ? http.Request.PathBase + SessionGate.PasswordPage + "?required=1"
            : LocalOrHome(http, context.ReturnUri));
    }

    /// <summary>Cancelled at the provider, an expired or replayed callback, a provider that cannot be reached.</summary>
    private static Task BackToLogin(RemoteFailureContext context)
    {
        context.HandleResponse();
        context.HttpContext.RequestServices.GetRequiredService<ILogger<SignInMethods>>()
            .LogWarning(context.Failure, "Single sign-on failed.");
        context.Response.Redirect(context.Request.PathBase + "/login?sso=failed");
        return Task.CompletedTask;
    }

    /// <summary>A local address as given (it carries its path base), else this city's home page.</summary>
    private static string LocalOrHome(HttpContext http, string? url) =>
        url is ['/', not '/' and not '\\', ..] or "/" ? url : http.Request.PathBase + "/";

    private static bool IsLoopback(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}
