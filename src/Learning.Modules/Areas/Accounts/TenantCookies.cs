using Learning.Kernel;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Accounts;

/// <summary>
/// The sign-in cookie is named for its tenant (learning.auth for the default tenant, learning.auth.salatiga for another):
/// on one host with <c>/t/{key}</c> prefixes, a person may be signed in to two cities at once, and the cookie of the
/// default tenant (path /) is sent along with every prefixed request.
/// </summary>
internal sealed class TenantCookies(ICookieManager inner) : ICookieManager
{
    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, Named(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        inner.AppendResponseCookie(context, Named(context, key), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        inner.DeleteCookie(context, Named(context, key), options);

    private static string Named(HttpContext context, string key)
    {
        var tenant = Tenancy.CurrentOrDefault(context.RequestServices).Key;
        return tenant == context.RequestServices.GetRequiredService<ITenantDirectory>().Default.Key ? key : key + "." + tenant;
    }
}
