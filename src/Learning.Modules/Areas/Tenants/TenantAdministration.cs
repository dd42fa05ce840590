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
        if (settings.PublicUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"))
            problems.Add(text["Tenants.PublicUrlInvalid", url]);
        // The NIP on a certificate is read and checked by people: 18 digits or none.
        if (settings.OfficialNip is { Length: > 0 } officialNip && !(officialNip.Trim().Length == 18 && officialNip.Trim().All(char.IsAsciiDigit)))
            problems.Add(text["Tenants.OfficialNipInvalid", officialNip]);
        if (settings.JpPerYear is < 0 or > 1000) problems.Add(text["Tenants.JpInvalid", settings.JpPerYear]);
        // Both go into every page (a style sheet, an img): refused here, and left out by the theme should one get in.
        if (settings.Colour is { Length: > 0 } colour && ThemeOptions.SafeColour(colour.Trim()) is null) problems.Add(text["Tenants.ColourInvalid", colour]);
        if (settings.Logo is { Length: > 0 } logo && ThemeOptions.SafeLogo(logo.Trim()) is null) problems.Add(text["Tenants.LogoInvalid", logo]);
        var hosts = settings.Hosts?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => h.ToLowerInvariant()).Distinct().ToList();
        foreach (var host in hosts ?? [])
            if (Uri.CheckHostName(host) is not (UriHostNameType.Dns or UriHostNameType.IPv4)) problems.Add(text["Tenants.HostInvalid", host]);
        // The columns' lengths, so a long value is a message and not a failed save (a colour is checked whole above).
        foreach (var (value, max, label) in new (string?, int, string)[]
                 {
                     (settings.Name, 200, "Tenants.Field.Name"), (hosts is null ? null : string.Join(' ', hosts), 500, "Tenants.Field.Hosts"),
                     (settings.Institution, 200, "Tenants.Field.Institution"), (settings.OfficialName, 200, "Tenants.Field.OfficialName"),
                     (settings.OfficialTitle, 200, "Tenants.Field.OfficialTitle"), (settings.PublicUrl, 300, "Tenants.Field.PublicUrl"),
                     (settings.MailFrom, 200, "Tenants.Field.MailFrom"), (settings.MailFromName, 200, "Tenants.Field.MailFromName"),
                     (settings.Theme, 60, "Tenants.Field.Theme"), (settings.Logo, 300, "Tenants.Field.Logo"),
                 })
            if (value?.Trim().Length > max) problems.Add(text["Tenants.TooLong", text[label], max]);
        if (problems.Count > 0) return new TenantChange(null, problems);

        // Tenants are shared rows: any context sees them all.
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var all = await db.Set<Tenant>().ToListAsync(ct);
        if (hosts is not null)
            foreach (var other in all.Where(t => t.Key != key))
                foreach (var host in other.HostList.Intersect(hosts, StringComparer.OrdinalIgnoreCase))
                    problems.Add(text["Tenants.HostTaken", host, other.Name]);
        var tenant = all.SingleOrDefault(t => t.Key == key);
        var shownName = tenant?.Name ?? key;
        if (tenant is not null && settings.New) problems.Add(text["Tenants.KeyTaken", key, tenant.Name]);
        if ((tenant is null || settings.Name is not null) && string.IsNullOrWhiteSpace(settings.Name)) problems.Add(text["Tenants.NameRequired"]);
        if (problems.Count > 0) return new TenantChange(null, problems);
        // Read at another revision (or gone): someone saved in between; what they saved is not overwritten.
        if (settings.ExpectedRevision is { } expected && (tenant is null || tenant.Revision != expected))
            return new TenantChange(null, [text["Tenants.Conflict", shownName]], Conflict: true);

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
        if (settings.OfficialNip is { } officialNipText) tenant.OfficialNip = officialNipText.Trim();
        if (settings.PublicUrl is { } publicUrl) tenant.PublicUrl = publicUrl.Length == 0 ? null : publicUrl.Trim().TrimEnd('/');
        if (settings.MailFrom is { } from) tenant.MailFrom = from.Length == 0 ? null : from.Trim();
        if (settings.MailFromName is { } fromName) tenant.MailFromName = fromName.Length == 0 ? null : fromName.Trim();
        if (settings.Theme is { Length: > 0 } theme) tenant.Theme = theme.Trim();
        if (settings.Logo is { } newLogo) tenant.Logo = newLogo.Length == 0 ? null : newLogo.Trim();
        if (settings.Colour is { } newColour) tenant.Colour = newColour.Length == 0 ? null : newColour.Trim();
        if (settings.JpPerYear is { } jp) tenant.JpPerYear = jp;
        if (settings.SubscribesToCatalogue is { } subscribes) tenant.SubscribesToCatalogue = subscribes;
        try
        {
            // The tenant's content stamp moves with it: its cached pages and content show its name, logo and colour anew.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            db.MoveContentStamp(key);
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (Conflicts.IsConflict(e))
        {
            return new TenantChange(null, [text["Tenants.Conflict", shownName]], Conflict: true);
        }
        directory.Changed();
        return new TenantChange(directory.Find(key) ?? tenant.ToInfo(), []);
    }
}
