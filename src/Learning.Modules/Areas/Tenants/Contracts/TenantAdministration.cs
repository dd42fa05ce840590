using Learning.Kernel;

namespace Learning.Tenants.Contracts;

/// <summary>What an operator sets for a tenant (null leaves a setting as it is; on a new tenant, the platform's default).</summary>
public sealed record TenantSettings
{
    public string? Name { get; init; }
    /// <summary>Host names, separated by spaces.</summary>
    public string? Hosts { get; init; }
    public string? TimeZone { get; init; }
    public string? Institution { get; init; }
    public string? OfficialName { get; init; }
    public string? OfficialTitle { get; init; }
    /// <summary>18 digits, or empty.</summary>
    public string? OfficialNip { get; init; }
    public string? PublicUrl { get; init; }
    public string? MailFrom { get; init; }
    public string? MailFromName { get; init; }
    public string? Theme { get; init; }
    public string? Logo { get; init; }
    public string? Colour { get; init; }
    public decimal? JpPerYear { get; init; }
    public bool? SubscribesToCatalogue { get; init; }
    /// <summary>Only add: a tenant with this key already there is a problem, not a change (the platform page's add form).</summary>
    public bool New { get; init; }
    /// <summary>The revision the operator's form was read at: a tenant changed since is a conflict, never overwritten.</summary>
    public int? ExpectedRevision { get; init; }
}

/// <summary>The outcome of adding or changing a tenant: the tenant, or the problems (in the operator's language).</summary>
public sealed record TenantChange(TenantInfo? Tenant, IReadOnlyList<string> Problems, bool Conflict = false)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>Adds and changes tenants (the platform operator's work: the tenants verb and the platform page).</summary>
public interface ITenantAdministration
{
    /// <summary>Adds a tenant, or changes the settings given of the one with this key.</summary>
    Task<TenantChange> Save(string key, TenantSettings settings, CancellationToken ct);
}

/// <summary>
/// Who runs the platform: an Administrator of the default tenant (the one hosting the platform), signed in there. An
/// administrator of another city runs only that city. Pages and endpoints of the platform require <see cref="Policy"/>.
/// </summary>
public static class PlatformAdministration
{
    public const string Policy = "PlatformAdministrator";
}
