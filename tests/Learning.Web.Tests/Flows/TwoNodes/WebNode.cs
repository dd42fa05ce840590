using System.Diagnostics;
using System.Net;

namespace Learning.Web.Tests.Flows.TwoNodes;

/// <summary>
/// One web node as a server runs it: the built Learning.Web in a process of its own (the Release build output, not a publish),
/// on a loopback port, configured by command-line switches. Its console goes to a file, and is kept for the test to read.
/// </summary>
internal sealed class WebNode : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StreamWriter _log;

    public string Name { get; }
    public Uri Url { get; }
    public string LogFile { get; }

    private WebNode(string name, int port, IReadOnlyDictionary<string, string> settings, string logFile)
    {
        Name = name;
        Url = new Uri($"http://127.0.0.1:{port}/");
        LogFile = logFile;
        _log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var dll = AppDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Url.ToString().TrimEnd('/'));
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        // As a server runs it: Production, whatever the test run's own environment says.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the node and waits until it answers /health (migrated, and seeded when the database was empty).</summary>
    public static async Task<WebNode> Start(string name, IReadOnlyDictionary<string, string> settings, string logFile, TimeSpan within)
    {
        var node = new WebNode(name, FreePort(), settings, logFile);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (node._process.HasExited)
                throw new InvalidOperationException($"Node {name} exited with {node._process.ExitCode} before it was ready:\n{node.Tail()}");
            try
            {
                if ((await http.GetAsync(new Uri(node.Url, "health"))).StatusCode == HttpStatusCode.OK) return node;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (deadline.Elapsed > within)
            {
                var tail = node.Tail();
                node.Dispose();
                throw new TimeoutException($"Node {name} did not answer /health within {within.TotalSeconds} s:\n{tail}");
            }
            await Task.Delay(250);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What the node has written so far, line by line.</summary>
    public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToList(); } }

    public string Tail(int lines = 60) => string.Join('\n', Lines.TakeLast(lines));

    /// <summary>Killed as a crash kills it: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_lines) _log.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Add(line);
            try { _log.WriteLine(line); } catch (ObjectDisposedException) { }
        }
    }

    private static int FreePort() => Infrastructure.SmtpSink.FreePort();

    /// <summary>Learning.Web.dll of this configuration's build, found from the repository root above the test's own output.</summary>
    private static string AppDll()
    {
        var output = AppContext.BaseDirectory; // …/tests/Learning.Web.Tests/bin/{Configuration}/{tfm}/
        var tfm = new DirectoryInfo(output).Name;
        var configuration = new DirectoryInfo(output).Parent!.Name;
        for (var dir = new DirectoryInfo(output); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Learning.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "Learning.Web", "bin", configuration, tfm, "Learning.Web.dll");
                return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution ({configuration}) first.");
            }
        throw new InvalidOperationException($"No Learning.sln above {output}.");
    }
}
