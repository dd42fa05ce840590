using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>The coordinator's authoring pages over the real HTTP pipeline (cookies, antiforgery) on a real database.</summary>
public sealed partial class AuthoringTests
{
    private const string Coordinator = "198203152006042001";
    private const string Learner = "199005172015031001";
    private const string Slug = "layanan-kelurahan-daring";
    private const string LessonKey = "mengurus-surat-pengantar";

    private static async Task<HttpResponseMessage> Post(HttpClient client, string page, string handler, Dictionary<string, string> fields,
        string? query = null)
    {
        var form = await LearningApp.FormWithToken(client, page, fields);
        return await client.PostAsync($"{page}?handler={handler}{query}", form);
    }

    private static void Redirected(HttpResponseMessage response, string? to = null)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (to is not null) Assert.Equal(to, response.Headers.Location!.OriginalString.Split('#')[0]);
    }

    /// <summary>A draft with one module, one lesson and two questions, made through the pages.</summary>
    private static async Task<HttpClient> AuthorDraft(LearningApp app)
    {
        var client = await app.PagesAs(Coordinator);
        Redirected(await Post(client, "/authoring", "Create", new()
        {
            ["Input.Title"] = "Layanan Kelurahan Daring", ["Input.Slug"] = "", ["Input.Summary"] = "Surat pengantar dari Kelurahan Tembalang tanpa antre.",
            ["Input.Jp"] = "2", ["Input.Minutes"] = "90",
        }), $"/authoring/{Slug}");
        Redirected(await Post(client, $"/authoring/{Slug}", "AddModule", new() { ["ModuleTitle"] = "Layanan di kelurahan" }));
        Redirected(await Post(client, $"/authoring/{Slug}", "AddLesson", new() { ["LessonTitle"] = "Mengurus Surat Pengantar" }, "&index=0"));
        Redirected(await Post(client, $"/authoring/{Slug}", "Settings", new()
        {
            ["Input.Title"] = "Layanan Kelurahan Daring", ["Input.Summary"] = "Surat pengantar tanpa antre.", ["Input.Language"] = "id",
            ["Input.Jp"] = "2,5", ["Input.Minutes"] = "110", ["Input.ValidityMonths"] = "24", ["Input.RenewFrom"] = "fixed-date",
            ["Input.WindowDays"] = "60", ["Input.FixedDate"] = "01-01", ["Input.Levels[spbe]"] = "2",
        }), $"/authoring/{Slug}");
        Redirected(await Post(client, $"/authoring/{Slug}/questions", "Save", new()
        {
            ["Input.Id"] = "q01", ["Input.Type"] = "single", ["Input.Text"] = "Di mana surat pengantar diajukan?",
            ["Input.Options[0]"] = "Di loket saja", ["Input.Options[1]"] = "Melalui layanan daring kelurahan", ["Input.Correct"] = "1",
        }), $"/authoring/{Slug}/questions");
        Redirected(await Post(client, $"/authoring/{Slug}/questions", "Save", new()
        {
            ["Input.Id"] = "q02", ["Input.Type"] = "true-false", ["Input.Text"] = "Surat pengantar daring sah tanpa cap basah.",
            ["Input.TrueFalse"] = "true",
        }), $"/authoring/{Slug}/questions");
        return client;
    }

    private static Task<Course> Stored(LearningApp app) => app.WithScope(sp =>
        sp.GetRequiredService<Learning.Kernel.LearningDbContext>().Set<Course>().AsNoTracking()
            .Include(c => c.Competencies).Include(c => c.Modules).Include(c => c.Lessons)
            .Include(c => c.Assessment).ThenInclude(a => a!.Questions)
            .SingleAsync(c => c.Slug == Slug));

    /// <summary>Everything stored about the course, to compare before and after a refused form.</summary>
    private static async Task<string> Snapshot(LearningApp app)
    {
        var course = await Stored(app);
        var count = await app.WithScope(sp => sp.GetRequiredService<Learning.Kernel.LearningDbContext>().Set<Course>().CountAsync());
        return count + JsonSerializer.Serialize(course.ToDefinition()) + course.Version;
    }

    [Fact]
    public async Task Should_author_preview_save_and_publish_a_course_that_learners_then_see()
    {
        await using var app = new LearningApp();
        var client = await AuthorDraft(app);
        var lessonPage = $"/authoring/{Slug}/lessons/{LessonKey}";

        // A draft is not in the catalogue.
        var learner = await app.ApiAs(Learner);
        Assert.DoesNotContain(Slug, await learner.GetStringAsync("/api/v1/courses"));

        const string markdown = "## Langkah Pertama\n\nSiapkan KTP.\n\n<script>alert('x')</script>\n\n[klik](javascript:alert(1))\n\n| Berkas | Wajib |\n|---|---|\n| KTP | ya |\n";
        var preview = await Post(client, lessonPage, "Preview", new() { ["Title"] = "Mengurus Surat Pengantar", ["Minutes"] = "15", ["Markdown"] = markdown });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        var start = html.IndexOf("id=\"preview\"", StringComparison.Ordinal);
        Assert.True(start > 0, "no preview on the page");
        var shown = html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
        Assert.Contains("<h2 id=\"langkah-pertama\">Langkah Pertama</h2>", shown);
        Assert.Contains("<table>", shown);
        Assert.DoesNotContain("<script", shown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", shown, StringComparison.OrdinalIgnoreCase);
        // Preview saves nothing.
        Assert.Equal("# Mengurus Surat Pengantar\n", (await Stored(app)).Lessons.Single().Markdown);

        Redirected(await Post(client, lessonPage, "Save", new() { ["Title"] = "Mengurus Surat Pengantar", ["Minutes"] = "15", ["Markdown"] = markdown }), lessonPage);
        Redirected(await Post(client, $"/authoring/{Slug}", "Publish", new()), $"/authoring/{Slug}");

        var course = await Stored(app);
        Assert.Equal((CourseStatus.Published, 1, 2.5m, 110), (course.Status, course.Version, course.Jp, course.Minutes));
        Assert.Equal(markdown, course.Lessons.Single().Markdown);
        Assert.Equal(["q01", "q02"], course.Assessment!.Questions.OrderBy(q => q.Order).Select(q => q.Key));
        Assert.Equal([1], course.Assessment.Questions.Single(q => q.Key == "q01").Answer);
        Assert.Equal(("spbe", 2), (course.Competencies.Single().Code, course.Competencies.Single().Level));
        Assert.Equal((24, RenewFrom.FixedDate, "01-01", 60), (course.ValidityMonths, course.RenewFrom, course.RenewFixedDate, course.RecertificationWindowDays));

        var listed = await learner.GetFromJsonAsync<JsonElement>("/api/v1/courses");
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("slug").GetString() == Slug);
        var detail = await learner.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{Slug}");
        Assert.Equal(LessonKey, detail.GetProperty("modules")[0].GetProperty("lessons")[0].GetProperty("key").GetString());

        // The list shows it in Indonesian.
        var list = await client.GetStringAsync("/authoring?q=kelurahan");
        Assert.Contains("Layanan Kelurahan Daring", list);
        Assert.Contains("Terbit", list);
    }

    [Fact]
    public async Task Should_keep_the_lesson_key_and_bump_the_version_when_a_published_lesson_is_edited()
    {
        await using var app = new LearningApp();
        var client = await AuthorDraft(app);
        Redirected(await Post(client, $"/authoring/{Slug}", "Publish", new()));
        var before = (await Stored(app)).Lessons.Single();

        Redirected(await Post(client, $"/authoring/{Slug}/lessons/{LessonKey}", "Save", new()
        {
            ["Title"] = "Surat Pengantar RT/RW secara Daring", ["Minutes"] = "20", ["Markdown"] = "# Versi baru\n",
        }));
        Redirected(await Post(client, $"/authoring/{Slug}", "Publish", new()));

        var course = await Stored(app);
        var after = course.Lessons.Single();
        Assert.Equal(2, course.Version);
        Assert.Equal((before.Id, LessonKey), (after.Id, after.Key));
        Assert.Equal(("Surat Pengantar RT/RW secara Daring", "# Versi baru\n"), (after.Title, after.Markdown));
    }

    [Fact]
    public async Task Should_refuse_invalid_input_in_Indonesian_and_save_nothing()
    {
        await using var app = new LearningApp();
        var client = await AuthorDraft(app);
        var before = await Snapshot(app);

        var emptyTitle = await Post(client, "/authoring", "Create", new() { ["Input.Title"] = "", ["Input.Jp"] = "2", ["Input.Minutes"] = "60" });
        Assert.Equal(HttpStatusCode.OK, emptyTitle.StatusCode);
        Assert.Contains("Wajib diisi.", await emptyTitle.Content.ReadAsStringAsync());

        var wordJp = await Post(client, "/authoring", "Create", new() { ["Input.Title"] = "Kursus Baru", ["Input.Jp"] = "dua", ["Input.Minutes"] = "60" });
        Assert.Contains("Harus berupa angka (misalnya 2 atau 1,5), bukan &quot;dua&quot;.", await wordJp.Content.ReadAsStringAsync());

        // A settings form with one bad field changes none of the others.
        var settings = await Post(client, $"/authoring/{Slug}", "Settings", new()
        {
            ["Input.Title"] = "Judul yang tidak boleh tersimpan", ["Input.Language"] = "id", ["Input.Jp"] = "dua", ["Input.Minutes"] = "60",
        });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Contains("bukan &quot;dua&quot;", await settings.Content.ReadAsStringAsync());

        var outOfRange = await Post(client, $"/authoring/{Slug}/questions", "Save", new()
        {
            ["Input.Id"] = "q03", ["Input.Type"] = "single", ["Input.Text"] = "Soal dengan jawaban di luar pilihan",
            ["Input.Options[0]"] = "Ya", ["Input.Options[1]"] = "Tidak", ["Input.Correct"] = "4",
        });
        Assert.Contains("jawaban 4 tidak menunjuk pilihan yang ada: nomor pilihan dari 0 sampai 1", await outOfRange.Content.ReadAsStringAsync());

        var duplicate = await Post(client, $"/authoring/{Slug}/questions", "Save", new()
        {
            ["Input.Id"] = "q01", ["Input.Type"] = "multiple", ["Input.Text"] = "Id kembar", ["Input.Options[0]"] = "A", ["Input.Correct"] = "0",
        });
        var duplicateHtml = await duplicate.Content.ReadAsStringAsync();
        Assert.Contains("Id soal q01 sudah dipakai.", duplicateHtml);
        Assert.Contains("soal multiple memerlukan paling sedikit 2 pilihan", duplicateHtml);

        var fixedDate = await Post(client, $"/authoring/{Slug}", "Settings", new()
        {
            ["Input.Title"] = "Layanan Kelurahan Daring", ["Input.Language"] = "id", ["Input.Jp"] = "2", ["Input.Minutes"] = "60",
            ["Input.ValidityMonths"] = "12", ["Input.RenewFrom"] = "fixed-date", ["Input.WindowDays"] = "30", ["Input.FixedDate"] = "02-29",
        });
        Assert.Contains("fixed_date harus berbentuk BB-HH", await fixedDate.Content.ReadAsStringAsync());

        Assert.Equal(before, await Snapshot(app));
    }

    [Fact]
    public async Task Should_keep_learners_out_of_authoring()
    {
        await using var app = new LearningApp();
        var learner = await app.PagesAs(Learner);
        var response = await learner.GetAsync("/authoring");
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/forbidden")),
            $"got {(int)response.StatusCode} {response.Headers.Location}");
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Contains("/login", (await anonymous.GetAsync($"/authoring/{Slug}")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Should_export_a_zip_that_imports_cleanly_into_a_fresh_database()
    {
        await using var app = new LearningApp();
        var client = await AuthorDraft(app);
        Redirected(await Post(client, $"/authoring/{Slug}/lessons/{LessonKey}", "Save", new()
        {
            ["Title"] = "Mengurus Surat Pengantar", ["Minutes"] = "15", ["Markdown"] = "# Surat pengantar\n\n- [x] KTP\n- [ ] KK\n",
        }));
        Redirected(await Post(client, $"/authoring/{Slug}", "Publish", new()));

        var response = await client.GetAsync($"/authoring/{Slug}?handler=Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var folder = Directory.CreateTempSubdirectory("learning-authoring-export-").FullName;
        try
        {
            await using (var zip = await response.Content.ReadAsStreamAsync())
                ZipFile.ExtractToDirectory(zip, folder);
            Assert.True(File.Exists(Path.Combine(folder, "courses", Slug, "course.yml")));

            await using var fresh = new LearningApp(demo: false);
            var result = await fresh.WithScope(sp => sp.GetRequiredService<IContentImporter>().Import(folder));
            Assert.Empty(result.Problems);
            var imported = await fresh.WithScope(sp => sp.GetRequiredService<Learning.Kernel.LearningDbContext>().Set<Course>()
                .Include(c => c.Lessons).Include(c => c.Assessment).ThenInclude(a => a!.Questions).SingleAsync(c => c.Slug == Slug));
            Assert.Equal((CourseStatus.Published, LessonKey, 2), (imported.Status, imported.Lessons.Single().Key, imported.Assessment!.Questions.Count));
            Assert.Equal("# Surat pengantar\n\n- [x] KTP\n- [ ] KK\n", imported.Lessons.Single().Markdown);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Should_upload_without_JavaScript_and_show_the_image_to_learners_once_published()
    {
        await using var app = new LearningApp();
        var client = await AuthorDraft(app);
        var lessonPage = $"/authoring/{Slug}/lessons/{LessonKey}";
        var token = Regex.Match(await client.GetStringAsync(lessonPage), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { file, "file", "alur-aduan.png" } };

        var response = await client.PostAsync($"{lessonPage}?handler=Upload", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var snippet = Regex.Match(await response.Content.ReadAsStringAsync(), "value=\"!\\[keterangan\\]\\((/media/uploads/semarang/[0-9]{4}/[0-9]{2}/[0-9a-f]{32}\\.png)\\)\"");
        Assert.True(snippet.Success, "no snippet on the page");
        var url = snippet.Groups[1].Value;

        // The one renderer keeps a site-absolute /media/ image as it is.
        var preview = await Post(client, lessonPage, "Preview", new() { ["Title"] = "x", ["Minutes"] = "5", ["Markdown"] = $"![alur aduan]({url})" });
        Assert.Contains($"<img src=\"{url}\" loading=\"lazy\" alt=\"alur aduan\"", await preview.Content.ReadAsStringAsync());

        // A draft's upload stays with coordinators; once a published lesson shows it, learners may load it.
        var learner = await app.PagesAs(Learner);
        Assert.NotEqual(HttpStatusCode.OK, (await learner.GetAsync(url)).StatusCode);
        Redirected(await Post(client, lessonPage, "Save", new()
        {
            ["Title"] = "Mengurus Surat Pengantar", ["Minutes"] = "15", ["Markdown"] = $"# Alur\n\n![alur aduan]({url})\n",
        }));
        Redirected(await Post(client, $"/authoring/{Slug}", "Publish", new()));
        var image = await learner.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Should_add_rename_reorder_and_remove_modules_and_lessons_keeping_lesson_keys()
    {
        await using var app = new LearningApp();
        var client = await AuthorDraft(app);
        var page = $"/authoring/{Slug}";
        Redirected(await Post(client, page, "AddModule", new() { ["ModuleTitle"] = "Tindak lanjut" }));
        Redirected(await Post(client, page, "AddLesson", new() { ["LessonTitle"] = "Menjawab Aduan" }, "&index=1"));
        Redirected(await Post(client, page, "AddLesson", new() { ["LessonTitle"] = "Menjawab Aduan" }, "&index=1"));
        Redirected(await Post(client, page, "AddModule", new() { ["ModuleTitle"] = "Modul yang dihapus" }));
        Redirected(await Post(client, page, "AddLesson", new() { ["LessonTitle"] = "Pelajaran sementara" }, "&index=2"));

        // Past the top of its module a lesson joins the module above; modules swap; a module goes with its lessons.
        Redirected(await Post(client, page, "MoveLesson", new(), "&key=menjawab-aduan&by=-1"));
        Redirected(await Post(client, page, "RenameModule", new() { ["title"] = "Penerimaan aduan" }, "&index=0"));
        Redirected(await Post(client, page, "MoveModule", new(), "&index=1&by=-1"));
        Redirected(await Post(client, page, "RemoveModule", new(), "&index=2"));
        Redirected(await Post(client, page, "RemoveLesson", new(), $"&key={LessonKey}"));

        var course = (await Stored(app)).ToDefinition();
        Assert.Equal(["Tindak lanjut", "Penerimaan aduan"], course.Modules.Select(m => m.Title));
        Assert.Equal([["menjawab-aduan-2"], ["menjawab-aduan"]], course.Modules.Select(m => m.Lessons.Select(l => l.Key).ToArray()));

        var empty = await Post(client, page, "AddModule", new() { ["ModuleTitle"] = " " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Wajib diisi.", await empty.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_edit_and_delete_questions_and_their_bank_settings()
    {
        await using var app = new LearningApp();
        var client = await AuthorDraft(app);
        var page = $"/authoring/{Slug}/questions";
        var form = await client.GetStringAsync($"{page}?edit=q01");
        Assert.Contains("value=\"Melalui layanan daring kelurahan\"", form);
        Assert.Contains("value=\"q03\"", await client.GetStringAsync(page));

        Redirected(await Post(client, page, "Save", new()
        {
            ["Input.Original"] = "q01", ["Input.Id"] = "q99", ["Input.Type"] = "multiple", ["Input.Text"] = "Syarat surat pengantar?",
            ["Input.Options[0]"] = "KTP", ["Input.Options[1]"] = "", ["Input.Options[2]"] = "KK", ["Input.Options[3]"] = "Paspor", ["Input.Correct"] = "0",
        }), page);
        Redirected(await Post(client, page, "Bank", new() { ["Settings.PassMark"] = "80", ["Settings.MaxAttempts"] = "3", ["Settings.TimeLimit"] = "" }), page);
        Redirected(await Post(client, page, "Delete", new(), "&id=q02"), page);

        var assessment = (await Stored(app)).ToDefinition().Assessment!;
        Assert.Equal((80, (int?)3, (int?)null), (assessment.PassMark, assessment.MaxAttempts, assessment.TimeLimitMinutes));
        var q01 = Assert.Single(assessment.Questions);
        Assert.Equal((QuestionType.Multiple, "KTP|KK|Paspor", "0"), (q01.Type, string.Join('|', q01.Options), string.Join(',', q01.Answer)));

        var badMark = await Post(client, page, "Bank", new() { ["Settings.PassMark"] = "150" });
        Assert.Contains("Harus antara 1 dan 100, bukan 150.", await badMark.Content.ReadAsStringAsync());

        // The last question gone, the course has no assessment, as a folder without assessment.yml.
        Redirected(await Post(client, page, "Delete", new(), "&id=q01"), page);
        Assert.Null((await Stored(app)).Assessment);
    }
}
