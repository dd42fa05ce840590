using System.Data.Common;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Tenants;

/// <summary>
/// The tenants, read from their table and kept for a few seconds (every request asks). Without a row for it, the default
/// tenant (Tenants:Default) still answers, with the platform's configured zone: a fresh database serves before anyone
/// has added a tenant.
/// </summary>
internal sealed class TenantDirectory(IServiceProvider services, IConfiguration configuration, TimeProvider clock) : ITenantDirectory
{
    private static readonly TimeSpan Keep = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    /// <summary>The platform's own address (top-level PublicUrl), as certificates and career records default to it.</summary>
    public const string DefaultPublicUrl = "http://127.0.0.1:5000";

    private readonly string _defaultKey = Tenancy.DefaultKey(configuration);
    private readonly string _platformUrl = (configuration["PublicUrl"] is { Length: > 0 } url ? url : DefaultPublicUrl).TrimEnd('/');
    private readonly TenantInfo _fallback = new(Tenancy.DefaultKey(configuration), "")
    {
        TimeZone = CityTime.Zone(configuration),
        Institution = "",
        PublicUrl = (configuration["PublicUrl"] is { Length: > 0 } url ? url : DefaultPublicUrl).TrimEnd('/'),
    };
    private Snapshot? _snapshot;

    private sealed record Snapshot(IReadOnlyList<TenantInfo> All, Dictionary<string, TenantInfo> ByKey, Dictionary<string, TenantInfo> ByHost, long ReadAt);

    public TenantInfo Default => Find(_defaultKey) ?? _fallback;

    public IReadOnlyList<TenantInfo> All => Read() is { } snapshot && snapshot.ByKey.ContainsKey(_defaultKey)
        ? snapshot.All
        : [_fallback, .. Read()?.All ?? []];

    public TenantInfo? Find(string key) => Read()?.ByKey.GetValueOrDefault(key) ?? (key == _defaultKey ? _fallback : null);

    /// <summary>The tenant that claims this host name, if any.</summary>
    public TenantInfo? ForHost(string host) => Read()?.ByHost.GetValueOrDefault(host);

    /// <summary>A tenant was added or changed here: read again at the next question.</summary>
    public void Changed()
    {
        lock (_lock) _snapshot = null;
    }

    /// <summary>
    /// The one place a tenant's address is settled: its own PublicUrl; else, for the default tenant, the platform's; else the
    /// platform's on the tenant's first host name (same scheme and port), or with <c>/t/{key}</c> when it has none. Without
    /// that, a QR code or an e-mail link of another city would lead to the default one.
    /// </summary>
    private TenantInfo WithPublicUrl(TenantInfo tenant)
    {
        if (tenant.PublicUrl is { Length: > 0 }) return tenant;
        if (tenant.Key == _defaultKey) return tenant with { PublicUrl = _platformUrl };
        if (tenant.Hosts.Count > 0 && Uri.TryCreate(_platformUrl, UriKind.Absolute, out var platform))
            return tenant with { PublicUrl = new UriBuilder(platform) { Host = tenant.Hosts[0] }.Uri.GetLeftPart(UriPartial.Authority) + platform.AbsolutePath.TrimEnd('/') };
        return tenant with { PublicUrl = $"{_platformUrl}{TenantResolution.Prefix}/{tenant.Key}" };
    }

    private Snapshot? Read()
    {
        var snapshot = _snapshot;
        var now = clock.GetTimestamp();
        if (snapshot is not null && clock.GetElapsedTime(snapshot.ReadAt, now) < Keep) return snapshot;
        lock (_lock)
        {
            if (_snapshot is { } fresh && clock.GetElapsedTime(fresh.ReadAt, now) < Keep) return fresh;
            try
            {
                // A context made here takes the tenant current; the fallback keeps it from asking this directory again.
                using var _ = Tenancy.Use(_fallback);
                using var scope = services.CreateScope();
                var rows = scope.ServiceProvider.GetRequiredService<LearningDbContext>().Set<Tenant>().AsNoTracking()
                    .OrderBy(t => t.Key).ToList();
                var all = rows.Select(r => r.ToInfo()).Select(WithPublicUrl).ToList();
                var byHost = new Dictionary<string, TenantInfo>(StringComparer.OrdinalIgnoreCase);
                foreach (var tenant in all)
                    foreach (var host in tenant.Hosts) byHost.TryAdd(host, tenant);
                return _snapshot = new Snapshot(all, all.ToDictionary(t => t.Key), byHost, now);
            }
            catch (DbException)
            {
                return null; // not migrated yet (a verb before its migration): the default tenant alone
            }
        }
    }
}
