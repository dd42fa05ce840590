using Learning.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Assignments;

/// <summary>
/// The team page shows its members' learning and their requests, so its cached copy goes stale when the stamp of anyone
/// in the caller's scope moves (for a city-wide coordinator that is everyone: read at most once a second).
/// Who the members are is organisation data (content): read once per content stamp, not per request.
/// </summary>
internal sealed class TeamPageStamps(IServiceProvider services) : IPersonalPageStamps
{
    public async ValueTask<StampKeys?> For(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.Path.Equals("/team", StringComparison.OrdinalIgnoreCase)) return null;
        // Resolved here, not injected: every other cached page asks this class too and needs none of it.
        var (scopes, cache) = (services.GetRequiredService<TeamScope>(), services.GetRequiredService<ContentCache>());
        var scope = await scopes.Of(http.User, ct);
        // Everyone in scope, whatever unit the page filters by: the requests for more time are listed for the whole scope.
        var key = $"team-members:{scope.Kind}:{scope.EmployeeId}:{string.Join(',', (scope.UnitIds ?? new HashSet<Guid>()).Order())}";
        return await cache.Get(() => services.GetRequiredService<LearningDbContext>(), key, async () =>
            new StampKeys(((await scopes.People(scope, null, ct)) ?? []).Select(p => Stamps.Person(p.Id)).ToList()), ct);
    }
}
