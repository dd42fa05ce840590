using Learning.Kernel;
using Learning.Media.Contracts;

namespace Learning.Tenants;

/// <summary>Logos on this site ("/media/…"): every tenant's, so a logo is kept whichever tenant's clean-up runs.</summary>
internal sealed class TenantBlobReferences(ITenantDirectory tenants) : IBlobReferences
{
    public Task<IReadOnlyCollection<string>> Referenced(CancellationToken ct) =>
        Task.FromResult<IReadOnlyCollection<string>>(tenants.All.SelectMany(t => BlobLinks.In(t.Logo)).ToHashSet(StringComparer.Ordinal));
}
