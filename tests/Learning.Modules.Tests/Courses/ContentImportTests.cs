using System.Diagnostics;
using Learning.Competencies.Contracts;
using Learning.Courses.Content;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel;
using Learning.Media.Contracts;
using Learning.Modules.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Learning.Modules.Tests.Courses;

public sealed class ContentImportTests(ITestOutputHelper output)
{
    private const string CourseYml = $"{ContentFolder.CourseDir}/course.yml";

    [Fact]
    public async Task Should_import_the_shipped_content_without_problems()
    {
        await using var host = new ModulesHost();
        await host.Import(Repository.Content); // warms up the host and the parsers, so the timing below is the import's
        await using var fresh = new ModulesHost();
        _ = fresh.Services; // starts the host (and migrates) before the clock runs
        var watch = Stopwatch.StartNew();
        var result = await fresh.Import(Repository.Content);
        watch.Stop();
        output.WriteLine($"Importing the shipped content into an empty database took {watch.ElapsedMilliseconds} ms: {result.Counts}");

        Assert.Empty(result.Problems);
        Assert.Equal(6, result.Counts.CoursesAdded);
        var courses = await fresh.With(sp => sp.GetRequiredService<ICourseCatalog>().Published());
        Assert.Equal(6, courses.Count);
        foreach (var summary in courses)
        {
            var outline = await fresh.With(sp => sp.GetRequiredService<ICourseCatalog>().Find(summary.Slug));
            Assert.True(outline!.Modules.Sum(m => m.Lessons.Count) >= 3, $"{summary.Slug} has fewer than 3 lessons");
            Assert.True(outline.Assessment!.QuestionCount >= 8, $"{summary.Slug} has fewer than 8 questions");
            Assert.True(summary.Jp > 0);
            Assert.NotEmpty(summary.Competencies);
            Assert.Equal(1, summary.Version);
            Assert.Equal("id", summary.Language);
        }
        var dictionary = await fresh.With(sp => sp.GetRequiredService<ICompetencyDictionary>().List());
        Assert.Contains(dictionary, c => c.Code == "perekat-bangsa" && c.Type == CompetencyType.SocioCultural);
        Assert.Equal(9, dictionary.Count(c => c.Type == CompetencyType.Managerial) + dictionary.Count(c => c.Type == CompetencyType.SocioCultural));
    }

    [Fact]
    public async Task Should_store_media_under_a_content_addressed_name_and_render_it_as_a_media_url()
    {
        await using var host = new ModulesHost();
        using var folder = new ContentFolder();
        Assert.Empty((await host.Import(folder.Root)).Problems);

        var blobs = await host.With(async sp =>
        {
            var list = new List<BlobDetails>();
            await foreach (var blob in sp.GetRequiredService<IBlobStore>().List("media/")) list.Add(blob);
            return list;
        });
        var stored = Assert.Single(blobs);
        Assert.Matches("^media/[0-9a-f]{16}-diagram\\.png$", stored.Name);
        Assert.Equal("image/png", stored.ContentType);

        var lesson = await host.With(sp => sp.GetRequiredService<ICourseCatalog>().Lesson("dasar", "01-pengantar"));
        Assert.Contains($"<img src=\"/media/{stored.Name}\" loading=\"lazy\" alt=\"Diagram\" />", lesson!.Html);
        Assert.Contains("<h1 id=\"pengantar\">Pengantar</h1>", lesson.Html);
        Assert.Contains("../../media/diagram.png", lesson.Markdown); // the source keeps the author's path

        var closing = await host.With(sp => sp.GetRequiredService<ICourseCatalog>().Lesson("dasar", "03-penutup"));
        Assert.Contains("<a href=\"01-pengantar\">pengantar</a>", closing!.Html);
    }

    [Fact]
    public async Task Should_update_in_place_without_duplicates_and_keep_the_version_when_reimporting_the_same_folder()
    {
        await using var host = new ModulesHost();
        Assert.Empty((await host.Import(Repository.Content)).Problems);
        var before = await host.Counts();
        var lessonIds = await LessonIds(host);

        var again = await host.Import(Repository.Content);

        Assert.Empty(again.Problems);
        Assert.Equal((0, 0, 6), (again.Counts.CoursesAdded, again.Counts.CoursesUpdated, again.Counts.CoursesUnchanged));
        Assert.Equal((0, 0), (again.Counts.CompetenciesAdded, again.Counts.CompetenciesUpdated));
        Assert.Equal(before, await host.Counts());
        Assert.Equal(lessonIds, await LessonIds(host));
        var versions = await host.With(async sp => (await sp.GetRequiredService<ICourseCatalog>().All()).Select(c => c.Version).Distinct().ToList());
        Assert.Equal(new[] { 1 }, versions);
    }

    [Fact]
    public async Task Should_publish_a_new_version_keeping_lesson_ids_when_a_lesson_changes()
    {
        var published = new PublishedCourses();
        await using var host = new ModulesHost();
        await using var app = host.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IDomainEventHandler<CoursePublished>>(published)));
        using var folder = new ContentFolder();
        await using (var firstScope = app.Services.CreateAsyncScope())
            Assert.Empty((await firstScope.ServiceProvider.GetRequiredService<IContentImporter>().Import(folder.Root)).Problems);
        var ids = await LessonIds(app);

        folder.Replace($"{ContentFolder.CourseDir}/02-praktik.md", "| Isi | Petugas |", "| Isi | Petugas |\n| Periksa | Atasan |");
        await using var scope = app.Services.CreateAsyncScope();
        var second = await scope.ServiceProvider.GetRequiredService<IContentImporter>().Import(folder.Root);

        Assert.Equal(1, second.Counts.CoursesUpdated);
        Assert.Equal(ids, await LessonIds(app));
        var course = await scope.ServiceProvider.GetRequiredService<ICourseCatalog>().Find("dasar");
        Assert.Equal(2, course!.Course.Version);
        Assert.Equal(new[] { ("dasar", 1), ("dasar", 2) }, published.Seen);
    }

    [Fact]
    public async Task Should_regroup_lessons_and_drop_removed_ones_on_reimport()
    {
        await using var host = new ModulesHost();
        using var folder = new ContentFolder();
        Assert.Empty((await host.Import(folder.Root)).Problems);
        var ids = await LessonIds(host);

        folder.Replace(CourseYml, "[01-pengantar.md]", "[01-pengantar.md, 02-praktik.md]")
            .Replace(CourseYml, "  - title: \"Modul Dua\"\n    lessons:\n      - 02-praktik.md\n      - 03-penutup.md\n", "")
            .Delete($"{ContentFolder.CourseDir}/03-penutup.md");
        var result = await host.Import(folder.Root);

        Assert.Empty(result.Problems);
        var outline = await host.With(sp => sp.GetRequiredService<ICourseCatalog>().Find("dasar"));
        var module = Assert.Single(outline!.Modules);
        Assert.Equal(new[] { "01-pengantar", "02-praktik" }, module.Lessons.Select(l => l.Key));
        var now = await LessonIds(host);
        Assert.Equal(ids["02-praktik"], now["02-praktik"]);
        Assert.False(now.ContainsKey("03-penutup"));
    }

    [Fact]
    public async Task Should_keep_a_course_as_draft_when_course_yml_says_so()
    {
        await using var host = new ModulesHost();
        using var folder = new ContentFolder().Replace(CourseYml, "language: id", "language: id\nstatus: draft");
        Assert.Empty((await host.Import(folder.Root)).Problems);

        var all = await host.With(sp => sp.GetRequiredService<ICourseCatalog>().All());
        Assert.Equal((CourseStatus.Draft, 0), (all.Single().Status, all.Single().Version));
        Assert.Empty(await host.With(sp => sp.GetRequiredService<ICourseCatalog>().Published()));

        folder.Replace(CourseYml, "status: draft\n", "");
        Assert.Empty((await host.Import(folder.Root)).Problems);
        var published = Assert.Single(await host.With(sp => sp.GetRequiredService<ICourseCatalog>().Published()));
        Assert.Equal(1, published.Version);
    }

    [Fact]
    public async Task Should_change_nothing_when_a_reimport_is_refused()
    {
        await using var host = new ModulesHost();
        using var folder = new ContentFolder();
        Assert.Empty((await host.Import(folder.Root)).Problems);
        var counts = await host.Counts();

        folder.Replace($"{ContentFolder.CourseDir}/01-pengantar.md", "Teks pengantar.", "Teks yang diubah.")
            .Replace(CourseYml, "title: \"Kursus Dasar\"", "title: \"Kursus Dasar Baru\"")
            .WriteBytes("media/baru.png", [1, 2, 3])
            .Replace($"{ContentFolder.CourseDir}/assessment.yml", "answer: true", "answer: 7");
        var refused = await host.Import(folder.Root);

        Assert.Single(refused.Problems);
        Assert.Equal(counts, await host.Counts());
        var lesson = await host.With(sp => sp.GetRequiredService<ICourseCatalog>().Lesson("dasar", "01-pengantar"));
        Assert.Contains("Teks pengantar.", lesson!.Markdown);
        var course = await host.With(sp => sp.GetRequiredService<ICourseCatalog>().Find("dasar"));
        Assert.Equal(("Kursus Dasar", 1), (course!.Course.Title, course.Course.Version));
    }

    [Fact]
    public async Task Should_give_the_grader_the_answers_and_learners_only_the_questions()
    {
        await using var host = new ModulesHost();
        using var folder = new ContentFolder();
        Assert.Empty((await host.Import(folder.Root)).Problems);

        var key = await host.With(sp => sp.GetRequiredService<IAssessmentBank>().AnswerKeyForGrading("dasar"));
        Assert.Equal(new[] { 1 }, key!.Answers[0].Options);
        Assert.Equal(new[] { 0, 2 }, key.Answers[1].Options);
        Assert.Equal((QuestionType.TrueFalse, true), (key.Answers[2].Type, key.Answers[2].TrueFalse));
        Assert.Equal(70, key.PassMark);

        var paper = await host.With(sp => sp.GetRequiredService<IAssessmentBank>().Paper("dasar"));
        Assert.Equal(new[] { "q01", "q02", "q03" }, paper!.Questions.Select(q => q.Id));
        Assert.Equal(new[] { "A", "B", "C" }, paper.Questions[0].Options);
        Assert.DoesNotContain(typeof(PaperQuestion).GetProperties(), p => p.Name.Contains("Answer", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Should_round_trip_import_export_import_identically()
    {
        var first = Directory.CreateTempSubdirectory("learning-export-1-").FullName;
        var second = Directory.CreateTempSubdirectory("learning-export-2-").FullName;
        try
        {
            await using var original = new ModulesHost();
            Assert.Empty((await original.Import(Repository.Content)).Problems);
            Assert.True((await original.ExportAll(first)).Succeeded);

            await using var copy = new ModulesHost();
            Assert.Empty((await copy.Import(first)).Problems);
            var exported = await copy.ExportAll(second);
            Assert.True(exported.Succeeded);
            Assert.Equal(6, exported.Courses.Count);

            var files = Files(first);
            Assert.Equal(files, Files(second));
            Assert.Contains("courses/spbe-dasar/02-arsitektur-dan-domain-spbe.md", files);
            Assert.Contains("media/arsitektur-spbe.svg", files);
            foreach (var file in files)
                Assert.True(File.ReadAllBytes(Path.Combine(first, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(second, file))), $"{file} differs");
            Assert.Equal(await State(original), await State(copy));

            // The media bytes come back exactly; the lessons too (the export drops only YAML comments).
            Assert.Equal(File.ReadAllBytes(Path.Combine(Repository.Content, "media/arsitektur-spbe.svg")), File.ReadAllBytes(Path.Combine(first, "media/arsitektur-spbe.svg")));
            foreach (var lesson in Directory.EnumerateFiles(Path.Combine(Repository.Content, "courses"), "*.md", SearchOption.AllDirectories))
                Assert.Equal(File.ReadAllText(lesson), File.ReadAllText(Path.Combine(first, Path.GetRelativePath(Repository.Content, lesson))));
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    [Fact]
    public async Task Should_export_one_course_as_a_folder_that_imports_elsewhere()
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("learning-export-").FullName, "spbe");
        try
        {
            await using var original = new ModulesHost();
            Assert.Empty((await original.Import(Repository.Content)).Problems);
            var exported = await original.With(sp => sp.GetRequiredService<IContentExporter>().ExportCourse("spbe-dasar", folder));
            Assert.True(exported.Succeeded, exported.Problem);
            Assert.Equal(1, exported.MediaFiles);
            Assert.Equal(
                new[] { "competencies.yml", "courses/spbe-dasar/01-apa-itu-spbe.md", "courses/spbe-dasar/02-arsitektur-dan-domain-spbe.md",
                 "courses/spbe-dasar/03-data-dan-aplikasi-terpadu.md", "courses/spbe-dasar/04-peran-asn-dan-evaluasi-spbe.md",
                 "courses/spbe-dasar/assessment.yml", "courses/spbe-dasar/course.yml", "media/arsitektur-spbe.svg" },
                Files(folder));
            Assert.Equal(
                File.ReadAllText(Path.Combine(Repository.Content, "courses/spbe-dasar/assessment.yml")),
                File.ReadAllText(Path.Combine(folder, "courses/spbe-dasar/assessment.yml")));

            var again = await original.With(sp => sp.GetRequiredService<IContentExporter>().ExportCourse("spbe-dasar", folder));
            Assert.False(again.Succeeded); // never writes over an earlier export
            var intoFile = await original.With(sp => sp.GetRequiredService<IContentExporter>().ExportCourse("spbe-dasar", Path.Combine(folder, "competencies.yml")));
            Assert.False(intoFile.Succeeded);
            Assert.NotNull(intoFile.Problem);

            await using var elsewhere = new ModulesHost();
            var imported = await elsewhere.Import(folder);
            Assert.Empty(imported.Problems);
            Assert.Equal((3, 1), (imported.Counts.CompetenciesAdded, imported.Counts.CoursesAdded));
        }
        finally { Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true); }
    }

    private static List<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>Everything the database holds about the content, as text.</summary>
    private static Task<string> State(ModulesHost host) => host.With(async sp =>
    {
        var db = sp.GetRequiredService<LearningDbContext>();
        var courses = await CourseQueries.Whole(db).AsNoTracking().OrderBy(c => c.Slug).ToListAsync();
        var media = await db.Set<MediaFile>().AsNoTracking().OrderBy(m => m.Path).ToListAsync();
        var competencies = await sp.GetRequiredService<ICompetencyDictionary>().List();
        return string.Join("\n",
            courses.Select(c => $"{c.Version} {c.Status} {ContentWriter.Fingerprint(c.ToDefinition())}")
                .Concat(media.Select(m => $"{m.Path} {m.BlobName} {m.ContentType} {m.Length}"))
                .Append(ContentWriter.CompetenciesYml(competencies)));
    });

    private static Task<Dictionary<string, Guid>> LessonIds(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app) =>
        Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<LearningDbContext>().Set<Lesson>()
                .ToDictionaryAsync(l => $"{l.Key}", l => l.Id);
        });

    /// <summary>A real handler that notes each publication it sees.</summary>
    private sealed class PublishedCourses : IDomainEventHandler<CoursePublished>
    {
        public List<(string Slug, int Version)> Seen { get; } = [];

        public Task Handle(CoursePublished domainEvent, CancellationToken cancellationToken)
        {
            Seen.Add((domainEvent.Slug, domainEvent.Version));
            return Task.CompletedTask;
        }
    }
}
