using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Web.Demo;
using Learning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Learning.Web.Tests.Flows.Tenancy;

/// <summary>One app per database for the probe: Semarang (A, the demo) and Salatiga (B) with a record of every kind.</summary>
public abstract class CrossTenantWorld(Db db) : IAsyncLifetime
{
    public const string Admin = "admin";
    public const string Coordinator = "198203152006042001";
    public const string Supervisor = "197811202003121002";
    public const string Learner = "199005172015031001"; // Agus
    public const string Rizky = "199501012020121004"; // Semarang's holder of the NIP Salatiga also has

    public LearningApp App { get; private set; } = null!;
    internal TenantB B { get; private set; } = null!;
    /// <summary>Ids of A's records (Agus's finished course), for the probe the other way round.</summary>
    public Dictionary<string, string> A { get; } = new(StringComparer.OrdinalIgnoreCase);
    internal Dictionary<string, Person> People { get; } = new();

    public async Task InitializeAsync()
    {
        var settings = CertificationDriver.Settings();
        App = new LearningApp(db, settings: settings);
        B = await TenantB.Arrange(App);

        var agus = await App.ApiAs(Learner);
        var done = await TenantB.Json(await agus.PostAsJsonAsync("/api/v1/enrolments", new { course = "spbe-dasar" }));
        A["enrolment"] = done.GetProperty("id").GetString()!;
        A["pathInstance"] = done.GetProperty("pathInstanceId").GetString()!;
        await AssignmentDriver.Complete(App, agus, A["enrolment"], "spbe-dasar");
        A["certificateCode"] = (await TenantB.Json(await agus.GetAsync("/api/v1/me/certificates"))).EnumerateArray().Single().GetProperty("code").GetString()!;

        foreach (var login in new[] { Admin, Coordinator, Supervisor, Learner })
            People[login] = await Person.SignedIn(App, login, host: null);
        People["B:" + TenantB.Coordinator] = await Person.SignedIn(App, TenantB.Coordinator, TenantB.Host);
        People["B:" + TenantB.Learner] = await Person.SignedIn(App, TenantB.Learner, TenantB.Host);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteCrossTenantWorld() : CrossTenantWorld(Db.Sqlite);
public sealed class PostgresCrossTenantWorld() : CrossTenantWorld(Db.Postgres);

public sealed class CrossTenantProbeSqliteTests(SqliteCrossTenantWorld world) : CrossTenantProbeTests(world), IClassFixture<SqliteCrossTenantWorld>;
public sealed class CrossTenantProbePostgresTests(PostgresCrossTenantWorld world) : CrossTenantProbeTests(world), IClassFixture<PostgresCrossTenantWorld>;

/// <summary>
/// Issue 19's probe: every API route and page the app maps, called on Semarang's host by Semarang's administrator,
/// coordinator, supervisor and learner with the ids of Salatiga's records, must answer 404 — as if they did not exist. A 403
/// tells that they do (unless the same person is refused the same way for an id nobody has: that is the door, not the
/// record), a 200 shows them, a 500 breaks on them. The routes come from the app's own EndpointDataSource, and every route
/// parameter needs a line in <see cref="Kinds"/>, so a new route cannot slip past.
/// </summary>
public abstract class CrossTenantProbeTests(CrossTenantWorld world)
{
    private TenantB B => world.B;

    /// <summary>Which of B's records a route parameter names: by parameter, then by the segment before it where one name serves
    /// several kinds ({id}, {key}). Several values: each is probed.</summary>
    private static readonly Dictionary<string, Func<string, string[]>> Kinds = new()
    {
        ["id"] = before => before switch
        {
            "enrolments" => ["enrolment", "openEnrolment"],
            "attempts" => ["submittedAttempt", "openAttempt"],
            "path-instances" or "instances" => ["pathInstance", "waitingInstance"],
            "approvals" => ["approval"],
            "trainings" => ["training"],
            "competency-assessments" => ["competencyAssessment"],
            "notifications" => ["notification"],
            "assignments" => ["assignment"],
            "extensions" => ["extension"],
            "classes" => ["class"],
            _ => [],
        },
        ["key"] = before => before switch
        {
            "lessons" => ["lesson"],
            "paths" => ["ownPath"],
            "certificates" => ["certificateCode", "certificateNumber"],
            _ => ["lesson"], // /learn/{enrolmentId}/{key?}
        },
        ["enrolmentId"] = _ => ["enrolment", "openEnrolment"],
        ["registrationId"] = _ => ["classRegistration"],
        ["attemptId"] = _ => ["submittedAttempt", "openAttempt"],
        ["slug"] = _ => ["ownCourse"],
        ["course"] = _ => ["ownCourse"],
        ["code"] = _ => ["certificateCode"],
        ["nip"] = _ => ["nip"],
        ["n"] = _ => ["sessionNumber"], // /classes/{id}/sessions/{n}: B's class as {id}, its first session
        ["token"] = _ => ["calendarToken"], // /calendar/{token}.ics: B's learner's feed
        ["userName"] = _ => ["nip"], // /admin/users/{userName}: a person's login is their NIP
        ["name"] = _ => ["upload", "certificatePdf", "proof"],
    };

    /// <summary>Routes whose parameters name nothing a tenant owns.</summary>
    private static readonly HashSet<string> NotTenantData =
    [
        "/error/{code:int}", // the status page names a status code
        "/openapi/{documentName}.json", // the API's description
        "/{**path:file}", // the theme's static files
    ];

    /// <summary>Routes whose body (not route) names B's records; the answer must not be a success, 403 or 500.</summary>
    private static readonly Dictionary<string, Func<TenantB, object>> BodyIds = new()
    {
        ["POST /approvals"] = b => new { id = b["approval"], decision = "approve" },
        ["POST /team?handler=Decide"] = b => new { id = b["extension"], decision = "grant" },
        ["POST /team?handler=Assign"] = _ => new { nip = TenantB.Learner, course = "literasi-keamanan-digital" },
        ["POST /assignments/mine"] = b => new { id = b["assignment"], reason = "Dinas luar", dueDate = "2030-02-28" },
        ["POST /career-records/verification"] = b => new { id = b["training"], decision = "reject", reason = "bukan milik kota ini" },
        ["POST /career-record/assessment/team"] = b => new { id = b["competencyAssessment"] },
        ["POST /authoring/paths?handler=Retry"] = b => new { id = b["pathInstance"] },
        ["POST /api/v1/assignments"] = _ => new { course = "literasi-keamanan-digital", employees = new[] { TenantB.Learner }, dueDate = "2030-01-31" },
        ["POST /api/v1/enrolments"] = _ => new { course = TenantB.OwnCourse },
        ["POST /api/v1/sync/lesson-completions"] = b => new
        {
            items = new[] { new { id = Guid.NewGuid(), enrolmentId = b["enrolment"], lessonKey = b["lesson"], completedAt = "2026-01-05T08:00:00+07:00" } },
        },
        ["DELETE /api/v1/push/subscriptions"] = b => new { endpoint = b["pushEndpoint"] }, // B's learner's browser
    };

    private string Value(string name) => name switch
    {
        "ownCourse" => TenantB.OwnCourse,
        "ownPath" => TenantB.OwnPath,
        "nip" => TenantB.Learner,
        "sessionNumber" => "1",
        _ => B[name],
    };

    [Fact]
    public async Task Every_route_of_tenant_A_answers_404_for_the_records_of_tenant_B()
    {
        var endpoints = await Endpoints(world.App);
        var failures = new List<string>();
        var unmapped = endpoints.Where(e => !NotTenantData.Contains(e.Pattern))
            .SelectMany(e => Parameters(e.Pattern).Where(p => !Kinds.ContainsKey(p.Name)).Select(p => $"{e.Key}: {{{p.Name}}}")).Distinct().ToList();
        Assert.True(unmapped.Count == 0, "Route parameters without a kind in CrossTenantProbeTests.Kinds (say which of B's records they name):\n  "
            + string.Join("\n  ", unmapped));

        var probed = 0;
        // Reading first, then changing, so a change that got through cannot hide a read that would have.
        foreach (var endpoint in endpoints.Where(e => !NotTenantData.Contains(e.Pattern) && Parameters(e.Pattern).Count > 0)
                     .OrderBy(e => e.Method != "GET").ThenBy(e => e.Key, StringComparer.Ordinal))
        {
            foreach (var url in Urls(endpoint.Pattern))
                foreach (var (login, person) in world.People.Where(p => !p.Key.StartsWith("B:")))
                {
                    probed++;
                    var answer = await person.Call(endpoint, With(url, endpoint), new { });
                    if (answer.Status == HttpStatusCode.NotFound && !Shows(answer.Body, out _, url)) continue;
                    if ((int)answer.Status is 400 or 401 or 403 || IsRedirectTo(answer, "/forbidden"))
                    {
                        // Refused at the door (by role, or the body checked before any lookup) tells nothing if an id nobody
                        // has is refused the same way.
                        var control = await person.Call(endpoint, With(Nobody(endpoint.Pattern), endpoint), new { });
                        if (control.Status == answer.Status && PathOf(control.Location) == PathOf(answer.Location) && !Shows(answer.Body, out _, url)) continue;
                    }
                    failures.Add(Describe(endpoint, url, login, answer));
                }
        }

        foreach (var (key, body) in BodyIds)
        {
            var endpoint = endpoints.SingleOrDefault(e => e.Key == key);
            Assert.True(endpoint is not null, $"BodyIds names {key}, which the app no longer maps.");
            foreach (var (login, person) in world.People.Where(p => !p.Key.StartsWith("B:")))
            {
                probed++;
                var sent = JsonSerializer.Serialize(body(B));
                var answer = await person.Call(endpoint, With(endpoint.Pattern, endpoint), body(B));
                var refusedByRole = answer.Status == HttpStatusCode.Forbidden || IsRedirectTo(answer, "/forbidden");
                if (!Shows(answer.Body, out _, sent) && (int)answer.Status is 400 or 404 or 422) continue;
                // The same answer as for ids nobody has (a refusal by role, or a page that ignores an unknown id) tells nothing.
                if ((refusedByRole || answer.Status == HttpStatusCode.OK) && !Shows(answer.Body, out _, sent))
                {
                    var control = await person.Call(endpoint, With(endpoint.Pattern, endpoint), Nobody(body(B)));
                    if (control.Status == answer.Status) continue;
                }
                if (answer.Status == HttpStatusCode.OK && endpoint.IsPage && !Shows(answer.Body, out _, sent) && NotFoundOnPage(answer.Body)) continue;
                failures.Add(Describe(endpoint, endpoint.Pattern + " " + JsonSerializer.Serialize(body(B)), login, answer));
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {probed} calls on tenant A with tenant B's ids did not answer 404:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Nothing_tenant_A_lists_shows_a_record_of_tenant_B()
    {
        var endpoints = await Endpoints(world.App);
        var ids = B.Rows.Values.SelectMany(v => v).Concat(B.Ids.Values).Where(v => v.Length >= 12).ToHashSet();
        var failures = new List<string>();
        // The platform's list of cities names every city by design; only the platform's administrator opens it (TenantAdminPageTests).
        foreach (var endpoint in endpoints.Where(e => e.Method == "GET" && Parameters(e.Pattern).Count == 0 && e.Pattern is not ("/logout" or "/admin/tenants")))
            foreach (var (login, person) in world.People.Where(p => !p.Key.StartsWith("B:")))
            {
                var answer = await person.Call(endpoint, With(endpoint.Pattern, endpoint), null);
                if (Shows(answer.Body, out var mark)) failures.Add($"{endpoint.Key} as {login}: {(int)answer.Status} shows \"{mark}\"");
                else if (ids.FirstOrDefault(answer.Body.Contains) is { } id)
                    failures.Add($"{endpoint.Key} as {login}: {(int)answer.Status} shows B's id {id} ({B.Rows.FirstOrDefault(r => r.Value.Contains(id)).Key ?? B.Ids.First(i => i.Value == id).Key})");
                else if ((int)answer.Status >= 500) failures.Add($"{endpoint.Key} as {login}: {(int)answer.Status}");
            }
        Assert.True(failures.Count == 0, $"{failures.Count} lists of tenant A show tenant B:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Tenant_B_answers_404_for_the_records_of_tenant_A()
    {
        var a = world.A;
        var coordinator = world.People["B:" + TenantB.Coordinator];
        var learner = world.People["B:" + TenantB.Learner];
        var calls = new (Person Who, string Login, string Method, string Url)[]
        {
            (coordinator, "B coordinator", "GET", $"/api/v1/enrolments/{a["enrolment"]}"),
            (coordinator, "B coordinator", "GET", $"/api/v1/path-instances/{a["pathInstance"]}"),
            (coordinator, "B coordinator", "GET", $"/paths/instances/{a["pathInstance"]}"),
            (coordinator, "B coordinator", "GET", $"/api/v1/organisation/employees/{CrossTenantWorld.Learner}"),
            (coordinator, "B coordinator", "GET", $"/certificates/{a["certificateCode"]}/pdf"),
            (coordinator, "B coordinator", "GET", $"/api/v1/certificates/verify/{a["certificateCode"]}"),
            (coordinator, "B coordinator", "GET", $"/certificates/verify/{a["certificateCode"]}"),
            (coordinator, "B coordinator", "POST", $"/api/v1/certificates/{a["certificateCode"]}/revoke"),
            (learner, "B learner", "GET", $"/learn/{a["enrolment"]}"),
            (learner, "B learner", "GET", $"/api/v1/enrolments/{a["enrolment"]}"),
            (learner, "B learner", "GET", $"/assessment/{a["enrolment"]}"),
        };
        var failures = new List<string>();
        foreach (var (who, login, method, url) in calls)
        {
            var answer = await who.Call(new Endpoint(method, url, null, !url.StartsWith("/api/")), url, new { reason = "uji" });
            if (answer.Status != HttpStatusCode.NotFound || answer.Body.Contains("Agus") || answer.Body.Contains(CrossTenantWorld.Learner))
                failures.Add($"{method} {url} as {login}: {(int)answer.Status}{(answer.Location is null ? "" : " → " + answer.Location)} {Excerpt(answer.Body)}");
        }
        Assert.True(failures.Count == 0, "Tenant B reached tenant A's records:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task A_NIP_in_both_tenants_is_two_people_each_seen_only_on_its_own_host()
    {
        var onA = await world.App.ApiAs(CrossTenantWorld.Coordinator);
        var onB = await world.App.ApiAs(TenantB.Coordinator, host: TenantB.Host);
        var inA = await TenantB.Json(await onA.GetAsync($"/api/v1/organisation/employees/{TenantB.SharedNip}"));
        var inB = await TenantB.Json(await onB.GetAsync($"/api/v1/organisation/employees/{TenantB.SharedNip}"));
        Assert.Contains("Rizky Hidayat", inA.ToString());
        Assert.DoesNotContain(TenantB.SharedNipName, inA.ToString());
        Assert.Contains(TenantB.SharedNipName, inB.ToString());
        Assert.DoesNotContain("Rizky", inB.ToString());

        // Each signs in on its own host with its own account: Salatiga's has an assignment, Semarang's Rizky has none of it.
        var yohanes = await world.App.ApiAs(TenantB.SharedNip, host: TenantB.Host);
        var rizky = await world.App.ApiAs(TenantB.SharedNip);
        Assert.Contains("literasi-keamanan-digital", (await TenantB.Json(await yohanes.GetAsync("/api/v1/me/assignments"))).ToString());
        Assert.DoesNotContain("literasi-keamanan-digital", (await TenantB.Json(await rizky.GetAsync("/api/v1/me/assignments"))).ToString());
    }

    [Fact]
    public async Task A_sign_in_on_tenant_B_does_not_open_tenant_A()
    {
        // The bearer token B's learner got on B's host, shown to A's host.
        var token = await TenantB.Json(await world.App.ClientFor(TenantB.Host).PostAsJsonAsync("/api/v1/auth/token",
            new { userName = TenantB.Learner, password = DemoSeeder.Password }));
        var onA = world.App.ClientFor(null);
        onA.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        var api = await onA.GetAsync("/api/v1/me/enrolments");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);

        // The login cookie B's host set, sent to A's host (a browser would not, but a copied cookie might be).
        var pagesOnB = world.App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri($"http://{TenantB.Host}/") });
        var login = await pagesOnB.GetAsync("/login");
        var antiforgeryCookie = Cookies(login);
        var token2 = Regex.Match(await login.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = TenantB.Learner, ["Password"] = DemoSeeder.Password, ["__RequestVerificationToken"] = token2,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await pagesOnB.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = Cookies(signedIn);

        var pagesOnA = world.App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var home = new HttpRequestMessage(HttpMethod.Get, "/");
        home.Headers.Add("Cookie", cookie);
        var page = await pagesOnA.SendAsync(home);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", new Uri(new Uri("http://localhost"), page.Headers.Location!).AbsolutePath);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    // --- the probe's parts

    private sealed record Parameter(string Name, string Before);

    /// <summary>{name}, {name:constraint}, {name?} and {**name} of a pattern, with the literal segment before each.</summary>
    private static List<Parameter> Parameters(string pattern)
    {
        var list = new List<Parameter>();
        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
            foreach (Match m in Regex.Matches(segments[i], @"\{\**([A-Za-z]+)[^}]*\}"))
                list.Add(new(m.Groups[1].Value, i == 0 ? "" : segments[i - 1]));
        return list;
    }

    /// <summary>The pattern filled with B's ids: one URL per combination of the values each parameter names.</summary>
    private IEnumerable<string> Urls(string pattern)
    {
        IEnumerable<string> urls = [pattern];
        foreach (var p in Parameters(pattern))
        {
            var names = Kinds[p.Name](p.Before);
            Assert.True(names.Length > 0, $"{pattern}: CrossTenantProbeTests.Kinds has no kind for {{{p.Name}}} after '{p.Before}'.");
            var values = names.Select(Value).ToList();
            urls = urls.SelectMany(u => values.Select(v => Regex.Replace(u, @"\{\**" + p.Name + @"[^}]*\}", v.Replace("$", "$$"))));
        }
        return urls.ToList();
    }

    /// <summary>The same pattern with ids nobody has (same shape: a Guid for a Guid).</summary>
    private static string Nobody(string pattern) => Regex.Replace(pattern, @"\{\**([A-Za-z]+)([^}]*)\}", m =>
        m.Groups[2].Value.Contains("guid") ? Guid.NewGuid().ToString() : m.Groups[1].Value == "name" ? "uploads/2000/01/tidak-ada.png" : "tidak-ada-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The body's ids swapped for ids nobody has.</summary>
    private static object Nobody(object body)
    {
        var fields = JsonSerializer.SerializeToElement(body).EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value.Clone());
        if (fields.ContainsKey("id")) fields["id"] = Guid.NewGuid().ToString();
        if (fields.ContainsKey("nip")) fields["nip"] = "199001012015031999";
        if (fields.ContainsKey("employees")) fields["employees"] = new[] { "199001012015031999" };
        if (fields.ContainsKey("course")) fields["course"] = "tidak-ada";
        return fields;
    }

    private static string With(string url, Endpoint endpoint) =>
        endpoint.Handler is { } handler ? url + (url.Contains('?') ? "&" : "?") + "handler=" + handler : url;

    private static bool IsRedirectTo(Answer answer, string path) =>
        answer.Location is { } l && new Uri(new Uri("http://localhost"), l).AbsolutePath == path;

    /// <summary>A page that says in its own words it found nothing (some forms answer 200 with the message).</summary>
    private static bool NotFoundOnPage(string body) => body.Contains("tidak ditemukan", StringComparison.OrdinalIgnoreCase);

    private static string? PathOf(string? location) => location is null ? null : new Uri(new Uri("http://localhost"), location).AbsolutePath;

    /// <summary>Whether the body carries one of B's marks (other than what the caller sent in <paramref name="sent"/>, echoed back).</summary>
    private static bool Shows(string body, out string mark, string sent = "")
    {
        mark = TenantB.Marks.FirstOrDefault(m => body.Contains(m, StringComparison.OrdinalIgnoreCase) && !sent.Contains(m, StringComparison.OrdinalIgnoreCase)) ?? "";
        return mark.Length > 0;
    }

    private static string Describe(Endpoint endpoint, string url, string login, Answer answer)
    {
        var what = (int)answer.Status switch
        {
            403 => "reveals it exists",
            >= 500 => "breaks",
            >= 200 and < 300 => "leaks",
            _ => "not 404",
        };
        if (Shows(answer.Body, out var mark)) what += $", shows \"{mark}\"";
        return $"{endpoint.Key} as {login}: {(int)answer.Status}{(answer.Location is null ? "" : " → " + answer.Location)} ({what}) for {url} {Excerpt(answer.Body)}";
    }

    private static string Excerpt(string body) => body.Length == 0 ? "" : "| " + Regex.Replace(body.Length > 200 ? body[..200] : body, @"\s+", " ");

    internal sealed record Endpoint(string Method, string Pattern, string? Handler, bool IsPage)
    {
        public string Key => $"{Method} {Pattern}{(Handler is null ? "" : "?handler=" + Handler)}";
    }

    internal sealed record Answer(HttpStatusCode Status, string? Location, string Body);

    /// <summary>Every route the app maps (as AuthorizationMatrixTests reads them); static files of the theme are not ours.</summary>
    private static async Task<List<Endpoint>> Endpoints(LearningApp app)
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var list = new List<Endpoint>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                list.Add(new("GET", pattern, null, IsPage: true));
                foreach (var h in compiled.HandlerMethods)
                    list.Add(new(h.HttpMethod.ToUpperInvariant(), pattern, h.Name, IsPage: true));
                continue;
            }
            if (endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor")) continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var m in methods.Where(m => m != HttpMethods.Head))
                list.Add(new(m, pattern, null, IsPage: false));
        }
        return list.DistinctBy(e => e.Key).ToList();
    }
}

/// <summary>One signed-in person: a bearer token for the API, the login cookie and an antiforgery token for pages.</summary>
internal sealed class Person
{
    private HttpClient _api = null!;
    private HttpClient _pages = null!;
    private string _token = "";

    public static async Task<Person> SignedIn(LearningApp app, string login, string? host)
    {
        var p = new Person { _api = await app.ApiAs(login, host: host), _pages = await app.PagesAs(login, host: host) };
        var html = await p._pages.GetStringAsync("/account/password");
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        p._token = match.Success ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on /account/password.");
        return p;
    }

    public async Task<CrossTenantProbeTests.Answer> Call(CrossTenantProbeTests.Endpoint endpoint, string url, object? body)
    {
        var api = url.StartsWith("/api/", StringComparison.Ordinal);
        var client = api ? _api : _pages;
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url);
        if (endpoint.Method != "GET")
        {
            if (api) request.Content = JsonContent.Create(body ?? new { });
            else
            {
                var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = _token };
                if (body is not null)
                    foreach (var p in JsonSerializer.SerializeToElement(body).EnumerateObject())
                        fields[p.Name] = p.Value.ValueKind == JsonValueKind.Array ? string.Join(",", p.Value.EnumerateArray()) : p.Value.ToString();
                request.Content = new FormUrlEncodedContent(fields);
            }
        }
        using var response = await client.SendAsync(request);
        return new(response.StatusCode, response.Headers.Location?.ToString(), await response.Content.ReadAsStringAsync());
    }
}
