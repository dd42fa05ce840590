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
    public string? PublicUrl { get; init; }
    public string? MailFrom { get; init; }
    public string? MailFromName { get; init; }
    public string? Theme { get; init; }
    public string? Logo { get; init; }
    public string? Colour { get; init; }
    public decimal? JpPerYear { get; init; }
    public bool? SubscribesToCatalogue { get; init; }
}

/// <summary>The outcome of adding or changing a tenant: the tenant, or the problems (in the operator's language).</summary>
public sealed record TenantChange(TenantInfo? Tenant, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>Adds and changes tenants (the platform operator's work: the tenants verb and the platform page).</summary>
public interface ITenantAdministration
{
    /// <summary>Adds a tenant, or changes the settings given of the one with this key.</summary>
    Task<TenantChange> Save(string key, TenantSettings settings, CancellationToken ct);
}
