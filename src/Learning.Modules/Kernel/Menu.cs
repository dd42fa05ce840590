using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Learning.Kernel;

/// <summary>
/// One entry of the menu, registered by the module that owns the page (<c>services.AddMenuItem(...)</c> in its
/// <c>…Module</c> class); the theme's layout only renders <see cref="Menu.For"/>. <paramref name="Role"/> is the group it
/// shows in and who sees it: a page several roles open is registered once per role, and a person holding several sees it
/// once, in the first of their groups. <paramref name="Role"/> <see cref="Menu.Everyone"/> is for every signed-in person.
/// </summary>
/// <param name="Key">The string key of its text.</param>
/// <param name="Href">App-relative ("/team"), without "~".</param>
/// <param name="Count">An <see cref="IMenuCount"/> whose number of waiting things shows as a badge, or null.</param>
/// <param name="CountKey">The string key that says what the badge counts ("{0} menunggu persetujuan").</param>
public sealed record MenuItem(string Role, int Order, string Key, string Href, Type? Count = null, string? CountKey = null);

/// <summary>Waiting work behind a menu entry (approvals, verifications, requests for more time) for the signed-in person.</summary>
public interface IMenuCount
{
    Task<int> Count(ClaimsPrincipal user, CancellationToken ct);
}

/// <summary>A person's menu group (one per role they hold, in <see cref="Menu.Groups"/> order) and its entries.</summary>
public sealed record MenuGroup(string Role, IReadOnlyList<MenuEntry> Entries);

/// <param name="Count">The badge's number, 0 for none.</param>
/// <param name="Current">Whether it is the entry of the page being shown (the longest href the path starts with).</param>
public sealed record MenuEntry(MenuItem Item, int Count, bool Current);

public sealed class Menu(IEnumerable<MenuItem> items, IServiceProvider services)
{
    /// <summary>The group of entries for every signed-in person (the account), shown last.</summary>
    public const string Everyone = "*";

    /// <summary>The groups in the order they show.</summary>
    public static readonly IReadOnlyList<string> Groups = [.. Roles.All, Everyone];

    /// <summary>The union of the person's groups, each href once (in its first group), ordered; the current page marked.</summary>
    public async Task<IReadOnlyList<MenuGroup>> For(ClaimsPrincipal user, string path, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated != true) return [];
        var shown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var groups = new List<(string Role, List<MenuItem> Items)>();
        foreach (var role in Groups.Where(r => r == Everyone || user.IsInRole(r)))
        {
            var mine = items.Where(i => i.Role == role).OrderBy(i => i.Order).ThenBy(i => i.Href, StringComparer.Ordinal)
                .Where(i => shown.Add(i.Href)).ToList();
            if (mine.Count > 0) groups.Add((role, mine));
        }
        var current = groups.SelectMany(g => g.Items).Select(i => i.Href).Where(h => IsUnder(path, h)).MaxBy(h => h.Length);
        var counted = new Dictionary<Type, int>();
        var result = new List<MenuGroup>(groups.Count);
        foreach (var (role, mine) in groups)
        {
            var entries = new List<MenuEntry>(mine.Count);
            foreach (var item in mine)
            {
                var count = 0;
                if (item.Count is { } type && !counted.TryGetValue(type, out count))
                    counted[type] = count = await ((IMenuCount)services.GetRequiredService(type)).Count(user, ct);
                entries.Add(new MenuEntry(item, count, item.Href == current));
            }
            result.Add(new MenuGroup(role, entries));
        }
        return result;
    }

    /// <summary>"/" only for itself; any other href for itself and the pages below it ("/team" for "/team?unit=…").</summary>
    private static bool IsUnder(string path, string href) =>
        href == "/" ? path == "/"
        : path.StartsWith(href, StringComparison.OrdinalIgnoreCase) && (path.Length == href.Length || path[href.Length] == '/');
}

public static class MenuRegistration
{
    /// <summary>An entry of the menu for <paramref name="role"/> (a <see cref="Roles"/> name, or <see cref="Menu.Everyone"/>).</summary>
    public static IServiceCollection AddMenuItem(this IServiceCollection services, string role, int order, string key, string href)
    {
        services.TryAddScoped<Menu>();
        services.AddSingleton(new MenuItem(role, order, key, href));
        return services;
    }

    /// <summary>An entry with a badge: how many things wait there for the person, counted by <typeparamref name="TCount"/>.</summary>
    public static IServiceCollection AddMenuItem<TCount>(this IServiceCollection services, string role, int order, string key, string href, string countKey)
        where TCount : class, IMenuCount
    {
        services.TryAddScoped<Menu>();
        services.TryAddScoped<TCount>();
        services.AddSingleton(new MenuItem(role, order, key, href, typeof(TCount), countKey));
        return services;
    }
}
