namespace Learning.Media.Contracts;

public sealed record StoredMedia(string Name, string Url, string ContentType, long Length);

public enum UploadRefusal { None, Unsupported, ExtensionMismatch, UnsafeSvg, TooLarge }

/// <param name="Message">Why it was refused, in the reader's language.</param>
/// <param name="MaxBytes">The limit that was passed, for <see cref="UploadRefusal.TooLarge"/>.</param>
public sealed record MediaUploadResult(StoredMedia? Stored, UploadRefusal Refusal, string? Message, long? MaxBytes = null);

/// <summary>
/// Stores an uploaded file the way POST /api/v1/media does: recognised by its bytes, within the limits, under a
/// generated name. For pages that take a plain multipart form (no JavaScript).
/// </summary>
public interface IMediaUploads
{
    long MaxUploadBytes { get; }

    Task<MediaUploadResult> Store(Stream content, string fileName, CancellationToken ct = default);
}
