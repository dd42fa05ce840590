using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Learning.Browser.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider for the single sign-on tests: OpenIddict on a free loopback port, authorization code
/// flow with PKCE, signed ID tokens, a login form of its own. It keeps no store (OpenIddict's degraded mode): the one
/// client, its secret and its redirect addresses are checked by the two handlers below, and its people are a list.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "learning";
    public const string ClientSecret = "rahasia-klien-uji";
    public const string Password = "sandi-portal-uji";
    private const string CookieScheme = "provider";

    /// <summary>Someone the provider knows: <paramref name="Nip"/> goes out in the "nip" claim.</summary>
    public sealed record Person(string Name, string Nip);

    private readonly IReadOnlyDictionary<string, Person> _people;
    private readonly ConcurrentDictionary<string, byte> _redirectUris = new();
    private readonly ConcurrentDictionary<string, byte> _signedOutUris = new();
    private WebApplication? _app;

    public OidcProvider(IReadOnlyDictionary<string, Person> people) => _people = people;

    /// <summary>The issuer, e.g. http://127.0.0.1:41234 (known once started).</summary>
    public string Authority { get; private set; } = "";

    /// <summary>A redirect address the client may use (an app's /signin-oidc, per city prefix).</summary>
    public void AllowRedirect(string uri) => _redirectUris[uri] = 0;

    /// <summary>Where the client may send someone back after ending their session here (an app's /signout-callback-oidc).</summary>
    public void AllowSignedOutRedirect(string uri) => _signedOutUris[uri] = 0;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ApplicationName = "OidcProvider" });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = "provider.auth"; // beside the app's cookies on the same loopback host
            o.LoginPath = "/account/login";
        });
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/endsession");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough()
                .DisableTransportSecurityRequirement();
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.Request.ClientId != ClientId) context.Reject(Errors.InvalidClient, "Unknown client.");
                else if (context.Request.RedirectUri is not { } uri || !_redirectUris.ContainsKey(uri))
                    context.Reject(Errors.InvalidRequest, $"Redirect address not registered: {context.Request.RedirectUri}");
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateEndSessionRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } uri && !_signedOutUris.ContainsKey(uri))
                    context.Reject(Errors.InvalidRequest, $"Signed-out address not registered: {uri}");
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.Request.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                    context.Reject(Errors.InvalidClient, "Wrong client or secret.");
                return default;
            }));
        });

        _app = builder.Build();
        _app.UseAuthentication();
        _app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)Authorize);
        _app.MapMethods("/connect/endsession", ["GET", "POST"], (Delegate)EndSession);
        _app.MapGet("/account/login", (string? returnUrl) => LoginForm(returnUrl, error: null));
        _app.MapPost("/account/login", (Delegate)SignIn);
        await _app.StartAsync();
        Authority = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    /// <summary>Signed in here: issue the code for this person, their NIP and name in the ID token.</summary>
    private async Task<IResult> Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var login = await http.AuthenticateAsync(CookieScheme);
        if (!login.Succeeded || login.Principal.Identity?.Name is not { } userName || !_people.TryGetValue(userName, out var person))
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString }, [CookieScheme]);

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, userName).SetClaim(Claims.Name, person.Name).SetClaim("nip", person.Nip);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The client logs someone out: their session here ends too, and they go back to the client's address.</summary>
    private static async Task<IResult> EndSession(HttpContext http)
    {
        await http.SignOutAsync(CookieScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private async Task<IResult> SignIn(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        string userName = form["userName"].ToString().Trim(), returnUrl = form["returnUrl"].ToString();
        if (!_people.ContainsKey(userName) || form["password"] != Password) return LoginForm(returnUrl, "Nama pengguna atau kata sandi salah.");
        await http.SignInAsync(CookieScheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName)], CookieScheme)));
        return Results.Redirect(returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal) ? returnUrl : "/");
    }

    private static IResult LoginForm(string? returnUrl, string? error) => Results.Content($"""
        <!doctype html>
        <html lang="id"><head><meta charset="utf-8"><title>Portal ASN</title></head>
        <body>
          <h1>Portal ASN</h1>
          {(error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}
          <form method="post" action="/account/login">
            <label for="user">Nama pengguna</label> <input id="user" name="userName">
            <label for="password">Kata sandi</label> <input id="password" name="password" type="password">
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
            <button type="submit">Masuk ke Portal ASN</button>
          </form>
        </body></html>
        """, "text/html; charset=utf-8");

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
