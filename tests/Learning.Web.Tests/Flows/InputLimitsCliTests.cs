using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// The limits as an operator meets them, through the real executable: import of YAML and Markdown nested 100,000 deep and of
/// links out of the content folder, a server's body limit, and a generate-data run killed midway.
/// </summary>
public sealed class InputLimitsCliTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("learning-limits-").FullName;

    [Fact]
    public async Task Should_refuse_yaml_and_lessons_nested_100000_deep_with_their_lines_and_change_nothing()
    {
        var folder = Path.Combine(_work, "dalam");
        CopyFolder(Content, folder);
        var course = Path.Combine(folder, "courses", "spbe-dasar", "course.yml");
        var courseLines = (await File.ReadAllTextAsync(course)).TrimEnd('\n').Split('\n').Length;
        await File.AppendAllTextAsync(course, "extra: " + new string('[', 100_000) + "\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "courses", "pelindungan-data-pribadi", "assessment.yml"),
            "pass_mark: 70\nquestions:\n" + string.Concat(Enumerable.Repeat("- ", 100_000)) + "x\n");
        var lessons = Path.Combine(folder, "courses", "adminduk-daring");
        var (quoted, listed) = (Directory.GetFiles(lessons, "*.md").Order().First(), Directory.GetFiles(lessons, "*.md").Order().Last());
        await File.WriteAllTextAsync(quoted, "---\ntitle: Kutipan\nminutes: 5\n---\nPengantar.\n" + new string('>', 100_000) + " kutipan\n");
        await File.WriteAllTextAsync(listed, "---\ntitle: Daftar\nminutes: 5\n---\n" + string.Concat(Enumerable.Repeat("- ", 100_000)) + "daftar\n");

        var refused = await Run("import", folder, $"--DataRoot={Path.Combine(_work, "data")}");

        Assert.True(refused.ExitCode == 2, $"{refused.ExitCode}: {refused.Error}");
        Assert.Contains($"courses/spbe-dasar/course.yml:{courseLines + 1}: YAML bersarang terlalu dalam: paling banyak 64 tingkat", refused.Error);
        Assert.Contains("courses/pelindungan-data-pribadi/assessment.yml:3: YAML bersarang terlalu dalam", refused.Error);
        Assert.Contains($"courses/adminduk-daring/{Path.GetFileName(quoted)}:6: kutipan atau daftar bersarang terlalu dalam", refused.Error);
        Assert.Contains($"courses/adminduk-daring/{Path.GetFileName(listed)}:5: kutipan atau daftar bersarang terlalu dalam", refused.Error);
        Assert.Contains("Basis data tidak diubah", refused.Error);
    }

    [Fact]
    public async Task Should_refuse_links_out_of_the_content_folder_and_import_nothing()
    {
        var folder = Path.Combine(_work, "tautan");
        CopyFolder(Content, folder);
        var outside = Directory.CreateDirectory(Path.Combine(_work, "luar")).FullName;
        // Each target is valid content, so only where it lies can be wrong.
        var lesson = Path.Combine(folder, "courses", "spbe-dasar", "01-apa-itu-spbe.md");
        File.Move(lesson, Path.Combine(outside, "01-apa-itu-spbe.md"));
        File.CreateSymbolicLink(lesson, Path.Combine(outside, "01-apa-itu-spbe.md"));
        File.Copy(Path.Combine(folder, "media", "arsitektur-spbe.svg"), Path.Combine(outside, "rahasia.svg"));
        File.CreateSymbolicLink(Path.Combine(folder, "media", "rahasia.svg"), Path.Combine(outside, "rahasia.svg"));
        CopyFolder(Path.Combine(Content, "courses", "spbe-dasar"), Path.Combine(outside, "salinan"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "courses", "salinan"), Path.Combine(outside, "salinan"));
        // A link that stays inside the folder is fine.
        File.CreateSymbolicLink(Path.Combine(folder, "media", "alias.svg"), Path.Combine(folder, "media", "arsitektur-spbe.svg"));
        var dataRoot = $"--DataRoot={Path.Combine(_work, "data")}";

        var refused = await Run("import", folder, dataRoot);

        Assert.True(refused.ExitCode == 2, $"{refused.ExitCode}: {refused.Output} {refused.Error}");
        Assert.Contains("courses/spbe-dasar/01-apa-itu-spbe.md:1: tautan simbolik ke luar folder konten", refused.Error);
        Assert.Contains("media/rahasia.svg:1: tautan simbolik ke luar folder konten", refused.Error);
        Assert.Contains("courses/salinan:1: tautan simbolik ke luar folder konten", refused.Error);
        Assert.DoesNotContain("alias.svg", refused.Error);
        var exported = await Run("export", "content", "--out", Path.Combine(_work, "keluar"), dataRoot);
        Assert.Equal(0, exported.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_work, "keluar", "courses")), "a refused import leaves no course behind");
    }

    [Fact]
    public async Task Should_answer_bodies_over_the_server_limit_with_413_problem_or_page_never_500()
    {
        var port = FreePort();
        using var server = Start("--urls", $"http://127.0.0.1:{port}", $"--DataRoot={Path.Combine(_work, "data")}");
        _ = server.StandardOutput.ReadToEndAsync(); // drained, so the server never blocks on a full pipe
        var log = server.StandardError.ReadToEndAsync();
        try
        {
            await Serve(port, server, log);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Over Kestrel's default limit of 30 MB a request body.</summary>
    private static readonly string Over = new('x', 31 * 1024 * 1024);

    private static async Task Serve(int port, Process server, Task<string> log)
    {
        // The body waits for "100 Continue" (as long as it takes on a busy machine), so the refusal arrives before 31 MB are sent.
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.ExpectContinue = true;
        await WaitUntilServing(http, server, log);

        var json = await http.PostAsync("/api/v1/auth/token",
            new StringContent($"{{\"userName\":\"admin\",\"password\":\"{Over}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
        Assert.Contains("melebihi batas ukuran", await json.Content.ReadAsStringAsync());

        var form = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin", ["Password"] = Over,
        }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, form.StatusCode);
        Assert.Contains("melebihi batas ukuran", await form.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Should_start_over_cleanly_after_generate_data_was_killed_midway()
    {
        string[] size = ["generate-data", "--employees", "3000", "--courses", "12", "--seed", "7"];
        var killedRoot = Path.Combine(_work, "killed");

        // Killed once its first part has written: the database holds part of a city.
        using (var first = Start([.. size, $"--DataRoot={killedRoot}"]))
        {
            _ = first.StandardError.ReadToEndAsync();
            var lines = new List<string>();
            while (await first.StandardOutput.ReadLineAsync() is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("Synthetic", StringComparison.Ordinal)) break;
            }
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            Assert.True(first.ExitCode != 0, "the run ended before it could be killed: " + string.Join("\n", lines));
        }
        Assert.Contains(Counts(Path.Combine(killedRoot, "learning.db")), c => c.Value > 0);

        var again = await Run([.. size, $"--DataRoot={killedRoot}"]);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("dibuat ulang", again.Output);

        // The same city as a run that was never interrupted, table by table.
        var cleanRoot = Path.Combine(_work, "clean");
        var clean = await Run([.. size, $"--DataRoot={cleanRoot}"]);
        Assert.True(clean.ExitCode == 0, clean.Error);
        Assert.Equal(Counts(Path.Combine(cleanRoot, "learning.db")), Counts(Path.Combine(killedRoot, "learning.db")));
        var third = await Run([.. size, $"--DataRoot={killedRoot}"]);
        Assert.Equal(2, third.ExitCode); // a finished city is data: never emptied by another run
    }

    /// <summary>Rows per table, leaving out the stamps (they count page versions) and data-protection keys.</summary>
    private static SortedDictionary<string, long> Counts(string database)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables.Where(t => t is not ("Kernel_Stamps" or "Kernel_DataProtectionKeys" or "Audit_Entries")))
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)count.ExecuteScalar()!;
        }
        return counts;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilServing(HttpClient http, Process server, Task<string> log)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !server.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new InvalidOperationException("The server did not start: " + (server.HasExited ? await log : "timed out"));
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
    private static string Executable =>
        Path.Combine(Repository, "src", "Learning.Web", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Learning.Web.dll");

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _work, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Executable);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return Process.Start(start)!;
    }

    private async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
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
