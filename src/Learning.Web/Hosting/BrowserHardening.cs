using Learning.Kernel;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Learning.Web.Hosting;

/// <summary>
/// What browsers are told and refused: security headers on every response (pages, static files, errors), cookie-carried
/// API changes only from our own pages, and only the hosts we serve (a forged Host header never reaches a redirect).
/// </summary>
internal static class BrowserHardening
{
    /// <summary>Scripts only from our own files (no inline script); inline style attributes stay (progress bars).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "media-src 'self' https:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// AllowedHosts "*" (the shipped default) becomes the host of PublicUrl, the loopback names and every tenant's host names
    /// and public address; a list configured in AllowedHosts is kept as it is. Any other Host header gets 400. ASP.NET
    /// Core's own host filtering reads its list once, so it stands aside: tenants are added while the platform runs.
    /// </summary>
    public static void AddHostChecks(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new PagePolicy(PolicyFor(configuration)));
        var configured = configuration["AllowedHosts"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var fixedHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "[::1]" };
        if (Uri.TryCreate(configuration["PublicUrl"], UriKind.Absolute, out var publicUrl)) fixedHosts.Add(publicUrl.Host);
        var anyTenantHost = configured.Length == 0 || configured.Contains("*");
        if (!anyTenantHost) fixedHosts = new HashSet<string>(configured, StringComparer.OrdinalIgnoreCase);
        services.AddSingleton(new ServedHosts(fixedHosts, anyTenantHost));
        services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = ["*"]);
    }

    internal sealed record ServedHosts(HashSet<string> Fixed, bool WithTenants);

    internal sealed record PagePolicy(string Value);

    /// <summary>
    /// With single sign-on, the logout form's answer is a redirect to the provider (to end the session there too), and
    /// browsers hold redirects after a form to form-action: the provider's origin is allowed there, nothing else.
    /// </summary>
    internal static string PolicyFor(IConfiguration configuration) =>
        Uri.TryCreate(configuration["Authentication:Oidc:Authority"], UriKind.Absolute, out var provider)
        && !string.IsNullOrWhiteSpace(configuration["Authentication:Oidc:ClientId"])
            ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {provider.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal)
            : ContentSecurityPolicy;

    public static Task HostCheck(HttpContext http, RequestDelegate next)
    {
        var host = http.Request.Host.Host;
        var served = http.RequestServices.GetRequiredService<ServedHosts>();
        if (served.Fixed.Contains(host) || served.Fixed.Contains("[" + host + "]")
            || (served.WithTenants && http.RequestServices.GetRequiredService<ITenantDirectory>().All.Any(t =>
                t.Hosts.Contains(host, StringComparer.OrdinalIgnoreCase)
                || (Uri.TryCreate(t.PublicUrl, UriKind.Absolute, out var url) && string.Equals(url.Host, host, StringComparison.OrdinalIgnoreCase)))))
            return next(http);
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return Task.CompletedTask;
    }

    /// <summary>Set when the response starts, so an error page or a static file carries them too.</summary>
    public static Task Headers(HttpContext http, RequestDelegate next)
    {
        http.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            // A response with a policy of its own keeps it (media: a stricter, sandboxed one).
            if (headers.ContentSecurityPolicy.Count == 0) headers.ContentSecurityPolicy = http.RequestServices.GetRequiredService<PagePolicy>().Value;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
            return Task.CompletedTask;
        }, http);
        return next(http);
    }

    /// <summary>
    /// A cookie goes with every request a browser makes, whoever's page made it; so an API call that changes data on a
    /// cookie must show it came from our own page: a valid antiforgery token, or a JSON body (which another site cannot
    /// send without a CORS preflight, and we allow none) and no sign of another site in Origin or Sec-Fetch-Site.
    /// Bearer calls carry no ambient credential and are not affected.
    /// </summary>
    public static async Task CookieApiGuard(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        if (!request.Path.StartsWithSegments("/api") || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || HttpMethods.IsOptions(request.Method) || http.User.Identity?.IsAuthenticated != true
            || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await next(http);
            return;
        }
        var text = http.RequestServices.GetRequiredService<IStringLocalizer>();
        if (CrossSite(request))
        {
            await Problems.Forbidden(text["Host.Api.CrossSite"]).ExecuteAsync(http);
            return;
        }
        var json = MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (json || await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            await next(http);
            return;
        }
        // As a page form without its token: 400 (the browser may simply hold an old page).
        await Problems.BadRequest(text["Host.Api.Antiforgery"]).ExecuteAsync(http);
    }

    private static bool CrossSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none")) return true;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        // The host only: behind a proxy that ends TLS the scheme seen here differs from the browser's. Host is filtered.
        return !Uri.TryCreate(origin, UriKind.Absolute, out var from)
            || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
