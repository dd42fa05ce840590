using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Learning.Media.Contracts;
using Learning.Tenants.Contracts;
using Learning.Web.Hosting;
using Learning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// A coordinator replaces a lesson's image; the nightly clean-up deletes the old file once the grace period is over, and never a
/// file a lesson, the course media or a tenant's logo still uses. On both blob stores the app runs with.
/// </summary>
public sealed class OrphanedMediaTests
{
    private const string Coordinator = "198203152006042001";
    private const string Slug = "spbe-dasar";

    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static async Task<string> Token(HttpClient client, string page) =>
        Regex.Match(await client.GetStringAsync(page), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    private static async Task<string> Upload(HttpClient client, string page, string name)
    {
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var form = new MultipartFormDataContent { { new StringContent(await Token(client, page)), "__RequestVerificationToken" }, { file, "file", name } };
        var html = await (await client.PostAsync($"{page}?handler=Upload", form)).Content.ReadAsStringAsync();
        // The snippet offered to paste (the lesson's own text on the page may hold older links).
        var url = Regex.Match(html, "value=\"!\\[keterangan\\]\\((/media/uploads/[a-z0-9/-]+\\.png)\\)\"").Groups[1].Value;
        Assert.NotEmpty(url);
        return url;
    }

    private static async Task Save(HttpClient client, string page, string markdown)
    {
        var html = await client.GetStringAsync(page);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value,
            ["Revision"] = Regex.Match(html, "name=\"Revision\" value=\"(\\d+)\"").Groups[1].Value,
            ["Title"] = "Pengantar SPBE", ["Minutes"] = "10", ["Markdown"] = markdown,
        };
        var response = await client.PostAsync($"{page}?handler=Save", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task Clean(LearningApp app, DateTimeOffset asOf, string? tenant = null) =>
        Assert.Equal(0, await Verbs.Run(app.Services, "jobs",
            ["run", "orphaned-media", "--as-of", asOf.ToString("O", CultureInfo.InvariantCulture), .. tenant is null ? Array.Empty<string>() : ["--tenant", tenant]]));

    public static TheoryData<string> Stores => new("FileSystem", "AzureBlob");

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Should_delete_a_replaced_lesson_image_after_the_grace_period_and_keep_what_is_still_used(string store)
    {
        var container = "t" + Guid.NewGuid().ToString("N")[..20];
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = store };
        if (store == "AzureBlob")
        {
            settings["ConnectionStrings:Blobs"] = MediaAppFixture.Azurite;
            settings["Storage:Container"] = container;
        }
        try
        {
            await using var app = new LearningApp(settings: settings);
            var client = await app.PagesAs(Coordinator);
            var key = Regex.Match(await client.GetStringAsync($"/authoring/{Slug}"), $"/authoring/{Slug}/lessons/([a-z0-9-]+)\"").Groups[1].Value;
            var page = $"/authoring/{Slug}/lessons/{key}";
            var original = Regex.Match(await client.GetStringAsync(page), "<textarea[^>]*name=\"Markdown\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline);
            var markdown = WebUtility.HtmlDecode(original.Groups[1].Value).TrimStart('\n');

            // The lesson shows the first diagram, then the coordinator replaces it with a second one.
            var first = await Upload(client, page, "diagram-lama.png");
            await Save(client, page, markdown + $"\n![diagram]({first})\n");
            var second = await Upload(client, page, "diagram-baru.png");
            await Save(client, page, markdown + $"\n![diagram]({second})\n");
            // And one uploaded but never linked.
            var unused = await Upload(client, page, "tidak-dipakai.png");

            // A tenant whose logo is an uploaded file, and a stray upload of its own.
            await app.AddTenant("kota-logo", "Kota Logo", "logo.test", new TenantSettings { Logo = "/media/uploads/kota-logo/2026/01/0123456789abcdef0123456789abcdef.png" });
            await app.InTenant("kota-logo", async sp =>
            {
                var blobs = sp.GetRequiredService<IBlobStore>();
                await blobs.Put("uploads/kota-logo/2026/01/0123456789abcdef0123456789abcdef.png", new MemoryStream(Png), "image/png");
                await blobs.Put("uploads/kota-logo/2026/01/fedcba9876543210fedcba9876543210.png", new MemoryStream(Png), "image/png");
            });

            async Task<HttpStatusCode> Status(string url) => (await client.GetAsync(url)).StatusCode;
            var contentMedia = await app.WithScope(async sp =>
            {
                var names = new List<string>();
                await foreach (var b in sp.GetRequiredService<IBlobStore>().List("media/")) names.Add(b.Name);
                return names;
            });
            Assert.NotEmpty(contentMedia);

            // Within the grace period (7 days by default) nothing goes, not even the file nobody uses.
            var now = app.Clock.GetUtcNow();
            await Clean(app, now.AddDays(6));
            Assert.Equal(HttpStatusCode.OK, await Status(first));
            Assert.Equal(HttpStatusCode.OK, await Status(unused));

            // After it, the replaced and the unused file are gone; the lesson's image and the imported course media stay.
            await Clean(app, now.AddDays(8));
            Assert.Equal(HttpStatusCode.NotFound, await Status(first));
            Assert.Equal(HttpStatusCode.NotFound, await Status(unused));
            Assert.Equal(HttpStatusCode.OK, await Status(second));
            foreach (var name in contentMedia) Assert.Equal(HttpStatusCode.OK, await Status("/media/" + name));
            var shown = await (await client.PostAsync($"{page}?handler=Preview", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await Token(client, page), ["Title"] = "x", ["Minutes"] = "5",
                ["Markdown"] = "![arsitektur](../../media/arsitektur-spbe.svg)",
            }))).Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, await Status(Regex.Match(shown, "<img src=\"(/media/[^\"]+)\"").Groups[1].Value));

            // The other tenant's run keeps its logo and deletes its stray upload.
            await Clean(app, now.AddDays(8), "kota-logo");
            await app.InTenant("kota-logo", async sp =>
            {
                var blobs = sp.GetRequiredService<IBlobStore>();
                Assert.NotNull(await blobs.Info("uploads/kota-logo/2026/01/0123456789abcdef0123456789abcdef.png"));
                Assert.Null(await blobs.Info("uploads/kota-logo/2026/01/fedcba9876543210fedcba9876543210.png"));
            });
        }
        finally
        {
            if (store == "AzureBlob") await new BlobContainerClient(MediaAppFixture.Azurite, container).DeleteIfExistsAsync();
        }
    }
}
