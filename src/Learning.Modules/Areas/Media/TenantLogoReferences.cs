using Learning.Kernel;
using Learning.Media.Contracts;

namespace Learning.Media;

/// <summary>
/// Logos on this site ("/media/…"), from the tenant directory the frame keeps (<see cref="ITenantDirectory"/>): every tenant's,
/// so a logo is kept whichever tenant's clean-up runs.
/// </summary>
internal sealed class TenantLogoReferences(ITenantDirectory tenants) : IBlobReferences
{
    public Task<IReadOnlyCollection<string>> Referenced(CancellationToken ct) =>
        Task.FromResult<IReadOnlyCollection<string>>(tenants.All.SelectMany(t => BlobLinks.In(t.Logo)).ToHashSet(StringComparer.Ordinal));
}
