using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Learning.Media.Api;

public sealed record MediaUploaded(string Name, string Url, string ContentType, long Length);

internal static class MediaApi
{
    /// <summary>Room for multipart boundaries and headers on top of the file itself.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static void MapMediaApi(this IEndpointRouteBuilder endpoints)
    {
        // Anonymous at the door: public/ names need no login; everything else is decided inside.
        endpoints.MapMethods("/media/{**name}", [HttpMethods.Get, HttpMethods.Head], Serve).AllowAnonymous().WithTags("Media");

        endpoints.MapPost("/api/v1/media", Upload).WithTags("Media")
            .RequireAuthorization(p => p.RequireRole(Roles.Coordinator, Roles.Administrator))
            // Bearer calls cannot be forged by another site; cookie calls are checked in Upload.
            .DisableAntiforgery();
    }

    /// <summary>Streams a blob with validators, caching and range support; asks before it looks, so a refusal never tells what exists.</summary>
    private static async Task<IResult> Serve(string name, HttpContext http, IBlobStore blobs, IEnumerable<IMediaAccessPolicy> policies,
        IStringLocalizer text, CancellationToken ct)
    {
        if (!BlobNames.IsValid(name)) return Problems.NotFound(text["Media.NotFound"]);
        // Another tenant's file is not found here, whoever asks (a coordinator may read any file of their own tenant).
        var tenants = http.RequestServices.GetRequiredService<ITenantDirectory>();
        if (!BlobNames.BelongsTo(name, Tenancy.CurrentOrDefault(http.RequestServices).Key, tenants.Default.Key))
            return Problems.NotFound(text["Media.NotFound"]);
        if (!BlobNames.IsPublic(name))
        {
            if (http.User.Identity?.IsAuthenticated != true) return Results.Challenge();
            if (!await MayRead(http.User, name, policies, ct)) return Results.Forbid();
        }
        if (await blobs.Get(name, ct) is not var (content, info)) return Problems.NotFound(text["Media.NotFound"]);
        http.Response.RegisterForDisposeAsync(content);

        var headers = http.Response.Headers;
        var scope = BlobNames.IsPublic(name) ? "public" : "private";
        headers.CacheControl = BlobNames.IsContentAddressed(name) ? $"{scope}, max-age=31536000, immutable" : $"{scope}, no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (info.ContentType.StartsWith(MediaKind.Svg.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            // Opened directly, an SVG is a document: let it draw, never run anything.
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        }
        else if (!MediaKind.IsPassive(info.ContentType))
        {
            // Anything that is not plainly an image, audio, video or PDF is a download, sandboxed if opened.
            headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = name[(name.LastIndexOf('/') + 1)..] }.ToString();
        }

        var etag = info.ETag ?? $"\"{info.LastModified.UtcTicks:x}-{info.Length:x}\"";
        return Results.Stream(content, info.ContentType, lastModified: info.LastModified,
            entityTag: EntityTagHeaderValue.Parse(etag), enableRangeProcessing: true);
    }

    private static async Task<bool> MayRead(ClaimsPrincipal user, string name, IEnumerable<IMediaAccessPolicy> policies, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Administrator)) return true;
        foreach (var policy in policies)
            if (policy.Handles(name) && await policy.CanRead(user, name, ct)) return true;
        return false;
    }

    /// <summary>
    /// Takes one file from multipart field "file", streamed to a temporary file (never held in memory),
    /// recognised by its bytes and stored under a generated name only when it passes every check.
    /// </summary>
    private static async Task<Results<Created<MediaUploaded>, ProblemHttpResult>> Upload(HttpContext http, IMediaUploads uploads,
        IOptions<MediaOptions> options, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions,
        IStringLocalizer text, CancellationToken ct)
    {
        var request = http.Request;
        if (!request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // A cookie call (the authoring page) sends the token in a header, so the body is never read to find it.
            var header = antiforgeryOptions.Value.HeaderName;
            if (header is null || string.IsNullOrEmpty(request.Headers[header])) return Problems.BadRequest(text["Media.Upload.Antiforgery"]);
            try { await antiforgery.ValidateRequestAsync(http); }
            catch (AntiforgeryValidationException) { return Problems.BadRequest(text["Media.Upload.Antiforgery"]); }
        }

        var limits = options.Value;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return Problems.BadRequest(text["Media.Upload.NoFile"]);
        if (request.ContentLength > limits.MaxUploadBytes + MultipartOverhead) return TooLarge(text, limits.MaxUploadBytes, image: false);
        // The server's own default (30 MB) would cut a video short: allow what we allow, no more.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            bodySize.MaxRequestBodySize = limits.MaxUploadBytes + MultipartOverhead;

        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
        {
            if (section.GetContentDispositionHeader() is { } disposition && disposition.IsFileDisposition()
                && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("file", StringComparison.Ordinal))
            {
                var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                return await Receive(section.Body, fileName ?? "", uploads, ct);
            }
        }
        return Problems.BadRequest(text["Media.Upload.NoFile"]);
    }

    private static async Task<Results<Created<MediaUploaded>, ProblemHttpResult>> Receive(Stream body, string fileName, IMediaUploads uploads,
        CancellationToken ct)
    {
        var result = await uploads.Store(body, fileName, ct);
        if (result.Stored is { } stored)
            return TypedResults.Created(stored.Url, new MediaUploaded(stored.Name, stored.Url, stored.ContentType, stored.Length));
        return result.Refusal switch
        {
            UploadRefusal.TooLarge => Problems.Of(StatusCodes.Status413PayloadTooLarge, result.Message!,
                extensions: new Dictionary<string, object?> { ["maxBytes"] = result.MaxBytes }),
            UploadRefusal.UnsafeSvg => Problems.Of(StatusCodes.Status415UnsupportedMediaType, result.Message!),
            _ => Problems.Of(StatusCodes.Status415UnsupportedMediaType, result.Message!, extensions: Allowed()),
        };
    }

    private static ProblemHttpResult TooLarge(IStringLocalizer text, long limit, bool image) =>
        Problems.Of(StatusCodes.Status413PayloadTooLarge, text[image ? "Media.Upload.ImageTooLarge" : "Media.Upload.TooLarge", Megabytes(limit)],
            extensions: new Dictionary<string, object?> { ["maxBytes"] = limit });

    private static Dictionary<string, object?> Allowed() =>
        new() { ["allowed"] = MediaKind.All.Select(k => k.ContentType).ToArray() };

    internal static string Megabytes(long bytes) =>
        (bytes / (1024.0 * 1024.0)).ToString(bytes % (1024 * 1024) == 0 ? "0" : "0.##", CultureInfo.CurrentCulture) + " MB";
}
