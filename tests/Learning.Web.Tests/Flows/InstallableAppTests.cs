using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Web.Tests.Infrastructure;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// What a phone needs to install the site and read offline: the manifest with the city's colour and icons that open, the
/// service worker from the site's root with the headers a browser requires of it, the offline page, and the weight of it all.
/// </summary>
public sealed partial class InstallableAppTests(InstallableAppTests.Fixture fixture) : IClassFixture<InstallableAppTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public LearningApp App { get; } = new(Db.Sqlite);
        public Task InitializeAsync() => Task.CompletedTask;
        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task Should_describe_the_app_in_a_manifest_whose_icons_open()
    {
        var client = fixture.App.CreateClient();
        var response = await client.GetAsync("/manifest.webmanifest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        var manifest = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("Learning", manifest.GetProperty("name").GetString());
        Assert.Equal("/", manifest.GetProperty("start_url").GetString());
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
        Assert.Matches("^#[0-9a-fA-F]{3,6}$", manifest.GetProperty("theme_color").GetString());
        var icons = manifest.GetProperty("icons").EnumerateArray().ToList();
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "192x192");
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "512x512");
        foreach (var icon in icons)
        {
            var image = await client.GetAsync(icon.GetProperty("src").GetString());
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal(icon.GetProperty("type").GetString(), image.Content.Headers.ContentType?.MediaType);
            var bytes = await image.Content.ReadAsByteArrayAsync();
            if (icon.GetProperty("type").GetString() != "image/png") continue;
            // A PNG as large as it says: the signature, then IHDR with width and height.
            Assert.Equal([137, 80, 78, 71], bytes[..4]);
            var side = int.Parse(icon.GetProperty("sizes").GetString()!.Split('x')[0]);
            Assert.Equal(side, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
            Assert.Equal(side, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
        }
    }

    [Fact]
    public async Task Should_serve_the_service_worker_from_the_root_with_its_headers_and_push_handlers()
    {
        var client = fixture.App.CreateClient();
        var response = await client.GetAsync("/sw.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/", response.Headers.GetValues("Service-Worker-Allowed").Single());
        Assert.True(response.Headers.CacheControl?.NoCache, "the browser must ask again for a new version");
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("addEventListener('push'", script);
        Assert.Contains("showNotification", script);
        Assert.Contains("addEventListener('notificationclick'", script);
        Assert.Contains("openWindow", script);

        // The same version again: 304, nothing sent.
        var again = new HttpRequestMessage(HttpMethod.Get, "/sw.js");
        again.Headers.TryAddWithoutValidation("If-None-Match", response.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Should_keep_the_service_worker_and_its_page_script_under_20_KB_compressed()
    {
        var client = fixture.App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/sw.js");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        var worker = await client.SendAsync(request);
        Assert.Equal("gzip", worker.Content.Headers.ContentEncoding.Single());
        var workerGzip = await worker.Content.ReadAsByteArrayAsync();
        await using (var unzip = new GZipStream(new MemoryStream(workerGzip), CompressionMode.Decompress))
            Assert.Contains("addEventListener('fetch'", await new StreamReader(unzip).ReadToEndAsync());

        var pages = await fixture.App.PagesAs("199005172015031001");
        var home = await pages.GetStringAsync("/");
        var src = ScriptSrc().Match(home);
        Assert.True(src.Success, "the home page loads offline.js");
        var script = await pages.GetByteArrayAsync(WebUtility.HtmlDecode(src.Groups[1].Value));
        var total = workerGzip.Length + Gzip(script).Length;
        Assert.True(total < 20 * 1024, $"sw.js and offline.js weigh {total} bytes compressed");
    }

    [Fact]
    public async Task Should_link_the_manifest_and_serve_the_offline_page_to_anyone()
    {
        var client = fixture.App.CreateClient();
        var login = await client.GetStringAsync("/login");
        Assert.Contains("rel=\"manifest\" href=\"/manifest.webmanifest\"", login);
        Assert.Contains("name=\"theme-color\"", login);
        var offline = await client.GetAsync("/offline");
        Assert.Equal(HttpStatusCode.OK, offline.StatusCode);
        var html = await offline.Content.ReadAsStringAsync();
        Assert.Contains("Sedang offline", html);
        Assert.Contains("Penilaian (ujian) hanya bisa dikerjakan saat online", html);
        Assert.Single(Regex.Matches(html, "<main[ >]"));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize)) gzip.Write(data);
        return output.ToArray();
    }

    [GeneratedRegex("<script src=\"([^\"]*offline\\.js[^\"]*)\"")]
    private static partial Regex ScriptSrc();
}
