using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Learning.Enrolments.Offline;

/// <summary>
/// What makes the site installable and readable offline: the web app manifest (the city's name and colour), its icons,
/// and the service worker, served from the site's root so its scope is the whole site (or the city's /t/{key}/ prefix).
/// </summary>
internal static class InstallableApp
{
    public const string DefaultColour = "#0b5cab"; // the default theme's --brand
    private const string Background = "#f6f7fb";

    /// <summary>The service worker as shipped, and gzipped once: it is fetched on every visit to check for updates.</summary>
    internal static readonly byte[] Worker = ReadWorker();
    internal static readonly byte[] WorkerGzip = Gzip(Worker);
    private static readonly string WorkerTag = "\"" + Convert.ToHexString(SHA256.HashData(Worker))[..16] + "\"";

    public static void MapInstallableApp(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sw.js", ServiceWorker).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/manifest.webmanifest", Manifest).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/icon.svg", Svg).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/icon-192.png", (HttpContext http) => Png(http, 192)).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/icon-512.png", (HttpContext http) => Png(http, 512)).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult ServiceWorker(HttpContext http)
    {
        var headers = http.Response.Headers;
        // Always asked again (the browser also checks daily); the scope may be the site's root or the city's prefix.
        headers.CacheControl = "no-cache";
        headers["Service-Worker-Allowed"] = http.Request.PathBase.HasValue ? http.Request.PathBase.Value + "/" : "/";
        headers.ETag = WorkerTag;
        headers.Vary = "Accept-Encoding";
        if (http.Request.Headers.IfNoneMatch.ToString() == WorkerTag) return Results.StatusCode(StatusCodes.Status304NotModified);
        const string type = "text/javascript; charset=utf-8";
        if (!http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)) return Results.Bytes(Worker, type);
        headers.ContentEncoding = "gzip";
        return Results.Bytes(WorkerGzip, type);
    }

    private static IResult Manifest(HttpContext http, IStringLocalizer text)
    {
        var tenant = Tenancy.CurrentOrDefault(http.RequestServices);
        var colour = ThemeOptions.SafeColour(tenant.Colour) ?? DefaultColour;
        var root = http.Request.PathBase.Value + "/";
        var name = text["Theme.AppName"].Value + (tenant.Name.Length > 0 ? " " + tenant.Name : "");
        var manifest = new
        {
            name,
            short_name = text["Theme.AppName"].Value,
            description = text["Theme.Tagline"].Value,
            lang = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            start_url = root,
            scope = root,
            id = root,
            display = "standalone",
            background_color = Background,
            theme_color = colour,
            icons = new object[]
            {
                new { src = root + "icon.svg", sizes = "any", type = "image/svg+xml", purpose = "any" },
                new { src = root + "icon-192.png", sizes = "192x192", type = "image/png", purpose = "any" },
                new { src = root + "icon-512.png", sizes = "512x512", type = "image/png", purpose = "any" },
                new { src = root + "icon-512.png", sizes = "512x512", type = "image/png", purpose = "maskable" },
            },
        };
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Text(JsonSerializer.Serialize(manifest), "application/manifest+json; charset=utf-8");
    }

    /// <summary>An open book on the city's colour; drawn, not stored (no binaries in the repository).</summary>
    private static IResult Svg(HttpContext http)
    {
        var colour = ThemeOptions.SafeColour(Tenancy.CurrentOrDefault(http.RequestServices).Colour) ?? DefaultColour;
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Text(
            $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" rx="18" fill="{colour}"/><path d="M20 28h22q6 0 6 6v38q0-4-6-4H20zM76 28H54q-6 0-6 6v38q0-4 6-4h22z" fill="#fff"/></svg>""",
            "image/svg+xml");
    }

    private static IResult Png(HttpContext http, int size)
    {
        var colour = ThemeOptions.SafeColour(Tenancy.CurrentOrDefault(http.RequestServices).Colour) ?? DefaultColour;
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Bytes(IconPng.Draw(size, colour), "image/png");
    }

    private static byte[] ReadWorker()
    {
        using var stream = typeof(InstallableApp).Assembly.GetManifestResourceStream("Enrolments/sw.js")
            ?? throw new InvalidOperationException("The service worker is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    internal static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize)) gzip.Write(data);
        return output.ToArray();
    }
}

/// <summary>
/// The same book as a PNG (some systems want PNG icons to install an app), drawn into pixels with a tiny encoder: one
/// colour, white pages, nothing a library is needed for.
/// </summary>
internal static class IconPng
{
    public static byte[] Draw(int size, string colour)
    {
        var hex = colour.Length == 4 ? string.Concat(colour.Skip(1).Select(c => $"{c}{c}")) : colour[1..];
        var (r, g, b) = (Convert.ToByte(hex[..2], 16), Convert.ToByte(hex[2..4], 16), Convert.ToByte(hex[4..6], 16));
        var rows = new byte[size * (1 + size * 3)];
        for (var y = 0; y < size; y++)
        {
            var row = y * (1 + size * 3); // filter byte 0 (none) starts each row
            for (var x = 0; x < size; x++)
            {
                // On a 96-unit grid, as the SVG: two pages from 20 to 76 across and 28 to 72 down, a gap of 4 in the middle.
                double u = x * 96.0 / size, v = y * 96.0 / size;
                var page = v is >= 28 and <= 72 && u is >= 20 and <= 76 && Math.Abs(u - 48) >= 2;
                var i = row + 1 + x * 3;
                (rows[i], rows[i + 1], rows[i + 2]) = page ? ((byte)255, (byte)255, (byte)255) : (r, g, b);
            }
        }
        using var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var header = new byte[13];
        BigEndian(header, 0, size);
        BigEndian(header, 4, size);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        using (var packed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(packed, CompressionLevel.SmallestSize)) zlib.Write(rows);
            Chunk(png, "IDAT", packed.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BigEndian(length, 0, data.Length);
        png.Write(length);
        var body = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(body);
        var crc = new byte[4];
        BigEndian(crc, 0, (int)Crc(body));
        png.Write(crc);
    }

    private static uint Crc(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var d in data)
        {
            crc ^= d;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static void BigEndian(byte[] into, int at, int value)
    {
        into[at] = (byte)(value >> 24);
        into[at + 1] = (byte)(value >> 16);
        into[at + 2] = (byte)(value >> 8);
        into[at + 3] = (byte)value;
    }
}
