using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Kernel;

/// <summary>
/// Output caching for the pages a person opens most (home, catalogue, lesson, team): the rendered page is kept per
/// browser session and served again until something it shows may have changed. The key holds the Cookie header (the
/// login and antiforgery cookies: a cached form token stays valid, a new login starts afresh), the query, the city's
/// date (due and overdue), the content stamp and the person's own stamps (<see cref="Stamps"/>); a page whose content
/// depends on other people adds their stamps through <see cref="IPersonalPageStamps"/> (the team page).
/// A response that sets a cookie or is not 200 is never kept.
/// </summary>
public sealed class PersonalPagePolicy(TimeSpan keep, bool perMinute = false) : IOutputCachePolicy
{
    public const string Name = "personal";
    /// <summary>For pages that carry the time they were rendered (the lesson's opened stamp): kept a minute at most.</summary>
    public const string Lesson = "personal-minute";

    public static void Register(OutputCacheOptions options)
    {
        options.AddPolicy(Name, new PersonalPagePolicy(TimeSpan.FromMinutes(10)));
        options.AddPolicy(Lesson, new PersonalPagePolicy(TimeSpan.FromMinutes(1), perMinute: true));
    }

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method)) return;
        var people = http.RequestServices.GetService<IPageOwner>()?.People(http.User) ?? [];
        if (people.Count == 0) return;
        // A flash message (TempData) is shown once: that page is never kept.
        if (http.Request.Cookies.ContainsKey(TempDataCookie)) return;
        // Pages with a TempData property clear its cookie on every response; this request had none, so that is no
        // change, and dropping it lets the page be kept. Runs after TempData's own OnStarting (they run last-in first).
        http.Response.OnStarting(() =>
        {
            var setCookie = http.Response.Headers.SetCookie;
            if (setCookie.Count > 0 && setCookie.All(c => c is not null && c.StartsWith(TempDataCookie + "=;", StringComparison.Ordinal)))
                http.Response.Headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.SetCookie);
            return Task.CompletedTask;
        });
        var services = http.RequestServices;
        var stamps = services.GetRequiredService<Stamps>();

        var tenant = Tenancy.CurrentOrDefault(services);
        // Read apart, so each is remembered apart: the content stamp is the same for everyone (one read a second for the
        // whole city), and the person's keys are those the session check (Accounts) has just read in this request.
        var own = new StampKeys(people.Select(Stamps.Person).ToList());
        var others = 0L;
        foreach (var extra in services.GetServices<IPersonalPageStamps>())
            if (await extra.For(http, ct) is { } more) others += await stamps.Read(() => services.GetRequiredService<LearningDbContext>(), more, ct);

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = keep;
        context.CacheVaryByRules.VaryByHost = true;
        // With the revision of its settings: a node whose tenant list is a few seconds old keeps what it renders apart.
        context.CacheVaryByRules.VaryByValues["tenant"] = tenant.Key + ":" + tenant.Revision.ToString(CultureInfo.InvariantCulture);
        context.CacheVaryByRules.QueryKeys = "*";
        // A digest of the Cookie header, not the header itself: the key is kept with each page, and the login and antiforgery
        // cookies are ~1.5 KB (a 3-KB string a page, outside the cache's size bound). Different cookies, different keys, as before.
        context.CacheVaryByRules.VaryByValues["cookie"] = CookieDigest(http.Request.Headers.Cookie.ToString());
        var clock = services.GetRequiredService<TimeProvider>();
        context.CacheVaryByRules.VaryByValues["day"] = clock.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (perMinute)
            context.CacheVaryByRules.VaryByValues["minute"] = (clock.GetUtcNow().ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture);
        var db = () => services.GetRequiredService<LearningDbContext>();
        context.CacheVaryByRules.VaryByValues["stamps"] = (await stamps.Read(db, Stamps.ContentKeys(tenant), ct) + await stamps.Read(db, own, ct) + others)
            .ToString(CultureInfo.InvariantCulture);
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    private static string CookieDigest(string cookies) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(cookies)));
}

/// <summary>
/// Whose a personal page is: the ids whose stamps each of their pages follows (Accounts: the login and its employee), none
/// for an anonymous request (never kept). The frame knows no claim of its own.
/// </summary>
public interface IPageOwner
{
    IReadOnlyList<Guid> People(System.Security.Claims.ClaimsPrincipal user);
}

/// <summary>Stamps a cached personal page adds for the request (the team page: each member's), or null.</summary>
public interface IPersonalPageStamps
{
    ValueTask<StampKeys?> For(HttpContext http, CancellationToken ct);
}
