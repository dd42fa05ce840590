#:property PublishAot=false
// Soak driver (bench/soak.sh runs it): N simulated learners against a serving Learning app, each signing in and then, until
// the time is up, enrolling in a course, reading and completing its lessons, opening the home page, starting an attempt and
// submitting it. Prints per operation: calls, failures, deliberate 409/429, p50/p99/max; exits 1 when any call failed.
//   dotnet run bench/soak.cs -- --base http://127.0.0.1:5198 --nips FILE [--duration 60] [--think-ms 500] [--ramp 20]
// A failure is anything but 2xx/3xx, 409 (a lost race or a rule such as "no attempts left", answered as the contract says)
// and 429 (throttled), or no answer at all. Loopback only: --base must be 127.0.0.1 or localhost.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

var options = Args(args);
var baseUrl = new Uri(options.GetValueOrDefault("base", "http://127.0.0.1:5198"));
if (!IPAddress.TryParse(baseUrl.Host, out var ip) ? baseUrl.Host != "localhost" : !IPAddress.IsLoopback(ip))
    return Fail("--base must be a loopback address");
var nips = File.ReadAllLines(options["nips"]).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
var duration = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("duration", "60")));
var thinkMs = int.Parse(options.GetValueOrDefault("think-ms", "500"));
var ramp = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("ramp", "20")));
var password = options.GetValueOrDefault("password", "Belajar#2026"); // generate-data's password for every login, never a real secret
var quiet = options.ContainsKey("quiet"); // the fault run expects refused connections while the server is down

var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    BaseAddress = baseUrl,
    Timeout = TimeSpan.FromSeconds(60),
};
var stats = new ConcurrentDictionary<string, Op>();
var failures = new ConcurrentQueue<string>();
var started = Stopwatch.StartNew();
var deadline = started.Elapsed + duration;

Console.WriteLine($"soak: {nips.Length} learners against {baseUrl} for {duration.TotalSeconds:0} s (ramp {ramp.TotalSeconds:0} s, think ~{thinkMs} ms)");
var learners = nips.Select((nip, i) => Task.Run(async () =>
{
    await Task.Delay(TimeSpan.FromMilliseconds(ramp.TotalMilliseconds * i / Math.Max(1, nips.Length)));
    await Learner(nip, new Random(i));
})).ToArray();
await Task.WhenAll(learners);
var elapsed = started.Elapsed;

Console.WriteLine();
Console.WriteLine($"| operation | calls | failed | 409 | 429 | p50 ms | p99 ms | max ms |");
Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var (name, op) in stats.OrderBy(s => s.Value.Order))
{
    var ms = op.Millis.OrderBy(m => m).ToArray();
    Console.WriteLine($"| {name} | {ms.Length} | {op.Failed} | {op.Conflicts} | {op.Throttled} | {Pct(ms, 0.50):0} | {Pct(ms, 0.99):0} | {(ms.Length == 0 ? 0 : ms[^1]):0} |");
}
var calls = stats.Values.Sum(o => o.Millis.Count);
var failed = stats.Values.Sum(o => o.Failed);
Console.WriteLine();
Console.WriteLine($"total: {calls} calls in {elapsed.TotalSeconds:0} s ({calls / elapsed.TotalSeconds:0} per second), {failed} failed, " +
    $"{stats.Values.Sum(o => o.Conflicts)} answered 409, {stats.Values.Sum(o => o.Throttled)} answered 429");
foreach (var f in failures.Take(10)) Console.WriteLine($"  failed: {f}");
return failed == 0 ? 0 : 1;

async Task Learner(string nip, Random random)
{
    var token = await Call("sign in", HttpMethod.Post, "/api/v1/auth/token", null, new { userName = nip, password });
    if (token?["accessToken"]?.GetValue<string>() is not { } bearer) return;
    var courses = await Call("GET /api/v1/courses", HttpMethod.Get, "/api/v1/courses", bearer);
    var slugs = courses?.AsArray().Select(c => c!["slug"]!.GetValue<string>()).ToArray() ?? [];
    if (slugs.Length == 0) return;
    var finished = new HashSet<string>();
    while (started.Elapsed < deadline)
    {
        var mine = await Call("GET /api/v1/me/enrolments", HttpMethod.Get, "/api/v1/me/enrolments", bearer);
        foreach (var e in mine?.AsArray() ?? [])
            if (e?["status"]?.GetValue<string>() == "completed" && e["course"]?.GetValue<string>() is { } c) finished.Add(c);
        // A course not finished yet, as a learner would pick (a finished one only answers 409 to a new attempt).
        var open = slugs.Where(s => !finished.Contains(s)).ToArray();
        var slug = open.Length > 0 ? open[random.Next(open.Length)] : slugs[random.Next(slugs.Length)];
        var enrolment = await Call("POST /api/v1/enrolments", HttpMethod.Post, "/api/v1/enrolments", bearer, new { course = slug });
        if (enrolment?["id"]?.GetValue<string>() is not { } id) { await Task.Delay(1000); continue; } // no answer: not in a tight loop
        var outline = await Call("GET /api/v1/courses/{slug}", HttpMethod.Get, $"/api/v1/courses/{slug}", bearer);
        var done = (await Call("GET /api/v1/enrolments/{id}", HttpMethod.Get, $"/api/v1/enrolments/{id}", bearer))?["completedLessons"]?.AsArray()
            .Select(k => k!.GetValue<string>()).ToHashSet() ?? [];
        var lessons = outline?["modules"]?.AsArray().SelectMany(m => m!["lessons"]!.AsArray()).Select(l => l!["key"]!.GetValue<string>()).ToList() ?? [];
        await Call("GET / (my learning page)", HttpMethod.Get, "/", bearer);
        foreach (var key in lessons.Where(k => !done.Contains(k)))
        {
            if (started.Elapsed >= deadline) return;
            await Call("GET lesson", HttpMethod.Get, $"/api/v1/enrolments/{id}/lessons/{key}", bearer);
            await Think(random);
            await Call("POST lesson complete", HttpMethod.Post, $"/api/v1/enrolments/{id}/lessons/{key}/complete", bearer, new { seconds = 60 + random.Next(600) });
        }
        var attempt = await Call("POST attempt", HttpMethod.Post, $"/api/v1/enrolments/{id}/attempts", bearer, new { });
        if (attempt?["id"]?.GetValue<string>() is { } attemptId)
        {
            await Think(random);
            // The answers are a guess (the key never leaves the server): most attempts fail, some pass.
            var answers = new JsonObject();
            foreach (var q in attempt["questions"]!.AsArray())
            {
                var n = Math.Max(1, q!["options"]?.AsArray().Count ?? 2);
                answers[q["id"]!.GetValue<string>()] = q["type"]!.GetValue<string>() switch
                {
                    "true-false" => JsonValue.Create(random.Next(2) == 0),
                    "multiple" => new JsonArray(JsonValue.Create(random.Next(n).ToString())),
                    _ => JsonValue.Create(random.Next(n).ToString()),
                };
            }
            await Call("POST attempt submit", HttpMethod.Post, $"/api/v1/attempts/{attemptId}/submit", bearer, new JsonObject { ["answers"] = answers });
        }
        await Think(random);
    }
}

Task Think(Random random) => Task.Delay(thinkMs <= 0 ? 0 : random.Next(thinkMs / 2, thinkMs * 3 / 2));

async Task<JsonNode?> Call(string name, HttpMethod method, string url, string? bearer, object? body = null)
{
    var op = stats.GetOrAdd(name, _ => new Op(stats.Count));
    using var request = new HttpRequestMessage(method, url);
    if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
    if (body is not null) request.Content = JsonContent.Create(body);
    var clock = Stopwatch.StartNew();
    try
    {
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        op.Add(clock.Elapsed.TotalMilliseconds);
        var status = (int)response.StatusCode;
        if (status == 409) { Interlocked.Increment(ref op.Conflicts); return null; }
        if (status == 429) { Interlocked.Increment(ref op.Throttled); return null; }
        if (status >= 400)
        {
            Interlocked.Increment(ref op.Failed);
            if (!quiet) failures.Enqueue($"{method} {url} → {status} {text[..Math.Min(200, text.Length)]}");
            return null;
        }
        return response.Content.Headers.ContentType?.MediaType?.Contains("json") == true && text.Length > 0 ? JsonNode.Parse(text) : null;
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
    {
        op.Add(clock.Elapsed.TotalMilliseconds);
        Interlocked.Increment(ref op.Failed);
        if (!quiet) failures.Enqueue($"{method} {url} → {e.GetType().Name}: {e.Message}");
        return null;
    }
}

static double Pct(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static Dictionary<string, string> Args(string[] args)
{
    var d = new Dictionary<string, string>();
    for (var i = 0; i < args.Length; i++)
        if (args[i].StartsWith("--"))
            d[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : "true";
    return d;
}

static int Fail(string message) { Console.Error.WriteLine(message); return 2; }

sealed class Op(int order)
{
    public int Order { get; } = order;
    public ConcurrentBag<double> Millis { get; } = [];
    public int Failed;
    public int Conflicts;
    public int Throttled;
    public void Add(double ms) => Millis.Add(ms);
}
