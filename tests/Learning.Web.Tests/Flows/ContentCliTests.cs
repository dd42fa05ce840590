using System.Diagnostics;

namespace Learning.Web.Tests.Flows;

/// <summary>The operator verbs as an operator runs them: the real executable, its exit code, standard output and error.</summary>
public sealed class ContentCliTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("learning-cli-").FullName;

    [Fact]
    public async Task Should_refuse_a_broken_folder_then_import_and_export_the_shipped_content()
    {
        var dataRoot = Path.Combine(_work, "data");
        var broken = Path.Combine(_work, "broken");
        CopyFolder(Content, broken);
        var course = Path.Combine(broken, "courses", "spbe-dasar", "course.yml");
        await File.WriteAllTextAsync(course, (await File.ReadAllTextAsync(course)).Replace("jp: 2", "jp: dua").Replace("code: spbe\n", "code: spbx\n"));

        var refused = await Run("import", broken, $"--DataRoot={dataRoot}");
        Assert.True(refused.ExitCode == 2, refused.Error);
        Assert.Contains("courses/spbe-dasar/course.yml:4: jp harus berupa angka, bukan \"dua\"", refused.Error);
        Assert.Contains("courses/spbe-dasar/course.yml:7: kode kompetensi spbx tidak ada di kamus kompetensi", refused.Error);
        Assert.Contains("Basis data tidak diubah", refused.Error);
        Assert.Equal("", refused.Output);

        var exportNothing = await Run("export", "content", "--out", Path.Combine(_work, "empty"), $"--DataRoot={dataRoot}");
        Assert.Equal(0, exportNothing.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_work, "empty", "courses")), "the refused import must have left no course behind");

        var imported = await Run("import", Content, $"--DataRoot={dataRoot}");
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("6 kursus (6 baru", imported.Output);

        var exported = await Run("export", "course", "spbe-dasar", "--out", Path.Combine(_work, "spbe"), $"--DataRoot={dataRoot}");
        Assert.Equal(0, exported.ExitCode);
        Assert.True(File.Exists(Path.Combine(_work, "spbe", "courses", "spbe-dasar", "course.yml")));
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(Content, "courses", "spbe-dasar", "course.yml")),
            await File.ReadAllTextAsync(Path.Combine(_work, "spbe", "courses", "spbe-dasar", "course.yml")));
    }

    [Theory]
    [InlineData("export foo", "export: 'foo' tidak dikenal. Yang bisa diekspor: course SLUG --out FOLDER, content --out FOLDER, career-records --format csv|json")]
    [InlineData("export", "export: sebutkan apa yang diekspor: course SLUG --out FOLDER, content --out FOLDER, career-records")]
    [InlineData("export career-records --format xml", "export career-records: nilai --format 'xml' tidak sah. Pemakaian: export career-records --format csv|json")]
    [InlineData("export career-records --bentuk csv", "export career-records: '--bentuk' tidak dikenal. Pemakaian: export career-records")]
    [InlineData("seed-demo sekarang", "seed-demo: 'sekarang' tidak dikenal; perintah ini tidak menerima argumen.")]
    public async Task Should_refuse_an_unknown_subject_or_argument_saying_what_there_is(string command, string message)
    {
        var dataRoot = Path.Combine(_work, "data");
        var result = await Run([.. command.Split(' '), $"--DataRoot={dataRoot}"]);

        Assert.True(result.ExitCode == 2, $"{result.ExitCode}: {result.Error}");
        Assert.Contains(message, result.Error);
        Assert.Equal("", result.Output);
    }

    private static string Repository
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Learning.sln"))) return dir.FullName;
            throw new InvalidOperationException("Learning.sln not found.");
        }
    }

    private static string Content => Path.Combine(Repository, "content");

    /// <summary>The web host built beside this test assembly, in the same configuration (Debug or Release).</summary>
    private static string Executable
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0/
            return Path.Combine(Repository, "src", "Learning.Web", "bin", configuration, "net10.0", "Learning.Web.dll");
        }
    }

    private async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _work, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Executable);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        // Warnings the host logs go to standard error too: keep only the verb's own lines.
        var verbError = string.Join("\n", (await error).Split('\n').Where(l => !l.StartsWith('{')));
        return (process.ExitCode, (await output).Trim(), verbError);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }
}
