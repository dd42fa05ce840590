using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Learning.Courses.Domain;
using Learning.Courses.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>Export with uploaded images, the zip upload on /authoring and the order of a question bank, as a coordinator uses them.</summary>
public sealed partial class AuthoringTests
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static async Task<string> Token(HttpClient client, string page) =>
        Regex.Match(await client.GetStringAsync(page), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>Uploads an image on the lesson page (no JavaScript) and returns the /media/ address the page offers to paste.</summary>
    private static async Task<string> UploadImage(HttpClient client, string lessonPage, byte[] bytes, string name)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var form = new MultipartFormDataContent { { new StringContent(await Token(client, lessonPage)), "__RequestVerificationToken" }, { file, "file", name } };
        var html = await (await client.PostAsync($"{lessonPage}?handler=Upload", form)).Content.ReadAsStringAsync();
        var snippet = Regex.Match(html, "value=\"!\\[keterangan\\]\\((/media/uploads/[a-z0-9/-]+\\.png)\\)\"");
        Assert.True(snippet.Success, "no snippet on the page");
        return snippet.Groups[1].Value;
    }

    private static async Task<HttpResponseMessage> UploadZip(HttpClient client, byte[] zip, string name = "kursus.zip", bool token = true)
    {
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var form = new MultipartFormDataContent { { file, "zip", name } };
        if (token) form.Add(new StringContent(await Token(client, "/authoring")), "__RequestVerificationToken");
        return await client.PostAsync("/authoring?handler=Import", form);
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        return memory.ToArray();
    }

    /// <summary>The entries of a zip as text (media as Base64), by name.</summary>
    private static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName.Replace('\\', '/'), e =>
        {
            using var s = e.Open();
            var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        });
    }

    [Fact]
    public async Task Should_carry_an_uploaded_image_in_the_export_zip_and_show_it_after_the_zip_is_uploaded_on_another_installation()
    {
        await using var app = new LearningApp();
        var client = await AuthorDraft(app);
        var lessonPage = $"/authoring/{Slug}/lessons/{LessonKey}";
        var url = await UploadImage(client, lessonPage, Png, "alur-aduan.png");
        Redirected(await Post(client, lessonPage, "Save", new()
        {
            ["Title"] = "Mengurus Surat Pengantar", ["Minutes"] = "15", ["Markdown"] = $"# Alur\n\n![alur aduan]({url})\n",
        }));
        Redirected(await Post(client, $"/authoring/{Slug}", "Publish", new()));

        var export = await client.GetAsync($"/authoring/{Slug}?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var zip = await export.Content.ReadAsByteArrayAsync();

        // The image is in the zip under media/, and the lesson links it there, not at this installation's address.
        var entries = Entries(zip);
        var file = url[(url.LastIndexOf('/') + 1)..];
        Assert.Equal(Png, entries[$"media/uploads/{file}"]);
        var lesson = Encoding.UTF8.GetString(entries[$"courses/{Slug}/{LessonKey}.md"]);
        Assert.Contains($"![alur aduan](../../media/uploads/{file})", lesson);
        Assert.DoesNotContain("/media/uploads/semarang", lesson);

        // Another installation (its own database and blob store): the coordinator uploads the zip on /authoring.
        await using var other = new LearningApp();
        var coordinator = await other.PagesAs(Coordinator);
        var imported = await UploadZip(coordinator, zip, $"{Slug}.zip");
        Redirected(imported, "/authoring");
        Assert.Contains($"{Slug}.zip diimpor: 1 kursus baru", await coordinator.GetStringAsync("/authoring"));

        // The lesson as learners see it shows the image from the new installation's own store.
        var markdown = await other.WithScope(sp => sp.GetRequiredService<Learning.Kernel.LearningDbContext>().Set<Lesson>()
            .Where(l => l.Key == LessonKey).Select(l => l.Markdown).SingleAsync());
        var html = await other.WithScope(sp => sp.GetRequiredService<ILessonRenderer>().ToHtml(markdown, CancellationToken.None));
        var src = Regex.Match(html, "<img src=\"(/media/[^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("/media/media/", src);
        var image = await coordinator.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Should_refuse_a_bad_course_zip_whole_with_a_reason_for_each_problem_in_Indonesian()
    {
        await using var app = new LearningApp(settings: new Dictionary<string, string?>
        {
            ["Courses:Zip:MaxEntries"] = "20", ["Courses:Zip:MaxUnpackedBytes"] = "200000", ["Courses:Zip:MaxZipBytes"] = "1048576",
        });
        var client = await AuthorDraft(app);
        var export = Entries(await (await client.GetAsync($"/authoring/{Slug}?handler=Export")).Content.ReadAsByteArrayAsync());
        var courseYml = Encoding.UTF8.GetString(export[$"courses/{Slug}/course.yml"]);
        Assert.Contains("title: \"Layanan Kelurahan Daring\"", courseYml);
        var renamed = export.Select(e => (e.Key, e.Key.EndsWith("course.yml")
            ? courseYml.Replace("title: \"Layanan Kelurahan Daring\"", "title: \"Layanan Kelurahan Daring Baru\"")
            : Encoding.UTF8.GetString(e.Value))).ToArray();
        var before = await Snapshot(app);

        async Task<string> Refused(HttpResponseMessage response)
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"got {(int)response.StatusCode}");
            Assert.Contains("Zip tidak diimpor; tidak ada yang berubah.", html);
            return WebUtility.HtmlDecode(html);
        }

        // A good course beside a broken one: neither is imported, the broken file is named with its line.
        var broken = await Refused(await UploadZip(client, Zip([.. renamed,
            ("courses/kursus-rusak/course.yml", "title: Kursus Rusak\njp: 2\nmodules: [tidak ditutup\n")])));
        Assert.Matches(@"courses/kursus-rusak/course\.yml:\d+</code>: sintaks YAML salah", broken);

        // A name climbing out of the folder, an absolute name, a symbolic link.
        var traversal = await Refused(await UploadZip(client, Zip([.. renamed, ("../../etc/cron.d/jahat", "x"), ("/tmp/mutlak.yml", "x")])));
        Assert.Contains("../../etc/cron.d/jahat:1</code>: nama berkas keluar dari folder zip", traversal);
        Assert.Contains("/tmp/mutlak.yml:1</code>: nama berkas tidak diterima", traversal);
        Assert.False(File.Exists("/etc/cron.d/jahat"));
        var link = new MemoryStream();
        using (var zip = new ZipArchive(link, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("media/tautan.png");
            entry.ExternalAttributes = unchecked((int)0xA1FF0000); // a Unix symbolic link (lrwxrwxrwx)
            using var s = entry.Open();
            s.Write("/etc/passwd"u8);
        }
        Assert.Contains("media/tautan.png:1</code>: tautan simbolik tidak diterima", await Refused(await UploadZip(client, link.ToArray())));

        // Too many entries; a small zip that unpacks too large; not a zip at all; an empty form; a zip over the size limit.
        Assert.Contains("zip berisi 21 berkas; paling banyak 20",
            await Refused(await UploadZip(client, Zip(Enumerable.Range(0, 21).Select(i => ($"media/{i}.txt", "x")).ToArray()))));
        Assert.Contains("isi zip setelah dibuka terlalu besar",
            await Refused(await UploadZip(client, Zip([.. renamed, ("media/besar.svg", new string(' ', 250_000))]))));
        Assert.Contains("bukan berkas zip yang dapat dibaca", await Refused(await UploadZip(client, "bukan zip"u8.ToArray())));
        Assert.Contains("zip terlalu besar: paling besar 1 MB", await Refused(await UploadZip(client, new byte[1_048_577])));

        // A form without its antiforgery token is refused before anything is read.
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadZip(client, Zip(renamed), token: false)).StatusCode);
        Assert.Equal(before, await Snapshot(app));

        // The same course alone imports, updating the course in place.
        Redirected(await UploadZip(client, Zip(renamed)), "/authoring");
        Assert.Equal("Layanan Kelurahan Daring Baru", (await Stored(app)).Title);
    }

    [Fact]
    public async Task Should_move_questions_up_and_down_and_refuse_a_move_made_on_an_older_page()
    {
        await using var app = new LearningApp();
        var client = await AuthorDraft(app);
        var page = $"/authoring/{Slug}/questions";
        var html = await client.GetStringAsync(page);
        Assert.Contains("aria-label=\"Naikkan soal q02\"", html);
        var revision = Regex.Match(html, "name=\"Revision\" value=\"(\\d+)\"").Groups[1].Value;

        var moved = await client.PostAsync($"{page}?handler=Move&id=q02&by=-1", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await Token(client, page), ["Revision"] = revision,
        }));
        Redirected(moved, page);
        Assert.Equal(["q02", "q01"], (await Stored(app)).ToDefinition().Assessment!.Questions.Select(q => q.Id));
        var shown = await client.GetStringAsync(page);
        Assert.Contains("Urutan soal disimpan.", shown);
        Assert.True(shown.IndexOf("Surat pengantar daring sah", StringComparison.Ordinal) < shown.IndexOf("Di mana surat pengantar", StringComparison.Ordinal));

        // Another tab still showing the old order moves q01 up: refused, nothing moves, the reason in Indonesian.
        var stale = await client.PostAsync($"{page}?handler=Move&id=q01&by=-1", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await Token(client, page), ["Revision"] = revision,
        }));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Kursus ini sudah diubah oleh", await stale.Content.ReadAsStringAsync());
        Assert.Equal(["q02", "q01"], (await Stored(app)).ToDefinition().Assessment!.Questions.Select(q => q.Id));

        // Down again from the page as it is now.
        Redirected(await Post(client, page, "Move", new() { ["Revision"] = Regex.Match(shown, "name=\"Revision\" value=\"(\\d+)\"").Groups[1].Value },
            "&id=q02&by=1"), page);
        Assert.Equal(["q01", "q02"], (await Stored(app)).ToDefinition().Assessment!.Questions.Select(q => q.Id));
    }
}
