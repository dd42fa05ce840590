using Learning.Kernel;
using System.Buffers;
using System.Text;
using Learning.Media.Api;
using Learning.Media.Contracts;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Media;

/// <summary>
/// Streams an upload to a temporary file (never held in memory), recognises it by its bytes and stores it
/// under a generated name only when it passes every check.
/// </summary>
internal sealed class MediaUploads(IBlobStore blobs, IOptions<MediaOptions> options, TimeProvider clock, IStringLocalizer text, IServiceProvider services) : IMediaUploads
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public async Task<MediaUploadResult> Store(Stream body, string fileName, CancellationToken ct)
    {
        var limits = options.Value;
        var path = Path.Combine(Path.GetTempPath(), $"learning-upload-{Guid.NewGuid():N}.tmp");
        await using var temp = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long length = 0;
            for (int read; (read = await body.ReadAsync(buffer, ct)) > 0;)
            {
                length += read;
                if (length > limits.MaxUploadBytes) return TooLarge(limits.MaxUploadBytes, image: false);
                await temp.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            temp.Position = 0;
            var head = buffer.AsMemory(0, await temp.ReadAtLeastAsync(buffer.AsMemory(0, ContentSniffer.HeadLength), ContentSniffer.HeadLength, throwOnEndOfStream: false, ct));
            if (ContentSniffer.Sniff(head.Span) is not { } kind)
                return Refused(UploadRefusal.Unsupported, text["Media.Upload.Unsupported", MediaKind.AllNames]);
            if (!kind.MatchesName(fileName))
                return Refused(UploadRefusal.ExtensionMismatch,
                    text["Media.Upload.ExtensionMismatch", kind.Extension.ToUpperInvariant(), Path.GetFileName(fileName)]);
            if (length > limits.LimitFor(kind)) return TooLarge(limits.LimitFor(kind), kind.IsImage);
            if (kind == MediaKind.Svg && !SvgSafety.IsSafe(await ReadText(temp, ct)))
                return Refused(UploadRefusal.UnsafeSvg, text["Media.Upload.UnsafeSvg"]);

            var now = clock.GetUtcNow();
            var name = $"{BlobNames.OfTenant("uploads/", Tenancy.CurrentOrDefault(services).Key)}{now:yyyy}/{now:MM}/{Guid.NewGuid():N}.{kind.Extension}";
            temp.Position = 0;
            await blobs.Put(name, temp, kind.ContentType, ct);
            return new MediaUploadResult(new StoredMedia(name, BlobNames.UrlOf(name), kind.ContentType, length), UploadRefusal.None, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static MediaUploadResult Refused(UploadRefusal refusal, string message) => new(null, refusal, message);

    private MediaUploadResult TooLarge(long limit, bool image) =>
        new(null, UploadRefusal.TooLarge, text[image ? "Media.Upload.ImageTooLarge" : "Media.Upload.TooLarge", MediaApi.Megabytes(limit)], limit);

    private static async Task<string> ReadText(FileStream file, CancellationToken ct)
    {
        file.Position = 0;
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return await reader.ReadToEndAsync(ct);
    }
}
