using Azure.Storage.Blobs;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Learning.Media;

/// <summary>Files: the blob store (file system or Azure Blob Storage) behind course media and certificates.</summary>
public sealed class MediaModule : LearningModule
{
    public override string Id => "Media";

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"] ?? "FileSystem";
        switch (provider)
        {
            case "FileSystem":
                var root = Path.Combine(configuration["DataRoot"] ?? "App_Data", "blobs");
                services.AddSingleton<IBlobStore>(new FileSystemBlobStore(Path.GetFullPath(root)));
                break;
            case "AzureBlob":
                var connection = configuration.GetConnectionString("Blobs")
                    ?? throw new InvalidOperationException("Storage:Provider is AzureBlob but ConnectionStrings:Blobs is not set.");
                var container = configuration["Storage:Container"] ?? "learning";
                services.AddSingleton<IBlobStore>(new AzureBlobStore(new BlobContainerClient(connection, container)));
                break;
            default:
                throw new InvalidOperationException($"Storage:Provider '{provider}' is not known: use FileSystem or AzureBlob.");
        }
        services.AddHealthChecks().AddCheck<BlobStoreHealthCheck>("blobs");
    }
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
