using Learning.Kernel;
using Learning.Modules.Tests.Courses;
using Learning.Modules.Tests.Infrastructure;
using Learning.Paths;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Modules.Tests.Paths;

/// <summary>paths/ goes through the content import: validated with the whole folder, all or nothing, and exported back as it came.</summary>
public sealed class PathImportTests
{
    private const string PathYml = """
        key: jalur-dasar
        title: Jalur dasar
        version: 1
        steps:
          - id: setuju
            kind: request-approval
            approver: coordinator
          - id: belajar
            kind: complete-course
            course: dasar
          - id: sertifikat
            kind: issue-certificate

        """;

    private static Task<List<StoredPath>> Stored(ModulesHost host) =>
        host.With(sp => sp.GetRequiredService<LearningDbContext>().Set<StoredPath>().AsNoTracking().OrderBy(p => p.Version).ToListAsync());

    [Fact]
    public async Task Should_refuse_the_whole_folder_when_a_path_is_wrong_naming_file_and_line()
    {
        using var folder = new ContentFolder().Write("paths/jalur-dasar.yml", PathYml.Replace("course: dasar", "course: lanjutan"));
        await using var host = new ModulesHost();
        var result = await host.Import(folder.Root);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("paths/jalur-dasar.yml", 10), (problem.File, problem.Line));
        Assert.Contains("lanjutan", problem.Reason);
        Assert.Equal(ModulesHost.Empty, await host.Counts()); // the good courses were not imported either
        Assert.Empty(await Stored(host));
    }

    [Fact]
    public async Task Should_import_a_path_with_its_folder_keep_it_on_reimport_and_version_a_change()
    {
        using var folder = new ContentFolder().Write("paths/jalur-dasar.yml", PathYml);
        await using var host = new ModulesHost();
        Assert.Empty((await host.Import(folder.Root)).Problems);
        Assert.Empty((await host.Import(folder.Root)).Problems);
        Assert.Equal([(1, DefinitionStatuses.Published)], (await Stored(host)).Select(p => (p.Version, p.Status)));

        folder.Replace("paths/jalur-dasar.yml", "approver: coordinator", "approver: supervisor");
        Assert.Equal(1, (await host.Import(folder.Root)).Counts.Paths);
        Assert.Equal([(1, DefinitionStatuses.Superseded), (2, DefinitionStatuses.Published)], (await Stored(host)).Select(p => (p.Version, p.Status)));
    }

    [Fact]
    public async Task Should_export_paths_so_that_import_export_import_is_identical()
    {
        using var folder = new ContentFolder().Write("paths/jalur-dasar.yml", PathYml);
        await using var host = new ModulesHost();
        Assert.Empty((await host.Import(folder.Root)).Problems);
        var first = Directory.CreateTempSubdirectory("learning-export-").FullName;
        var again = Directory.CreateTempSubdirectory("learning-export-").FullName;
        try
        {
            Assert.True((await host.ExportAll(Path.Combine(first, "out"))).Succeeded);
            Assert.Equal(PathYml, await File.ReadAllTextAsync(Path.Combine(first, "out", "paths", "jalur-dasar.yml")));
            await using var copy = new ModulesHost();
            Assert.Empty((await copy.Import(Path.Combine(first, "out"))).Problems);
            Assert.True((await copy.ExportAll(Path.Combine(again, "out"))).Succeeded);
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(first, "out", "paths", "jalur-dasar.yml")),
                await File.ReadAllTextAsync(Path.Combine(again, "out", "paths", "jalur-dasar.yml")));
        }
        finally
        {
            Directory.Delete(first, true);
            Directory.Delete(again, true);
        }
    }
}
