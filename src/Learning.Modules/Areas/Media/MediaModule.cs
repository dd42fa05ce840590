using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Learning.Kernel;
using Learning.Media.Api;
using Learning.Media.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Learning.Media;

/// <summary>Files: the blob store (file system or Azure Blob Storage) behind course media and certificates, served at /media.</summary>
public sealed partial class MediaModule : LearningModule
{
    public override string Id => "Media";

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"] ?? "FileSystem";
        IBlobStore store;
        switch (provider)
        {
            case "FileSystem":
                var root = Path.Combine(configuration["DataRoot"] ?? "App_Data", "blobs");
                store = new FileSystemBlobStore(root);
                break;
            case "AzureBlob":
                var connection = configuration.GetConnectionString("Blobs")
                    ?? throw new InvalidOperationException("Storage:Provider is AzureBlob but ConnectionStrings:Blobs is not set.");
                var container = configuration["Storage:Container"] ?? "learning";
                if (!ContainerName().IsMatch(container))
                    throw new InvalidOperationException($"Storage:Container '{container}' is not a valid container name: 3 to 63 lower-case letters, digits and single hyphens.");
                store = new AzureBlobStore(new BlobContainerClient(connection, container, AzureBlobStore.ClientOptions()));
                break;
            default:
                throw new InvalidOperationException($"Storage:Provider '{provider}' is not known: use FileSystem or AzureBlob.");
        }
        // Every module reads and writes through the tenant's own folder.
        services.AddSingleton<IBlobStore>(new TenantBlobStore(store, Tenancy.DefaultKey(configuration)));
        services.Configure<MediaOptions>(configuration.GetSection("Media"));
        services.AddScoped<IMediaUploads, MediaUploads>();
        services.AddSingleton<IBlobReferences, TenantLogoReferences>();
        services.AddHealthChecks().AddCheck<BlobStoreHealthCheck>("blobs");
    }

    public override void ConfigureJobs(IQuartzBuilder quartz, IConfiguration configuration) =>
        quartz.AddScheduledJob<OrphanedBlobsJob>(configuration, OrphanedBlobsJob.Name, "0 30 2 * * ?", "Media.Jobs.Orphans");

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapMediaApi();

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ContainerName();
}

/// <summary>Upload limits (Media:MaxUploadBytes, Media:MaxImageBytes): video and documents up to 50 MB, images up to 5 MB.</summary>
internal sealed class MediaOptions
{
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;
    public long MaxImageBytes { get; set; } = 5L * 1024 * 1024;

    public long LimitFor(MediaKind kind) => kind.IsImage ? Math.Min(MaxImageBytes, MaxUploadBytes) : MaxUploadBytes;
}

internal sealed class BlobStoreHealthCheck(IBlobStore blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await blobs.Ping(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("Blob store does not answer.", e);
        }
    }
}
