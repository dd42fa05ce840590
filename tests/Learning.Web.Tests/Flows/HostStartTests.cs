using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Learning.Web.Hosting;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Starting the real server as an operator does, from the web project's folder as <c>dotnet run</c> (and run.sh) does:
/// a content folder of one's own, and console logs a person can read.
/// </summary>
public sealed class HostStartTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("learning-start-").FullName;

    [Fact]
    public async Task Should_serve_the_stylesheet_and_read_appsettings_when_started_with_a_ContentRoot_of_its_own()
    {
        var content = Path.Combine(_work, "konten-sendiri");
        CopyFolder(Path.Combine(Repository, "content"), content);

        await using var server = Server.Start(Path.Combine(Repository, "src", "Learning.Web"),
            $"--DataRoot={Path.Combine(_work, "data")}", $"--ContentRoot={content}", "--Demo=true", "--DemoSalatiga=false");
        await server.WaitUntilServing();

        // The demo imported the folder named on the command line.
        Assert.Contains($"content of {content} imported", server.Output);
        // The theme's stylesheet, as the page links it, is the whole file.
        var login = await server.Http.GetStringAsync("/login");
        var href = Regex.Match(login, "href=\"(/_content/Learning.Theme.Default/site.css[^\"]*)\"").Groups[1].Value;
        Assert.Contains("?v=", href);
        var css = await server.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        var sheet = await css.Content.ReadAsStringAsync();
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Repository, "themes", "Learning.Theme.Default", "wwwroot", "site.css")), sheet);
        // appsettings.json was read: its log levels hold (EF Core at Warning, so no line per SQL command).
        Assert.Contains("Now listening on", server.Output);
        Assert.DoesNotContain("Microsoft.EntityFrameworkCore.Database.Command", server.Output);
        // Standard output is a pipe here and nobody asked for plain lines: JSON, one object a line.
        Assert.Contains(server.Output.Split('\n'), l => l.StartsWith("{\"EventId\":14,", StringComparison.Ordinal) && l.Contains("Now listening on"));
    }

    [Fact]
    public async Task Should_write_one_plain_line_per_log_entry_when_asked_as_run_sh_does()
    {
        await using var server = Server.Start(Path.Combine(Repository, "src", "Learning.Web"),
            $"--DataRoot={Path.Combine(_work, "data")}", "--Logs:Console=simple");
        await server.WaitUntilServing();

        var listening = Assert.Single(server.Output.Split('\n'), l => l.Contains("Now listening on"));
        Assert.Matches(@"^\d\d:\d\d:\d\dZ info: Microsoft\.Hosting\.Lifetime\[14\] Now listening on: http://127\.0\.0\.1:\d+\s*$", listening);
        Assert.DoesNotContain(server.Output.Split('\n'), l => l.StartsWith('{'));
    }

    [Theory]
    [InlineData(null, true, "simple")]    // a person at a terminal
    [InlineData(null, false, "json")]     // a service manager or container collecting the output
    [InlineData("simple", false, "simple")] // run.sh asks, even when its output is piped to a file
    [InlineData("JSON", true, "json")]    // an operator who wants JSON at the terminal
    [InlineData("rainbow", false, "json")] // an unknown word falls back to the choice by terminal
    [InlineData("rainbow", true, "simple")]
    public void Should_choose_plain_lines_for_a_terminal_and_json_otherwise_unless_configured(string? configured, bool terminal, string expected) =>
        Assert.Equal(expected, ConsoleLogs.Format(configured, terminal));

    [Fact]
    public void Should_rewrite_the_old_content_switch_and_leave_aspnet_contentRoot_alone()
    {
        Assert.Equal(["--Content:Root=/srv/konten", "--contentRoot=/srv/web", "--urls=http://127.0.0.1:1"],
            CommandLine.HostArguments(["--ContentRoot=/srv/konten", "--contentRoot=/srv/web", "--urls=http://127.0.0.1:1"]));
        // A verb keeps only the host's switches, the content folder among them.
        Assert.Contains("--Content:Root=konten", CommandLine.HostArguments(["import", "konten", "--ContentRoot=konten"]));
    }

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
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

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The web host built beside this test assembly, on a free port, its output collected as it comes.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        public HttpClient Http { get; }

        private Server(Process process, int port)
        {
            _process = process;
            Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(1) };
        }

        public string Output { get { lock (_output) return _output.ToString(); } }

        public static Server Start(string workingDirectory, params string[] args)
        {
            var port = FreePort();
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(Repository, "src", "Learning.Web", "bin", configuration, "net10.0", "Learning.Web.dll"));
            start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
            foreach (var arg in args) start.ArgumentList.Add(arg);
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
            var server = new Server(new Process { StartInfo = start }, port);
            server._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (server._output) server._output.Append(e.Data).Append('\n'); };
            server._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server._output) server._output.Append(e.Data).Append('\n'); };
            server._process.Start();
            server._process.BeginOutputReadLine();
            server._process.BeginErrorReadLine();
            return server;
        }

        public async Task WaitUntilServing()
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                try
                {
                    if ((await Http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(200);
            }
            throw new InvalidOperationException("The server did not start: " + Output);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
