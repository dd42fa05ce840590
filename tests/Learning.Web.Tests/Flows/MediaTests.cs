using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Learning.Accounts.Contracts;
using Learning.Kernel;
using Learning.Media.Contracts;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>Upload and serving of media through the real app, on each blob store provider.</summary>
public abstract partial class MediaFlows<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : MediaAppFixture
{
    private const string Coordinator = "198203152006042001";
    private const string Learner = "199005172015031001";
    private const string OtherLearner = "199208082019022003";

    private LearningApp App => fixture.App;
    private IBlobStore Blobs => App.Services.GetRequiredService<IBlobStore>();

    private static byte[] Png(int length) =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. RandomNumberGenerator.GetBytes(length - 8)];

    private static byte[] Mp4(int length) =>
        [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 2, 0, .. "isom"u8, .. RandomNumberGenerator.GetBytes(length - 20)];

    private static async Task<HttpResponseMessage> Upload(HttpClient client, byte[] content, string fileName, string query = "")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream"); // what the client claims does not matter
        using var form = new MultipartFormDataContent { { new StringContent("untuk pelajaran 1"), "caption" }, { file, "file", fileName } };
        return await client.PostAsync("/api/v1/media" + query, form);
    }

    private async Task<MediaUploadedBody> Uploaded(byte[] content, string fileName)
    {
        var response = await Upload(await App.ApiAs(Coordinator), content, fileName);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MediaUploadedBody>())!;
    }

    private async Task<List<string>> StoredUploads() => await Blobs.List("uploads/").Select(b => b.Name).ToListAsync();

    private static async Task<string> ProblemTitle(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("title").GetString()!;
    }

    [Fact]
    public async Task Should_store_an_upload_and_serve_it_back_with_validators_and_cache_headers()
    {
        var png = Png(20_000);

        var response = await Upload(await App.ApiAs(Coordinator), png, "Diagram Alur Pengaduan.PNG");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<MediaUploadedBody>())!;
        Assert.Matches($@"^uploads/semarang/{App.Clock.GetUtcNow():yyyy/MM}/[0-9a-f]{{32}}\.png$", body.Name); // the tenant, then from the app's clock, never from the file name
        Assert.Equal("/media/" + body.Name, body.Url);
        Assert.Equal(body.Url, response.Headers.Location?.OriginalString);
        Assert.Equal(("image/png", 20_000L), (body.ContentType, body.Length));

        var client = await App.ApiAs(Coordinator);
        var get = await client.GetAsync(body.Url);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(png, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", Assert.Single(get.Headers.AcceptRanges));
        Assert.NotNull(get.Content.Headers.LastModified);
        Assert.Equal("nosniff", Assert.Single(get.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("private, max-age=31536000, immutable", Assert.Single(get.Headers.NonValidated["Cache-Control"]));
        var etag = get.Headers.ETag;
        Assert.NotNull(etag);

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, body.Url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(20_000, head.Content.Headers.ContentLength);
        Assert.Equal(etag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        var conditional = new HttpRequestMessage(HttpMethod.Get, body.Url);
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Should_answer_range_requests_so_videos_seek()
    {
        var video = Mp4(600_000);
        var uploaded = await Uploaded(video, "webinar-sp4n-lapor.mp4");
        Assert.Equal("video/mp4", uploaded.ContentType);
        var client = await App.ApiAs(Coordinator);

        var ranged = new HttpRequestMessage(HttpMethod.Get, uploaded.Url) { Headers = { Range = new RangeHeaderValue(300_000, 300_999) } };
        var partial = await client.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(video[300_000..301_000], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 300000-300999/600000", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(1000, partial.Content.Headers.ContentLength);

        var tail = new HttpRequestMessage(HttpMethod.Get, uploaded.Url) { Headers = { Range = new RangeHeaderValue(null, 500) } };
        var end = await client.SendAsync(tail);
        Assert.Equal(HttpStatusCode.PartialContent, end.StatusCode);
        Assert.Equal(video[^500..], await end.Content.ReadAsByteArrayAsync());

        var beyond = new HttpRequestMessage(HttpMethod.Get, uploaded.Url) { Headers = { Range = new RangeHeaderValue(700_000, null) } };
        var unsatisfiable = await client.SendAsync(beyond);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal("bytes */600000", unsatisfiable.Content.Headers.ContentRange?.ToString());
        Assert.Empty(await unsatisfiable.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Should_refuse_uploads_from_a_learner()
    {
        var before = await StoredUploads();

        var response = await Upload(await App.ApiAs(Learner), Png(1000), "foto.png");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await StoredUploads());
    }

    [Fact]
    public async Task Should_never_give_private_media_to_anonymous_readers()
    {
        var png = Png(5000);
        var uploaded = await Uploaded(png, "rahasia.png");
        var anonymous = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var url in new[] { uploaded.Url, "/media/uploads/2026/03/00000000000000000000000000000000.png" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized || (response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location!.OriginalString.Contains("/login", StringComparison.Ordinal)), $"{url}: {response.StatusCode}");
            Assert.NotEqual(png, await response.Content.ReadAsByteArrayAsync());
        }

        var badToken = App.CreateClient();
        badToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bukan-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await badToken.GetAsync(uploaded.Url)).StatusCode);
    }

    [Fact]
    public async Task Should_let_access_policies_decide_for_learners()
    {
        var png = Png(3000);
        var uploaded = await Uploaded(png, "materi.png");
        var learner = await App.ApiAs(Learner);

        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(uploaded.Url)).StatusCode); // no policy handles it: staff only

        fixture.Grants[uploaded.Name] = OtherLearner;
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(uploaded.Url)).StatusCode); // handled, but not for this learner

        fixture.Grants[uploaded.Name] = Learner;
        var allowed = await learner.GetAsync(uploaded.Url);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(png, await allowed.Content.ReadAsByteArrayAsync());

        // Refusal comes before lookup, so a learner cannot probe which names exist.
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync("/media/uploads/2026/03/ffffffffffffffffffffffffffffffff.png")).StatusCode);
    }

    [Fact]
    public async Task Should_answer_not_found_as_problem_for_unknown_or_invalid_names()
    {
        var coordinator = await App.ApiAs(Coordinator);

        Assert.Equal("Berkas media tidak ditemukan.",
            await ProblemTitle(await coordinator.GetAsync("/media/uploads/2026/03/tidak-ada.png"), HttpStatusCode.NotFound));
        await ProblemTitle(await coordinator.GetAsync("/media/Uploads/X.PNG"), HttpStatusCode.NotFound);
        await ProblemTitle(await coordinator.GetAsync("/media/uploads%2F..%2F..%2Fetc%2Fpasswd"), HttpStatusCode.NotFound);
        await ProblemTitle(await coordinator.GetAsync("/media/a//b.png"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Should_refuse_too_large_uploads_and_store_nothing()
    {
        var coordinator = await App.ApiAs(Coordinator);
        var before = await StoredUploads();

        // Over Media:MaxUploadBytes (1 MB): refused from Content-Length, or counted and cut off while streaming.
        var video = await Upload(coordinator, Mp4(1_200_000), "terlalu-panjang.mp4");
        Assert.Equal("Berkas terlalu besar. Ukuran maksimum 1 MB.", await ProblemTitle(video, HttpStatusCode.RequestEntityTooLarge));
        var slightlyOver = await Upload(coordinator, Mp4(1024 * 1024 + 1), "sedikit-lebih.mp4");
        await ProblemTitle(slightlyOver, HttpStatusCode.RequestEntityTooLarge);
        var file = new StreamContent(new UnknownLengthStream(Mp4(3_000_000)));
        using var chunked = new MultipartFormDataContent { { file, "file", "tanpa-panjang.mp4" } };
        await ProblemTitle(await coordinator.PostAsync("/api/v1/media", chunked), HttpStatusCode.RequestEntityTooLarge);

        var image = await Upload(coordinator, Png(300_000), "poster.png"); // over Media:MaxImageBytes (256 KB)
        Assert.StartsWith("Gambar terlalu besar. Ukuran maksimum gambar 0,25 MB", await ProblemTitle(image, HttpStatusCode.RequestEntityTooLarge));

        var english = await Upload(coordinator, Png(300_000), "poster.png", "?culture=en-US");
        Assert.StartsWith("The image is too large. Images may be at most 0.25 MB", await ProblemTitle(english, HttpStatusCode.RequestEntityTooLarge));

        Assert.Equal(before, await StoredUploads());
        Assert.Equal(HttpStatusCode.Created, (await Upload(coordinator, Mp4(900_000), "pas.mp4")).StatusCode); // under the limit is fine
    }

    [Fact]
    public async Task Should_refuse_files_whose_content_is_not_an_allowed_kind_or_disagrees_with_the_name()
    {
        var coordinator = await App.ApiAs(Coordinator);
        var before = await StoredUploads();

        var html = await Upload(coordinator, "<!DOCTYPE html><script>alert(1)</script>"u8.ToArray(), "foto.png");
        Assert.Contains("PNG, JPG, GIF, WEBP, SVG, PDF, MP4, WEBM, MP3", await ProblemTitle(html, HttpStatusCode.UnsupportedMediaType));

        var exe = await Upload(coordinator, [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF], "setup.png");
        await ProblemTitle(exe, HttpStatusCode.UnsupportedMediaType);

        var renamed = await Upload(coordinator, Png(2000), "laporan.pdf");
        Assert.Contains("PNG", await ProblemTitle(renamed, HttpStatusCode.UnsupportedMediaType));

        var svg = await Upload(coordinator, "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray(), "ikon.svg");
        Assert.Contains("SVG", await ProblemTitle(svg, HttpStatusCode.UnsupportedMediaType));

        var missing = await coordinator.PostAsync("/api/v1/media", new MultipartFormDataContent { { new StringContent("x"), "caption" } });
        await ProblemTitle(missing, HttpStatusCode.BadRequest);

        Assert.Equal(before, await StoredUploads());
    }

    [Fact]
    public async Task Should_serve_svg_so_that_it_cannot_run_script()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\"><rect width=\"4\" height=\"4\" style=\"fill:#036\"/></svg>"u8.ToArray();
        var uploaded = await Uploaded(svg, "ikon-layanan.svg");

        var get = await (await App.ApiAs(Coordinator)).GetAsync(uploaded.Url);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("image/svg+xml", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", Assert.Single(get.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(svg, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Should_serve_public_names_to_anyone_and_active_content_only_as_a_sandboxed_download()
    {
        await Blobs.Put("public/theme/logo-semarang.png", new MemoryStream(Png(100)), "image/png");
        await Blobs.Put("media/0123456789abcdef0123-catatan.html", new MemoryStream("<script>alert(1)</script>"u8.ToArray()), "text/html");

        var logo = await App.CreateClient().GetAsync("/media/public/theme/logo-semarang.png");
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("public, no-cache", Assert.Single(logo.Headers.NonValidated["Cache-Control"]));

        var html = await (await App.ApiAs(Coordinator)).GetAsync("/media/media/0123456789abcdef0123-catatan.html");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("attachment", html.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("sandbox", Assert.Single(html.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Should_take_cookie_uploads_only_with_an_antiforgery_token()
    {
        var browser = await LoggedInBrowser(Coordinator);

        var without = await Upload(browser, Png(1000), "tanpa-token.png");
        await ProblemTitle(without, HttpStatusCode.BadRequest);

        browser.DefaultRequestHeaders.Add("RequestVerificationToken", "palsu");
        await ProblemTitle(await Upload(browser, Png(1000), "token-palsu.png"), HttpStatusCode.BadRequest);

        var token = AntiforgeryField().Match(await browser.GetStringAsync("/logout")).Groups[1].Value;
        browser.DefaultRequestHeaders.Remove("RequestVerificationToken");
        browser.DefaultRequestHeaders.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.Created, (await Upload(browser, Png(1000), "dengan-token.png")).StatusCode);
    }

    /// <summary>
    /// Logs in through the form and carries the cookies by hand: the auth cookie expires by the
    /// app's test clock (March 2026), which a real cookie jar compares with today's date and drops.
    /// </summary>
    private async Task<HttpClient> LoggedInBrowser(string userName)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookies = new Dictionary<string, string>();
        void Keep(HttpResponseMessage response)
        {
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0].Split('=', 2);
                cookies[pair[0]] = pair[1];
            }
            client.DefaultRequestHeaders.Remove("Cookie");
            client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var page = await client.GetAsync("/login");
        Keep(page);
        var token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var login = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = DemoSeeder.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Keep(login);
        return client;
    }

    [Fact]
    public async Task Should_describe_the_upload_in_the_openapi_document()
    {
        var document = await App.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/v1/media\"", document);
    }

    /// <summary>A body whose length is unknown up front, so it is sent chunked and only counting can stop it.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private sealed record MediaUploadedBody(string Name, string Url, string ContentType, long Length);
}

/// <summary>A test-only access policy: a name handled by it may be read by the one NIP it maps to.</summary>
public sealed class GrantedMedia : ConcurrentDictionary<string, string>, IMediaAccessPolicy
{
    public bool Handles(string blobName) => ContainsKey(blobName);

    public Task<bool> CanRead(ClaimsPrincipal user, string blobName, CancellationToken cancellationToken) =>
        Task.FromResult(TryGetValue(blobName, out var nip) && user.Identity?.Name == nip);
}

/// <summary>
/// One app per provider for a class of media flows, with small limits so "too large" stays quick.
/// The demo's coordinator and learners are created as plain logins with their NIPs as user names, so
/// these flows need nothing from the Organisation module.
/// </summary>
public abstract class MediaAppFixture : IAsyncLifetime
{
    public GrantedMedia Grants { get; } = new();
    public LearningApp App { get; private set; } = null!;

    protected abstract Dictionary<string, string?> Storage();

    public async Task InitializeAsync()
    {
        var settings = Storage();
        settings["Media:MaxUploadBytes"] = (1024 * 1024).ToString();
        settings["Media:MaxImageBytes"] = (256 * 1024).ToString();
        App = new LearningApp(Db.Sqlite, demo: false, settings, services => services.AddSingleton<IMediaAccessPolicy>(Grants));
        await App.WithScope(async sp =>
        {
            var accounts = sp.GetRequiredService<IAccountAdministration>();
            await accounts.EnsureServiceAccount("198203152006042001", "Koordinator BKPSDM", DemoSeeder.Password, [Roles.Coordinator]);
            await accounts.EnsureServiceAccount("199005172015031001", "Peserta Satu", DemoSeeder.Password, [Roles.Learner]);
            await accounts.EnsureServiceAccount("199208082019022003", "Peserta Dua", DemoSeeder.Password, [Roles.Learner]);
        });
    }

    public virtual async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>The Azurite connection string (eng/setup.sh test starts Azurite and writes it to .tools/test.env).</summary>
    public static string Azurite =>
        Environment.GetEnvironmentVariable("LEARNING_TEST_BLOBS")
        ?? throw new InvalidOperationException("LEARNING_TEST_BLOBS is not set: run eng/setup.sh test (Azurite on 127.0.0.1:10000), then `source .tools/test.env`.");
}

public sealed class FileSystemMedia : MediaAppFixture
{
    protected override Dictionary<string, string?> Storage() => new() { ["Storage:Provider"] = "FileSystem" };
}

public sealed class AzureBlobMedia : MediaAppFixture
{
    // A container of its own, so parallel runs never collide.
    private readonly string _container = "t" + Guid.NewGuid().ToString("N")[..20];

    protected override Dictionary<string, string?> Storage() => new()
    {
        ["Storage:Provider"] = "AzureBlob",
        ["ConnectionStrings:Blobs"] = Azurite,
        ["Storage:Container"] = _container,
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await new BlobContainerClient(Azurite, _container).DeleteIfExistsAsync();
    }
}

public sealed class FileSystemMediaTests(FileSystemMedia fixture) : MediaFlows<FileSystemMedia>(fixture);

public sealed class AzureBlobMediaTests(AzureBlobMedia fixture) : MediaFlows<AzureBlobMedia>(fixture);

public sealed class MediaHealthTests
{
    [Fact]
    public async Task Should_report_the_azure_blob_store_healthy_when_azurite_answers()
    {
        var container = "t" + Guid.NewGuid().ToString("N")[..20];
        await using (var app = new LearningApp(Db.Sqlite, demo: false, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob", ["ConnectionStrings:Blobs"] = MediaAppFixture.Azurite, ["Storage:Container"] = container,
        }))
        {
            var response = await app.CreateClient().GetAsync("/health");
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"blobs\":\"Healthy\"", body);
        }
        await new BlobContainerClient(MediaAppFixture.Azurite, container).DeleteIfExistsAsync();
    }

    [Fact]
    public async Task Should_report_the_azure_blob_store_unhealthy_when_nothing_answers()
    {
        // A closed port, and a SAS in place of a key: no credential is needed to fail to connect.
        await using var app = new LearningApp(Db.Sqlite, demo: false, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["ConnectionStrings:Blobs"] = "BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;SharedAccessSignature=sv=2021-08-06&sig=none",
        });

        var response = await app.CreateClient().GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"blobs\":\"Unhealthy\"", body);
        Assert.Contains("\"database\":\"Healthy\"", body);
    }
}
