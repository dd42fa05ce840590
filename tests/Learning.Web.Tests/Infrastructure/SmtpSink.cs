using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Learning.Web.Tests.Infrastructure;

/// <summary>A minimal SMTP server on a free loopback port that keeps every message it receives.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public sealed record Received(string From, IReadOnlyList<string> To, string Data)
    {
        /// <summary>The text after the headers, decoded when it was sent base64.</summary>
        public string Body
        {
            get
            {
                var split = Data.IndexOf("\n\n", StringComparison.Ordinal);
                var headers = split < 0 ? Data : Data[..split];
                var body = split < 0 ? "" : Data[(split + 2)..];
                return headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase)
                    ? Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Split('\n').Select(l => l.Trim()))))
                    : body;
            }
        }
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Received> _messages = [];
    private readonly Task _loop;

    public SmtpSink()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoop);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<Received> Messages { get { lock (_messages) return _messages.ToList(); } }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ready");
        string from = ""; var to = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO": case "HELO": await writer.WriteLineAsync("250 sink"); break;
                case "MAIL": from = line[(line.IndexOf(':') + 1)..].Trim(' ', '<', '>'); await writer.WriteLineAsync("250 ok"); break;
                case "RCPT": to.Add(line[(line.IndexOf(':') + 1)..].Trim(' ', '<', '>')); await writer.WriteLineAsync("250 ok"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with .");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } d && d != ".") data.AppendLine(d);
                    lock (_messages) _messages.Add(new Received(from, to.ToList(), data.ToString()));
                    to.Clear();
                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT": await writer.WriteLineAsync("221 bye"); return;
                default: await writer.WriteLineAsync("250 ok"); break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
    }
}
