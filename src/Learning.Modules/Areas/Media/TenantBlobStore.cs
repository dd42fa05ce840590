using System.Runtime.CompilerServices;
using Learning.Kernel;
using Learning.Media.Contracts;

namespace Learning.Media;

/// <summary>
/// Keeps each tenant's blobs apart in one store: a tenant's names live under <c>tenants/{key}/</c>, taken from the tenant of
/// this flow of work (<see cref="Tenancy.Current"/>), so a name guessed on one tenant's host never reaches another's blob.
/// The default tenant keeps its names unprefixed, so blobs written before tenancy stay where their rows point; it may not
/// name anything under <c>tenants/</c>. Callers keep using the plain names ("media/…", "certificates/…").
/// </summary>
internal sealed class TenantBlobStore(IBlobStore store, string defaultKey) : IBlobStore
{
    public const string Root = "tenants/";

    /// <summary>Where a tenant's names start in the store ("" for the default tenant).</summary>
    public static string PrefixOf(string tenantKey, string defaultKey) => tenantKey == defaultKey ? "" : $"{Root}{tenantKey}/";

    private string Prefix => Tenancy.Current is { } tenant ? PrefixOf(tenant.Key, defaultKey) : "";

    /// <summary>The name in the store, or null when the default tenant names another tenant's folder.</summary>
    private string? Stored(string name, string prefix)
    {
        BlobNames.Check(name);
        return prefix.Length == 0 && name.StartsWith(Root, StringComparison.Ordinal) ? null : prefix + name;
    }

    public Task Put(string name, Stream content, string contentType, CancellationToken ct) =>
        store.Put(Stored(name, Prefix) ?? throw new ArgumentException($"'{name}' is not a valid blob name.", nameof(name)), content, contentType, ct);

    public async Task<(Stream Content, BlobDetails Info)?> Get(string name, CancellationToken ct)
    {
        foreach (var prefix in ReadPrefixes())
            if (Stored(name, prefix) is { } stored && await store.Get(stored, ct) is var (content, info))
                return (content, info with { Name = name });
        return null;
    }

    public async Task<BlobDetails?> Info(string name, CancellationToken ct)
    {
        foreach (var prefix in ReadPrefixes())
            if (Stored(name, prefix) is { } stored && await store.Info(stored, ct) is { } info)
                return info with { Name = name };
        return null;
    }

    public async Task<bool> Delete(string name, CancellationToken ct) =>
        Stored(name, Prefix) is { } stored && await store.Delete(stored, ct);

    public async IAsyncEnumerable<BlobDetails> List(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var own = Prefix;
        await foreach (var blob in store.List(own + prefix, ct))
        {
            if (own.Length == 0 && blob.Name.StartsWith(Root, StringComparison.Ordinal)) continue; // other tenants' folders
            yield return blob with { Name = blob.Name[own.Length..] };
        }
    }

    public Task Ping(CancellationToken ct) => store.Ping(ct);

    /// <summary>Its own prefix; a tenant that subscribes to the shared catalogue also reads the platform's media (read only).</summary>
    private IEnumerable<string> ReadPrefixes()
    {
        yield return Prefix;
        if (Tenancy.Current is { SubscribesToCatalogue: true, Key: var key } && key != Tenancy.PlatformKey)
            yield return PrefixOf(Tenancy.PlatformKey, defaultKey);
    }
}
