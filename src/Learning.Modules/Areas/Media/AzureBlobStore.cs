using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Learning.Media.Contracts;

namespace Learning.Media;

/// <summary>Blobs in one Azure Blob Storage container (Azurite in development and tests).</summary>
internal sealed class AzureBlobStore(BlobContainerClient container) : IBlobStore
{
    private volatile bool _created;

    /// <summary>Client options for the platform: quick retries, so a dead store shows in /health within seconds.</summary>
    public static BlobClientOptions ClientOptions() => new()
    {
        Retry = { MaxRetries = 3, Delay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2) },
    };

    private async Task EnsureContainer(CancellationToken ct)
    {
        if (_created) return;
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        _created = true;
    }

    public async Task Put(string name, Stream content, string contentType, CancellationToken ct)
    {
        var blob = container.GetBlobClient(BlobNames.Check(name));
        await EnsureContainer(ct);
        // A block blob becomes visible only when its last block list commits: all or nothing.
        await blob.UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);
    }

    public async Task<(Stream Content, BlobDetails Info)?> Get(string name, CancellationToken ct)
    {
        var blob = container.GetBlobClient(BlobNames.Check(name));
        if (await Properties(blob, ct) is not { } p) return null;
        // Nothing is downloaded yet: a 304 costs one HEAD, a range costs that range.
        return (new AzureBlobReadStream(blob, p.ContentLength, p.ETag), Details(name, p));
    }

    public async Task<BlobDetails?> Info(string name, CancellationToken ct)
    {
        var blob = container.GetBlobClient(BlobNames.Check(name));
        return await Properties(blob, ct) is { } p ? Details(name, p) : null;
    }

    private static async Task<BlobProperties?> Properties(BlobClient blob, CancellationToken ct)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: ct)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }

    private static BlobDetails Details(string name, BlobProperties p) =>
        new(name, p.ContentLength, p.ContentType ?? "application/octet-stream", p.LastModified, p.ETag.ToString("H"));

    public async Task<bool> Delete(string name, CancellationToken ct)
    {
        var blob = container.GetBlobClient(BlobNames.Check(name));
        try
        {
            return (await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404) { return false; }
    }

    public async IAsyncEnumerable<BlobDetails> List(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var items = container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix.Length == 0 ? null : prefix, ct);
        await using var page = items.GetAsyncEnumerator(ct);
        while (true)
        {
            try
            {
                if (!await page.MoveNextAsync()) yield break;
            }
            catch (RequestFailedException e) when (e.Status == 404) { yield break; } // no container yet: nothing stored
            var item = page.Current;
            yield return new BlobDetails(item.Name, item.Properties.ContentLength ?? 0,
                item.Properties.ContentType ?? "application/octet-stream", item.Properties.LastModified ?? default,
                item.Properties.ETag?.ToString("H"));
        }
    }

    /// <summary>Asks the service every time (never a cached answer), creating the container on first use.</summary>
    public async Task Ping(CancellationToken ct)
    {
        if (!(await container.ExistsAsync(ct)).Value) await container.CreateIfNotExistsAsync(cancellationToken: ct);
        _created = true;
    }
}

/// <summary>
/// A seekable read-only view of one blob version that downloads only what is read: each read
/// continues a ranged download from the current position (at most a window at a time), and a seek
/// just drops it. Pinned to the ETag, so an overwrite mid-read fails instead of mixing versions.
/// </summary>
internal sealed class AzureBlobReadStream(BlobBaseClient blob, long length, ETag etag) : Stream
{
    private const long Window = 4 * 1024 * 1024;
    private Stream? _download;
    private long _downloadEnd;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != _position) DropDownload();
        _position = target;
        return _position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (buffer.Length == 0 || _position >= length) return 0;
        if (_download is null)
        {
            var range = new HttpRange(_position, Math.Min(Window, length - _position));
            var options = new BlobDownloadOptions { Range = range, Conditions = new BlobRequestConditions { IfMatch = etag } };
            _download = (await blob.DownloadStreamingAsync(options, ct)).Value.Content;
            _downloadEnd = _position + range.Length!.Value;
        }
        var read = await _download.ReadAsync(buffer, ct);
        if (read == 0) throw new IOException($"The blob '{blob.Name}' ended early at byte {_position}.");
        _position += read;
        if (_position >= _downloadEnd) DropDownload();
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    private void DropDownload()
    {
        _download?.Dispose();
        _download = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) DropDownload();
        base.Dispose(disposing);
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
