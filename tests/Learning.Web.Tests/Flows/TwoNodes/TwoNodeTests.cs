using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows.TwoNodes;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TwoNodeCollection
{
    public const string Name = "Two web nodes";
}

/// <summary>
/// A province served by two web processes behind one address, on one PostgreSQL database and one blob store (Azurite): a
/// person moves between the nodes as a load balancer without sticky sessions would move them, and the jobs of both nodes
/// make one clustered scheduler. Each node is the built app in its own process, as a server runs it.
/// </summary>
[Collection(TwoNodeCollection.Name)]
public sealed partial class TwoNodeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private const string LongJobSchedule = "0/10 * * * * ?"; // every 10 s, each run 4 s: time to see it start and kill its node

    private readonly string _database = "learning_t_" + Guid.NewGuid().ToString("N")[..16];
    private readonly string _container = "t" + Guid.NewGuid().ToString("N")[..20];
    private readonly string _work = Directory.CreateTempSubdirectory("learning-two-nodes-").FullName;
    private SmtpSink _smtp = null!;
    private WebNode _a = null!, _b = null!;
    private bool _passed;

    public async Task InitializeAsync()
    {
        _smtp = new SmtpSink();
        // Both start at once on the empty database, as a deployment starts its nodes: the migration lock lets one migrate, and
        // only A seeds the demo (seeding is a first start's one-off, not something every node may do).
        var watch = Stopwatch.StartNew();
        var b = Settings("B");
        b["Demo"] = "false";
        var starting = new[]
        {
            WebNode.Start("A", Settings("A"), Path.Combine(_work, "node-a.log"), TimeSpan.FromSeconds(120)),
            WebNode.Start("B", b, Path.Combine(_work, "node-b.log"), TimeSpan.FromSeconds(120)),
        };
        try { await Task.WhenAll(starting); }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully)) started.Result.Dispose();
            throw;
        }
        (_a, _b) = (starting[0].Result, starting[1].Result);
        output.WriteLine($"both nodes answered /health {watch.Elapsed.TotalSeconds:0.0} s after they were started");
    }

    private Dictionary<string, string> Settings(string node) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Learning"] = $"{LearningApp.PostgresServer};Database={_database}",
        ["Storage:Provider"] = "AzureBlob",
        ["ConnectionStrings:Blobs"] = MediaAppFixture.Azurite,
        ["Storage:Container"] = _container,
        ["DataRoot"] = Path.Combine(_work, "data-" + node), // nothing shared lives here: each node's own scratch
        ["Demo"] = "true",
        ["DemoSalatiga"] = "false",
        ["Logs:Console"] = "simple",
        ["Node:Name"] = node,
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:From"] = "learning@semarangkota.go.id",
        ["Jobs:outbox-dispatch:Schedule"] = "0/1 * * * * ?",
        ["Jobs:CheckinSeconds"] = "1",
        ["Jobs:CheckinGraceSeconds"] = "1",
        ["Testing:Jobs"] = "true",
        ["Testing:LongJobSeconds"] = "4",
        ["Jobs:testing-long:Schedule"] = LongJobSchedule,
    };

    [Fact]
    public async Task Should_serve_one_province_from_two_nodes_and_run_each_job_firing_once_even_when_a_node_dies()
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await A_person_signed_in_on_one_node_continues_on_the_other();
            await An_upload_on_one_node_is_served_by_the_other();
            await The_outbox_sends_each_message_once_across_both_nodes();
            await A_change_on_one_node_shows_on_the_other_within_a_second();
            await A_long_job_of_a_killed_node_is_finished_by_the_other();
            await Each_firing_of_a_scheduled_job_ran_on_exactly_one_node();
            output.WriteLine($"two nodes: all passed in {watch.Elapsed.TotalSeconds:0.0} s after both started");
            _passed = true;
        }
        catch
        {
            foreach (var node in new[] { _a, _b })
                output.WriteLine($"---- node {node.Name} ({node.LogFile}), last lines:\n{node.Tail(80)}");
            throw;
        }
    }

    private async Task A_person_signed_in_on_one_node_continues_on_the_other()
    {
        var agus = Browser();
        await SignIn(agus, _a, Agus);

        // The cookie the sign-in on A gave is honoured by B: the home page there is Agus's own.
        using var home = await agus.GetAsync(new Uri(_b.Url, "/"));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Agus", await home.Content.ReadAsStringAsync());
    }

    private async Task An_upload_on_one_node_is_served_by_the_other()
    {
        var coordinator = Browser();
        await SignIn(coordinator, _a, Coordinator);
        var png = (byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. RandomNumberGenerator.GetBytes(30_000)];

        // As the lesson editor's upload does: the page's antiforgery token with the file, to the media endpoint, on node A.
        var token = Token(await coordinator.GetStringAsync(new Uri(_a.Url, "/authoring/spbe-dasar/lessons/01-apa-itu-spbe")));
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent { { file, "file", "alur-layanan.png" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_a.Url, "/api/v1/media")) { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        using var uploaded = await coordinator.SendAsync(request);
        Assert.True(uploaded.StatusCode == HttpStatusCode.Created, $"upload on A: {(int)uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync()}");
        var url = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        using var served = await coordinator.GetAsync(new Uri(_b.Url, url));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
    }

    private async Task The_outbox_sends_each_message_once_across_both_nodes()
    {
        // Four e-mails: two assignments made on A, two on B; both nodes run the outbox job every second.
        var onA = await Api(_a, Supervisor);
        var onB = await Api(_b, Supervisor);
        var due = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Wib).DateTime).AddDays(21);
        await Json(await onA.PostAsJsonAsync("/api/v1/assignments", new { course = "literasi-keamanan-digital", employees = new[] { Agus, Dewi }, dueDate = Iso(due) }),
            HttpStatusCode.Created);
        await Json(await onB.PostAsJsonAsync("/api/v1/assignments", new { course = "pelindungan-data-pribadi", employees = new[] { Agus, Dewi }, dueDate = Iso(due) }),
            HttpStatusCode.Created);

        string[] subjects = ["Tugas wajib: Literasi Keamanan Digital untuk ASN", "Tugas wajib: Pelindungan Data Pribadi dalam Layanan Publik"];
        List<(string To, string Subject)> Ours() => _smtp.Messages.Where(m => subjects.Contains(m.Subject))
            .SelectMany(m => m.To.Select(to => (to, m.Subject))).ToList();
        await Until(() => Ours().Count >= 4, TimeSpan.FromSeconds(30), "the four assignment e-mails");
        // Several more passes of the outbox job, on either node, must send none of them again.
        var passesFrom = DateTimeOffset.UtcNow;
        await Until(() => OutboxPasses(since: passesFrom) >= 3, TimeSpan.FromSeconds(30), "three more outbox passes");

        var sent = Ours();
        output.WriteLine("outbox passes so far: " + string.Join(", ", OutboxPassesByNode().Select(p => $"{p.Count} on {p.Node}")));
        Assert.Equal(4, sent.Count);
        Assert.Equal(4, sent.Distinct().Count());
        Assert.Equal(2, sent.Select(m => m.To).Distinct().Count());
    }

    private async Task A_change_on_one_node_shows_on_the_other_within_a_second()
    {
        var agus = Browser();
        await SignIn(agus, _a, Agus);
        // B has Agus's home page in its cache (served again, with an Age) before the change.
        var homeOnB = new Uri(_b.Url, "/");
        for (var i = 0; i < 3; i++) (await agus.GetAsync(homeOnB)).EnsureSuccessStatusCode();
        using (var cached = await agus.GetAsync(homeOnB)) Assert.True(cached.Headers.Age is not null, "B rendered Agus's home page again instead of serving its cached copy");

        // Agus enrols on A, with the form as B served it (the antiforgery keys are shared through the database).
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(await agus.GetStringAsync(new Uri(_b.Url, "/courses/spbe-dasar"))),
        });
        using var enrol = await agus.PostAsync(new Uri(_a.Url, "/courses/spbe-dasar"), form);
        var written = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Redirect, enrol.StatusCode);
        var enrolment = enrol.Headers.Location!.OriginalString.Split('/')[2];

        var seen = false;
        var looks = 0;
        while (!seen && written.Elapsed < Second)
        {
            seen = (await agus.GetStringAsync(homeOnB)).Contains($"/learn/{enrolment}");
            looks++;
        }
        Assert.True(seen, $"B still showed Agus's home page without the course he enrolled in on A {written.ElapsedMilliseconds} ms earlier");
        output.WriteLine($"the enrolment made on A showed on B after {written.ElapsedMilliseconds} ms ({looks} looks)");
    }

    private async Task A_long_job_of_a_killed_node_is_finished_by_the_other()
    {
        // Waits for a run of the long job to start (every 10 s), on whichever node the cluster gave it.
        Match? started = null;
        WebNode? runner = null;
        await Until(() =>
        {
            foreach (var node in new[] { _a, _b })
                foreach (var line in node.Lines)
                    if (LongJobLine().Match(line) is { Success: true } m && m.Groups["what"].Value == "started" && m.Groups["node"].Value == node.Name)
                        (started, runner) = (m, node);
            return started is not null;
        }, TimeSpan.FromSeconds(40), "a run of the long job to start");
        var due = started!.Groups["due"].Value;
        if (runner!.Lines.Any(l => LongJobLine().Match(l) is { Success: true } m && m.Groups["what"].Value == "finished" && m.Groups["due"].Value == due))
        {
            // It finished before we looked: wait for the next run to start instead.
            var taken = due;
            started = null;
            await Until(() =>
            {
                foreach (var node in new[] { _a, _b })
                    foreach (var line in node.Lines)
                        if (LongJobLine().Match(line) is { Success: true } m && m.Groups["what"].Value == "started" && m.Groups["due"].Value != taken
                            && string.CompareOrdinal(m.Groups["due"].Value, taken) > 0)
                            (started, runner) = (m, node);
                return started is not null;
            }, TimeSpan.FromSeconds(30), "the next run of the long job to start");
            due = started!.Groups["due"].Value;
        }
        var other = runner == _a ? _b : _a;
        runner.Kill();
        var killed = Stopwatch.StartNew();
        output.WriteLine($"long job due {due} started on {runner.Name}; {runner.Name} killed");

        // The other node takes over the firing the dead node was running and finishes it.
        await Until(() => other.Lines.Any(l => LongJobLine().Match(l) is { Success: true } m && m.Groups["what"].Value == "finished"
            && m.Groups["due"].Value == due && m.Groups["node"].Value == other.Name && m.Groups["recovering"].Value == "True"),
            TimeSpan.FromSeconds(45), $"node {other.Name} to finish the long job due {due} that {runner.Name} was running");
        output.WriteLine($"{other.Name} finished it {killed.Elapsed.TotalSeconds:0.0} s after {runner.Name} was killed");
        // And the node left keeps serving.
        using var health = await new HttpClient().GetAsync(new Uri(other.Url, "health"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private async Task Each_firing_of_a_scheduled_job_ran_on_exactly_one_node()
    {
        // The tick runs every 2 s; every firing from the first seen to the last, across both nodes, ran exactly once (a
        // firing run again because its node died midway says so, and is not a second run of a healthy cluster).
        List<(DateTimeOffset Due, string Node, bool Recovering)> Ticks() => new[] { _a, _b }.SelectMany(n => n.Lines.Select(l => TickLine().Match(l)).Where(m => m.Success)
                .Select(m => (Due: DateTimeOffset.Parse(m.Groups["due"].Value, CultureInfo.InvariantCulture), Node: m.Groups["node"].Value, Recovering: m.Groups["recovering"].Value == "True")))
            .ToList();
        // The scheduler starts once the nodes listen and their start-up work is done; when the steps above went fast, wait for
        // ten firings rather than count those that happened to come in time.
        await Until(() => Ticks().Count(t => !t.Recovering) >= 10, TimeSpan.FromSeconds(60), "ten firings of the tick job");
        var ticks = Ticks();
        var firsts = ticks.Where(t => !t.Recovering).ToList();
        Assert.True(firsts.Count >= 10, $"only {firsts.Count} ticks seen");
        var twice = firsts.GroupBy(t => t.Due).Where(g => g.Count() > 1).Select(g => $"{g.Key:HH:mm:ss} on {string.Join(" and ", g.Select(t => t.Node))}").ToList();
        Assert.True(twice.Count == 0, "firings run on both nodes: " + string.Join(", ", twice));
        var from = firsts.Min(t => t.Due);
        var to = firsts.Max(t => t.Due);
        var ran = ticks.Select(t => t.Due).ToHashSet();
        var missed = new List<string>();
        for (var due = from; due <= to; due += TimeSpan.FromSeconds(2))
            if (!ran.Contains(due)) missed.Add(due.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        Assert.True(missed.Count == 0, "firings that ran on no node: " + string.Join(", ", missed));
        output.WriteLine($"{firsts.Count} tick firings from {from:HH:mm:ss} to {to:HH:mm:ss}Z: " +
            string.Join(", ", firsts.GroupBy(t => t.Node).Select(g => $"{g.Count()} on {g.Key}")));
    }

    /// <summary>Completed runs of the outbox job recorded since the given time, on any node.</summary>
    private int OutboxPasses(DateTimeOffset since)
    {
        using var connection = new NpgsqlConnection($"{LearningApp.PostgresServer};Database={_database}");
        connection.Open();
        // Row security shows a tenant's rows only to a session that names it; the platform job records under the default tenant.
        using (var tenant = new NpgsqlCommand("SELECT set_config('learning.tenant', 'semarang', false)", connection)) tenant.ExecuteNonQuery();
        using var count = new NpgsqlCommand("SELECT COUNT(*) FROM \"Scheduling_JobRuns\" WHERE \"Job\" = 'outbox-dispatch' AND \"StartedAt\" > @since", connection);
        count.Parameters.AddWithValue("since", since.UtcDateTime);
        return Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private List<(string Node, int Count)> OutboxPassesByNode()
    {
        using var connection = new NpgsqlConnection($"{LearningApp.PostgresServer};Database={_database}");
        connection.Open();
        using (var tenant = new NpgsqlCommand("SELECT set_config('learning.tenant', 'semarang', false)", connection)) tenant.ExecuteNonQuery();
        using var query = new NpgsqlCommand("SELECT \"Node\", COUNT(*) FROM \"Scheduling_JobRuns\" WHERE \"Job\" = 'outbox-dispatch' GROUP BY \"Node\" ORDER BY 1", connection);
        using var reader = query.ExecuteReader();
        var passes = new List<(string, int)>();
        while (reader.Read()) passes.Add((reader.GetString(0), Convert.ToInt32(reader.GetInt64(1))));
        return passes;
    }

    // ---- a browser and an API client, as people use them

    /// <summary>A browser: one cookie jar for both nodes (they share one address behind a load balancer; here, one host).</summary>
    private static HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static async Task SignIn(HttpClient browser, WebNode node, string nip)
    {
        var login = new Uri(node.Url, "/login");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = nip, ["Password"] = DemoSeeder.Password, ["__RequestVerificationToken"] = Token(await browser.GetStringAsync(login)),
        });
        using var response = await browser.PostAsync(login, form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {nip} on {node.Name}: {(int)response.StatusCode}");
    }

    private static async Task<HttpClient> Api(WebNode node, string nip)
    {
        var client = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(30) };
        var token = await Json(await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = nip, password = DemoSeeder.Password }), HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    private static string Token(string html) =>
        AntiforgeryField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page.");

    private static async Task Until(Func<bool> condition, TimeSpan within, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > within) throw new TimeoutException($"Waited {within.TotalSeconds} s for {what}.");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"Testing tick due (?<due>\S+) ran on (?<node>\S+)(?: \(recovering: (?<recovering>\w+)\))?")]
    private static partial Regex TickLine();

    [GeneratedRegex(@"Testing long job due (?<due>\S+) (?<what>started|finished) on (?<node>\S+) \(recovering: (?<recovering>\w+)\)")]
    private static partial Regex LongJobLine();

    public async Task DisposeAsync()
    {
        _a?.Dispose();
        _b?.Dispose();
        if (_smtp is not null) await _smtp.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection($"{LearningApp.PostgresServer};Database=postgres"))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            for (var attempt = 1; ; attempt++)
            {
                try { await drop.ExecuteNonQueryAsync(); break; }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20) { await Task.Delay(250); }
            }
        }
        try
        {
            var blobs = new Azure.Storage.Blobs.BlobContainerClient(MediaAppFixture.Azurite, _container);
            await blobs.DeleteIfExistsAsync();
        }
        catch (Azure.RequestFailedException) { }
        // The nodes' logs stay for a failed run (their paths are printed).
        if (_passed) try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }
}
