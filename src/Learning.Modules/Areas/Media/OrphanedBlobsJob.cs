using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Learning.Media;

/// <summary>
/// Deletes the tenant's uploaded and content blobs (uploads/, media/) that no module names any more (<see cref="IBlobReferences"/>)
/// and that are older than the grace period (Media:OrphanGraceDays, default 7): a file uploaded and not yet linked, or unlinked
/// by mistake and linked again, stays that long. Certificates, training proofs and public/ theme files are never touched.
/// </summary>
public sealed class OrphanedBlobsJob(IBlobStore blobs, IEnumerable<IBlobReferences> references, IConfiguration configuration,
    ILogger<OrphanedBlobsJob> log) : ScheduledJob
{
    public const string Name = "orphaned-media";

    /// <summary>The kinds of blob authoring and import make and replace; nothing else is looked at.</summary>
    public static readonly string[] Prefixes = ["uploads/", "media/"];

    public override async Task<int> Run(DateTimeOffset asOf, CancellationToken ct)
    {
        var grace = TimeSpan.FromDays(Math.Max(0, configuration.GetValue("Media:OrphanGraceDays", 7.0)));
        // Listed before the references are read: a blob added meanwhile is younger than any grace period (at least 0) allows.
        var candidates = new List<BlobDetails>();
        foreach (var prefix in Prefixes)
            await foreach (var blob in blobs.List(prefix, ct))
                if (blob.LastModified <= asOf - grace) candidates.Add(blob);
        if (candidates.Count == 0) return 0;

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in references) used.UnionWith(await source.Referenced(ct));
        var deleted = 0;
        foreach (var blob in candidates.Where(b => !used.Contains(b.Name)))
        {
            if (!await blobs.Delete(blob.Name, ct)) continue;
            deleted++;
            log.LogInformation("Deleted orphaned blob {Blob} ({Length} bytes, last changed {LastModified:O})", blob.Name, blob.Length, blob.LastModified);
        }
        return deleted;
    }
}
