using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Learning.Media.Contracts;

namespace Learning.Media;

/// <summary>Blobs as files under a root folder; the content type is kept in a side file.</summary>
internal sealed class FileSystemBlobStore(string root) : IBlobStore
{
    private const string TypeSuffix = ".content-type";

    private string PathOf(string name) => Path.Combine(root, BlobNames.Check(name).Replace('/', Path.DirectorySeparatorChar));

    public async Task Put(string name, Stream content, string contentType, CancellationToken ct)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write beside, then move: a reader never sees half a file.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var file = File.Create(temporary)) await content.CopyToAsync(file, ct);
        await File.WriteAllTextAsync(path + TypeSuffix, contentType, ct);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<(Stream Content, BlobDetails Info)?> Get(string name, CancellationToken ct)
    {
        var info = await Info(name, ct);
        if (info is null) return null;
        return (new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true), info);
    }

    public async Task<BlobDetails?> Info(string name, CancellationToken ct)
    {
        var file = new FileInfo(PathOf(name));
        if (!file.Exists) return null;
        var typePath = file.FullName + TypeSuffix;
        var type = File.Exists(typePath) ? await File.ReadAllTextAsync(typePath, ct) : "application/octet-stream";
        return new BlobDetails(name, file.Length, type, file.LastWriteTimeUtc);
    }

    public Task<bool> Delete(string name, CancellationToken ct)
    {
        var path = PathOf(name);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        File.Delete(path + TypeSuffix);
        return Task.FromResult(true);
    }

    public async IAsyncEnumerable<BlobDetails> List(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        if (!Directory.Exists(root)) yield break;
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(TypeSuffix, StringComparison.Ordinal) && !f.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var name in files)
            if (await Info(name, ct) is { } info) yield return info;
    }

    public Task Ping(CancellationToken ct)
    {
        Directory.CreateDirectory(root);
        return Task.CompletedTask;
    }
}

/// <summary>Blobs in one Azure Blob Storage container (Azurite in development and tests).</summary>
internal sealed class AzureBlobStore(BlobContainerClient container) : IBlobStore
{
    private volatile bool _created;

    private async Task EnsureContainer(CancellationToken ct)
    {
        if (_created) return;
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        _created = true;
    }

    public async Task Put(string name, Stream content, string contentType, CancellationToken ct)
    {
        await EnsureContainer(ct);
        await container.GetBlobClient(BlobNames.Check(name)).UploadAsync(content,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);
    }

    public async Task<(Stream Content, BlobDetails Info)?> Get(string name, CancellationToken ct)
    {
        await EnsureContainer(ct);
        try
        {
            var result = await container.GetBlobClient(BlobNames.Check(name)).DownloadStreamingAsync(cancellationToken: ct);
            var d = result.Value.Details;
            return (result.Value.Content, new BlobDetails(name, d.ContentLength, d.ContentType, d.LastModified));
        }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }

    public async Task<BlobDetails?> Info(string name, CancellationToken ct)
    {
        await EnsureContainer(ct);
        try
        {
            var p = (await container.GetBlobClient(BlobNames.Check(name)).GetPropertiesAsync(cancellationToken: ct)).Value;
            return new BlobDetails(name, p.ContentLength, p.ContentType, p.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }

    public async Task<bool> Delete(string name, CancellationToken ct)
    {
        await EnsureContainer(ct);
        return (await container.GetBlobClient(BlobNames.Check(name)).DeleteIfExistsAsync(cancellationToken: ct)).Value;
    }

    public async IAsyncEnumerable<BlobDetails> List(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        await EnsureContainer(ct);
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, ct))
            yield return new BlobDetails(item.Name, item.Properties.ContentLength ?? 0,
                item.Properties.ContentType ?? "application/octet-stream", item.Properties.LastModified ?? default);
    }

    public async Task Ping(CancellationToken ct) => await EnsureContainer(ct);
}
