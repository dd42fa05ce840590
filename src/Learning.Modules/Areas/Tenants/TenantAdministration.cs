using Learning.Kernel;
using Learning.Tenants.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Learning.Tenants;

internal sealed class TenantAdministration(
    IServiceProvider services, TenantDirectory directory, TimeProvider clock, IStringLocalizer text) : ITenantAdministration
{
    public async Task<TenantChange> Save(string key, TenantSettings settings, CancellationToken ct)
    {
        key = key.Trim().ToLowerInvariant();
        var problems = new List<string>();
        if (!Tenant.IsValidKey(key)) problems.Add(text["Tenants.KeyInvalid", key, Tenant.KeyLength]);
        // The shared catalogue's rows carry this key: a tenant of that name would own them.
        else if (key == Tenancy.PlatformKey) problems.Add(text["Tenants.KeyReserved", key]);
        if (settings.TimeZone is { } zone && !CityTime.IsKnownZone(zone)) problems.Add(text["Tenants.ZoneUnknown", zone]);
        if (settings.PublicUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            problems.Add(text["Tenants.PublicUrlInvalid", url]);
        if (settings.JpPerYear is < 0 or > 1000) problems.Add(text["Tenants.JpInvalid", settings.JpPerYear]);
        if (problems.Count > 0) return new TenantChange(null, problems);

        var hosts = settings.Hosts?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => h.ToLowerInvariant()).Distinct().ToList();
        // Tenants are shared rows: any context sees them all.
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var all = await db.Set<Tenant>().ToListAsync(ct);
        if (hosts is not null)
            foreach (var other in all.Where(t => t.Key != key))
                foreach (var host in other.HostList.Intersect(hosts, StringComparer.OrdinalIgnoreCase))
                    problems.Add(text["Tenants.HostTaken", host, other.Name]);
        var tenant = all.SingleOrDefault(t => t.Key == key);
        if (tenant is null && string.IsNullOrWhiteSpace(settings.Name)) problems.Add(text["Tenants.NameRequired"]);
        if (problems.Count > 0) return new TenantChange(null, problems);

        if (tenant is null)
        {
            tenant = new Tenant(key, settings.Name!.Trim(), clock.GetUtcNow().UtcDateTime);
            db.Add(tenant);
        }
        else tenant.Revision++;
        if (settings.Name is { Length: > 0 } name) tenant.Name = name.Trim();
        if (hosts is not null) tenant.Hosts = string.Join(' ', hosts);
        if (settings.TimeZone is { } z) tenant.TimeZone = z;
        if (settings.Institution is { } institution) tenant.Institution = institution.Trim();
        if (settings.OfficialName is { } official) tenant.OfficialName = official.Trim();
        if (settings.OfficialTitle is { } title) tenant.OfficialTitle = title.Trim();
        if (settings.PublicUrl is { } publicUrl) tenant.PublicUrl = publicUrl.Length == 0 ? null : publicUrl.TrimEnd('/');
        if (settings.MailFrom is { } from) tenant.MailFrom = from.Length == 0 ? null : from;
        if (settings.MailFromName is { } fromName) tenant.MailFromName = fromName.Length == 0 ? null : fromName;
        if (settings.Theme is { Length: > 0 } theme) tenant.Theme = theme;
        if (settings.Logo is { } logo) tenant.Logo = logo.Length == 0 ? null : logo;
        if (settings.Colour is { } colour) tenant.Colour = colour.Length == 0 ? null : colour;
        if (settings.JpPerYear is { } jp) tenant.JpPerYear = jp;
        if (settings.SubscribesToCatalogue is { } subscribes) tenant.SubscribesToCatalogue = subscribes;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (Conflicts.IsConflict(e))
        {
            return new TenantChange(null, [text["Tenants.Conflict", key]]);
        }
        directory.Changed();
        return new TenantChange(tenant.ToInfo(), []);
    }
}
