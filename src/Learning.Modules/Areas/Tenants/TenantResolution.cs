using Learning.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Tenants;

/// <summary>
/// Which tenant a request is for, before anything else reads data: <c>/t/{key}/…</c> (the prefix becomes the path base,
/// so every link the pages make keeps it), else the tenant that claims the host name, else the default tenant. An unknown
/// key in the prefix is a 404: a typo must not land in another city.
/// </summary>
internal static class TenantResolution
{
    public const string Prefix = "/t";

    public static async Task Run(HttpContext http, RequestDelegate next)
    {
        var directory = http.RequestServices.GetRequiredService<TenantDirectory>();
        TenantInfo? tenant;
        if (http.Request.Path.StartsWithSegments(Prefix, out var rest) && rest.HasValue)
        {
            var key = rest.Value!.TrimStart('/').Split('/', 2)[0];
            tenant = directory.Find(key);
            if (tenant is null || key == Tenancy.PlatformKey)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            http.Request.PathBase = http.Request.PathBase.Add(Prefix + "/" + key);
            http.Request.Path = rest.Value.Length > key.Length + 1 ? new PathString(rest.Value[(key.Length + 1)..]) : new PathString("/");
            http.Response.OnStarting(KeepPrefixInRedirect, http);
        }
        else tenant = directory.ForHost(http.Request.Host.Host) ?? directory.Default;

        using var _ = Tenancy.Use(tenant);
        await next(http);
    }

    // A redirect written as a site path ("/courses/x") would leave the city's prefix: put it back, so no redirect anywhere
    // can drop a Salatiga learner on Semarang's pages.
    private static Task KeepPrefixInRedirect(object state)
    {
        var http = (HttpContext)state;
        var location = http.Response.Headers.Location.ToString();
        var pathBase = http.Request.PathBase.Value!;
        if (location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal)
            && !new PathString(location.Split('?', '#')[0]).StartsWithSegments(pathBase))
            http.Response.Headers.Location = pathBase + location;
        return Task.CompletedTask;
    }
}
