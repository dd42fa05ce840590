using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Learning.Kernel;
using Learning.Notifications;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Learning.Web.Tests.Flows.AssignmentDriver;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// Web Push against the push endpoint contract: a push service on a loopback port takes what the outbox sends, and a receiver
/// made like a browser (P-256 key pair, 16-byte auth secret) checks the VAPID token against the key the API gave and decrypts
/// the aes128gcm body to the notice in the person's language.
/// </summary>
public sealed class WebPushTests
{
    private const string Subscriptions = "/api/v1/push/subscriptions";
    private const string Site = "https://learning.semarangkota.go.id";
    private const string CourseTitle = "Dasar-Dasar SPBE untuk ASN Kota";
    private static readonly CultureInfo Id = new("id-ID");

    private static LearningApp App(Db db = Db.Sqlite) => new(db, settings: new Dictionary<string, string?>
    {
        ["Push:AllowLoopbackHttp"] = "true", // the test's push service listens on http://127.0.0.1
        ["Push:Subject"] = "mailto:bkpsdm@semarangkota.go.id",
        ["PublicUrl"] = Site,
        // The test sends itself, on the test clock.
        ["Outbox:IntervalSeconds"] = "3600", ["Jobs:outbox-dispatch:Schedule"] = "0 0 0 1 1 ? 2099",
    });

    private static Task<int> Send(LearningApp app) => app.Services.GetRequiredService<OutboxProcessor>().ProcessPending(CancellationToken.None);

    private static async Task<string> PublicKey(HttpClient api) =>
        (await Json(await api.GetAsync("/api/v1/push/key"), HttpStatusCode.OK)).GetProperty("publicKey").GetString()!;

    private static async Task<DateOnly> AssignToAgus(LearningApp app)
    {
        var due = Today(app).AddDays(14);
        var supervisor = await app.ApiAs(Supervisor);
        await Json(await supervisor.PostAsJsonAsync("/api/v1/assignments", new { course = Course, employees = new[] { Agus }, dueDate = Iso(due) }), HttpStatusCode.Created);
        return due;
    }

    private static Task<int> SubscriptionCount(LearningApp app, string endpoint) =>
        app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<WebPushSubscription>().CountAsync(s => s.Endpoint == endpoint));

    [Fact]
    public async Task Should_push_an_assignment_encrypted_to_the_browser_with_a_VAPID_token_the_push_service_can_verify()
    {
        await using var service = await PushService.Start();
        await using var app = App();
        using var browser = new PushReceiver();
        var agus = await app.ApiAs(Agus);
        var key = await PublicKey(agus);
        Assert.Equal(65, PushReceiver.FromBase64Url(key).Length);
        var endpoint = service.NewEndpoint();
        await Json(await agus.PostAsJsonAsync(Subscriptions, browser.Subscription(endpoint)), HttpStatusCode.Created);

        var due = await AssignToAgus(app);
        Assert.True(await Send(app) >= 1);

        var push = Assert.Single(service.Requests);
        Assert.Equal(new Uri(endpoint).AbsolutePath, push.Path);
        Assert.Equal("aes128gcm", push.Header("Content-Encoding"));
        Assert.Equal("application/octet-stream", push.Header("Content-Type"));
        Assert.True(int.Parse(push.Header("TTL"), CultureInfo.InvariantCulture) > 0);

        // Authorization: vapid t=<JWT>, k=<the application server key the browser subscribed with> (RFC 8292).
        var authorization = push.Header("Authorization");
        Assert.StartsWith("vapid ", authorization);
        var parts = authorization["vapid ".Length..].Split(',').Select(p => p.Trim().Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(key, parts["k"]);
        var claims = VerifiedClaims(parts["t"], key);
        Assert.Equal(service.Origin, claims.GetProperty("aud").GetString());
        Assert.Equal("mailto:bkpsdm@semarangkota.go.id", claims.GetProperty("sub").GetString());
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        Assert.InRange(expires, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(24)); // at most a day ahead (RFC 8292)

        // What the service worker gets: {title, body, url} in Indonesian, the url the page the notice points at.
        var payload = JsonDocument.Parse(browser.Decrypt(push.Body)).RootElement;
        Assert.Equal($"Tugas wajib: {CourseTitle}", payload.GetProperty("title").GetString());
        Assert.Equal($"Anda ditugaskan mengikuti {CourseTitle}, paling lambat {due.ToString("d MMMM yyyy", Id)}.", payload.GetProperty("body").GetString());
        Assert.Equal(Site + "/", payload.GetProperty("url").GetString());

        // Sent once: a second pass sends nothing more.
        Assert.Equal(0, await Send(app));
        Assert.Single(service.Requests);
    }

    [Fact]
    public async Task Should_push_an_approval_to_decide_to_the_supervisor_and_nothing_for_a_kind_they_unticked()
    {
        await using var service = await PushService.Start();
        await using var app = App();
        using var browser = new PushReceiver();
        var supervisor = await app.PagesAs(Supervisor);
        var supervisorApi = await app.ApiAs(Supervisor);
        await Json(await supervisorApi.PostAsJsonAsync(Subscriptions, browser.Subscription(service.NewEndpoint())), HttpStatusCode.Created);

        // On the settings page: push for approvals only (assignments and reminders unticked).
        var saved = await supervisor.PostAsync("/notifications/settings", await LearningApp.FormWithToken(supervisor, "/notifications/settings",
            new() { ["push-shown"] = "1", ["push"] = "approvals" }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await supervisor.GetStringAsync("/notifications/settings");
        Assert.Contains("value=\"approvals\" checked=\"checked\"", page);
        Assert.DoesNotContain("value=\"reminders\" checked=\"checked\"", page);
        Assert.Contains("Perangkat yang menerima push: 1.", page);
        Assert.Contains("/_content/Learning.Modules/push.js", page);

        await AssignToAgus(app);
        var agus = await app.ApiAs(Agus);
        var itemId = (await Mine(agus)).GetProperty("id").GetString();
        await Json(await agus.PostAsJsonAsync($"/api/v1/me/assignments/{itemId}/extension",
            new { reason = "Sedang tugas luar kota", dueDate = Iso(Today(app).AddDays(30)) }), HttpStatusCode.Created);
        await Send(app);

        var push = Assert.Single(service.Requests);
        var payload = JsonDocument.Parse(browser.Decrypt(push.Body)).RootElement;
        Assert.Equal("Permintaan perpanjangan dari Agus Prasetyo", payload.GetProperty("title").GetString());
        Assert.Contains(CourseTitle, payload.GetProperty("body").GetString());
        Assert.Equal(Site + "/team", payload.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Should_delete_a_subscription_the_push_service_says_is_gone_and_retry_other_failures_later()
    {
        await using var service = await PushService.Start();
        await using var app = App();
        using var browser = new PushReceiver();
        var agus = await app.ApiAs(Agus);
        var endpoint = service.NewEndpoint();
        await Json(await agus.PostAsJsonAsync(Subscriptions, browser.Subscription(endpoint)), HttpStatusCode.Created);
        Task<OutboxMessage> Message() => app.WithScope(sp => sp.GetRequiredService<LearningDbContext>().OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.Type == typeof(WebPushMessage).FullName));

        // The push service is in trouble: the message waits and is tried again, the subscription stays.
        service.Answer = HttpStatusCode.InternalServerError;
        await AssignToAgus(app);
        Assert.Equal(0, await Send(app));
        var failed = await Message();
        Assert.Equal(1, failed.Attempts);
        Assert.Null(failed.ProcessedAt);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), failed.NextAttemptAt);
        Assert.Equal(1, await SubscriptionCount(app, endpoint));

        // Later the browser has dropped it: 410 Gone deletes the subscription and the message is done, not retried.
        service.Answer = HttpStatusCode.Gone;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Send(app));
        Assert.Equal(2, service.Requests.Count);
        Assert.NotNull((await Message()).ProcessedAt);
        Assert.Equal(0, await SubscriptionCount(app, endpoint));
        Assert.DoesNotContain("Perangkat yang menerima push", await (await app.PagesAs(Agus)).GetStringAsync("/notifications/settings"));
    }

    [Fact]
    public async Task Should_keep_one_subscription_per_browser_and_let_only_its_owner_remove_it()
    {
        await using var service = await PushService.Start();
        await using var app = App();
        using var browser = new PushReceiver();
        var agus = await app.ApiAs(Agus);
        var dewi = await app.ApiAs(Dewi);
        var endpoint = service.NewEndpoint();

        var first = await Json(await agus.PostAsJsonAsync(Subscriptions, browser.Subscription(endpoint)), HttpStatusCode.Created);
        Assert.Equal(endpoint, first.GetProperty("endpoint").GetString());
        await Json(await agus.PostAsJsonAsync(Subscriptions, browser.Subscription(endpoint)), HttpStatusCode.OK); // again: the same one
        Assert.Equal(1, await SubscriptionCount(app, endpoint));

        // Two subscribes of one new browser at once: one row, neither a 500.
        var racing = service.NewEndpoint();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => agus.PostAsJsonAsync(Subscriptions, browser.Subscription(racing))));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, a.StatusCode.ToString()));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await SubscriptionCount(app, racing));

        // Dewi cannot take or remove Agus's browser; the answer says nothing about whose it is.
        var taken = await dewi.PostAsJsonAsync(Subscriptions, browser.Subscription(endpoint));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.DoesNotContain("Agus", await taken.Content.ReadAsStringAsync());
        var removed = await dewi.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Subscriptions) { Content = JsonContent.Create(new { endpoint }) });
        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
        Assert.Equal("application/problem+json", removed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await SubscriptionCount(app, endpoint));

        // Agus turns push off: gone, and a notice for him then pushes nothing to it.
        var off = await agus.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Subscriptions) { Content = JsonContent.Create(new { endpoint }) });
        Assert.Equal(HttpStatusCode.NoContent, off.StatusCode);
        Assert.Equal(0, await SubscriptionCount(app, endpoint));
    }

    [Fact]
    public async Task Should_refuse_bad_subscriptions_with_reasons_in_Indonesian()
    {
        await using var app = App();
        using var browser = new PushReceiver();
        var agus = await app.ApiAs(Agus);
        var good = PushReceiver.Base64Url(browser.PublicKey);
        var auth = PushReceiver.Base64Url(browser.AuthSecret);
        var offCurve = new byte[65];
        offCurve[0] = 4;
        offCurve[64] = 1;

        async Task<string> Refused(object body, string reason)
        {
            var response = await agus.PostAsJsonAsync(Subscriptions, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Langganan push tidak dapat disimpan.", problem.GetProperty("title").GetString());
            Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetString() == reason);
            return problem.GetProperty("detail").GetString()!;
        }

        const string endpoint = "https://fcm.googleapis.com/fcm/send/abc123";
        await Refused(new { endpoint, keys = new { p256dh = good[..^4], auth } }, "Kunci p256dh harus berupa titik P-256 tak terkompresi (65 bita) dalam base64url.");
        await Refused(new { endpoint, keys = new { p256dh = PushReceiver.Base64Url(offCurve), auth } }, "Kunci p256dh harus berupa titik P-256 tak terkompresi (65 bita) dalam base64url.");
        await Refused(new { endpoint, keys = new { p256dh = good, auth = PushReceiver.Base64Url(new byte[8]) } }, "Kunci auth harus berupa rahasia 16 bita dalam base64url.");
        await Refused(new { endpoint, keys = new { p256dh = good, auth = "bukan base64!" } }, "Kunci auth harus berupa rahasia 16 bita dalam base64url.");
        await Refused(new { endpoint = "http://push.example.com/send/abc", keys = new { p256dh = good, auth } }, "Endpoint harus memakai https.");
        await Refused(new { endpoint = "https://10.0.0.5/send/abc", keys = new { p256dh = good, auth } }, "Endpoint tidak boleh menunjuk ke server ini atau jaringan lokal.");
        await Refused(new { endpoint = "bukan alamat", keys = new { p256dh = good, auth } }, "Endpoint bukan alamat URL lengkap yang sah (paling banyak 1000 karakter).");
        await Refused(new { keys = new { p256dh = good, auth } }, "Alamat endpoint langganan push wajib diisi.");

        var broken = await agus.PostAsync(Subscriptions, new StringContent("{\"endpoint\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("bukan JSON langganan push yang sah", await broken.Content.ReadAsStringAsync());
        await app.WithScope(async sp => Assert.Equal(0, await sp.GetRequiredService<LearningDbContext>().Set<WebPushSubscription>().CountAsync()));

        // The same https endpoint with good keys is kept.
        await Json(await agus.PostAsJsonAsync(Subscriptions, new { endpoint, keys = new { p256dh = good, auth } }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Should_refuse_a_loopback_endpoint_unless_the_setting_allows_it()
    {
        await using var app = new LearningApp(settings: new Dictionary<string, string?> { ["Jobs:outbox-dispatch:Schedule"] = "0 0 0 1 1 ? 2099" });
        using var browser = new PushReceiver();
        var agus = await app.ApiAs(Agus);
        var response = await agus.PostAsJsonAsync(Subscriptions, browser.Subscription("http://127.0.0.1:9/push/x"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Endpoint tidak boleh menunjuk ke server ini atau jaringan lokal.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_push_nothing_to_a_person_whose_login_was_deactivated()
    {
        await using var service = await PushService.Start();
        await using var app = App();
        using var browser = new PushReceiver();
        var agus = await app.ApiAs(Agus);
        await Json(await agus.PostAsJsonAsync(Subscriptions, browser.Subscription(service.NewEndpoint())), HttpStatusCode.Created);

        // Assigned, then deactivated before the outbox ran: the queued push is not sent.
        await AssignToAgus(app);
        var admin = await app.ApiAs("admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/users/{Agus}/deactivate", null)).StatusCode);
        await Send(app);
        Assert.Empty(service.Requests);

        // A reminder raised for him afterwards stays in the app and queues no push at all.
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var employeeId = (await db.Set<Learning.Accounts.Contracts.LearningUser>().SingleAsync(u => u.UserName == Agus)).EmployeeId!.Value;
            Assert.True(await sp.GetRequiredService<Learning.Notifications.Contracts.INotifier>().NotifyEmployee(employeeId,
                new Learning.Notifications.Contracts.Notice("left-test", "Certification.Notice.ReassessmentDue", [CourseTitle, "2027-01-31"], "/",
                    Learning.Notifications.Contracts.NoticeKind.Reminders), CancellationToken.None));
            await db.SaveChangesAsync();
        });
        await Send(app);
        Assert.Empty(service.Requests);
        await app.WithScope(async sp => Assert.Equal(1, await sp.GetRequiredService<LearningDbContext>().OutboxMessages
            .CountAsync(m => m.Type == typeof(WebPushMessage).FullName)));
    }

    [Fact]
    public async Task Should_push_reminders_a_job_raises_in_bulk_in_the_language_each_person_chose()
    {
        await using var service = await PushService.Start();
        await using var app = App();
        using var agusPhone = new PushReceiver();
        using var dewiPhone = new PushReceiver();
        await Json(await (await app.ApiAs(Agus)).PostAsJsonAsync(Subscriptions, agusPhone.Subscription(service.NewEndpoint())), HttpStatusCode.Created);
        await Json(await (await app.ApiAs(Dewi)).PostAsJsonAsync(Subscriptions, dewiPhone.Subscription(service.NewEndpoint())), HttpStatusCode.Created);
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            (await db.Set<Learning.Accounts.Contracts.LearningUser>().SingleAsync(u => u.UserName == Dewi)).Language = "en";
            await db.SaveChangesAsync();
        });

        // As the reassessment sweep notifies many at once (the batch path of the notifier).
        await app.WithScope(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var people = await db.Set<Learning.Accounts.Contracts.LearningUser>().Where(u => u.UserName == Agus || u.UserName == Dewi)
                .Select(u => u.EmployeeId!.Value).ToListAsync();
            var notices = people.Select(id => (id, new Learning.Notifications.Contracts.Notice($"sweep:{id}", "Certification.Notice.ReassessmentDue",
                [CourseTitle, "2027-01-31"], "/certificates", Learning.Notifications.Contracts.NoticeKind.Reminders))).ToList();
            Assert.Equal(2, await sp.GetRequiredService<Learning.Notifications.Contracts.INotifier>().NotifyEmployees(notices, CancellationToken.None));
            await db.SaveChangesAsync();
        });
        Assert.Equal(2, await Send(app));

        string Title(PushReceiver phone) => service.Requests.Select(r =>
        {
            try { return JsonDocument.Parse(phone.Decrypt(r.Body)).RootElement.GetProperty("title").GetString(); }
            catch (CryptographicException) { return null; } // the other phone's message
        }).Single(t => t is not null)!;
        Assert.Equal($"Asesmen ulang dibuka: {CourseTitle}", Title(agusPhone));
        Assert.Equal($"Reassessment open: {CourseTitle}", Title(dewiPhone)); // she chose English
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Should_keep_one_key_pair_per_tenant_when_two_nodes_make_it_at_once(Db db)
    {
        await using var nodeA = App(db);
        var made = await PublicKey(await nodeA.ApiAs(Agus)); // made on start, kept in the database
        await using var nodeB = new LearningApp(db, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Learning"] = nodeA.ConnectionString ?? $"Data Source={Path.Combine(nodeA.DataRoot, "learning.db")}",
        });
        Assert.Equal(made, await PublicKey(await nodeB.ApiAs(Agus))); // a second node (or a restart) uses the same pair

        // Gone (a new database's first start): several nodes ask at once, each with nothing in memory; one pair is kept for all.
        await nodeA.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<VapidKeys>().ExecuteDeleteAsync());
        var keys = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? nodeA : nodeB).WithScope(sp =>
            ActivatorUtilities.CreateInstance<VapidKeyStore>(sp, new VapidKeyCache()).Get(CancellationToken.None))));
        Assert.Single(keys.Select(k => k.PublicKey).Distinct());
        var stored = await nodeA.WithScope(sp => sp.GetRequiredService<LearningDbContext>().Set<VapidKeys>().AsNoTracking().ToListAsync());
        Assert.Equal(keys[0].PublicKey, Assert.Single(stored).PublicKey);
        Assert.NotEqual(made, keys[0].PublicKey);

        // The private key never reaches a browser: the key route gives the public one only.
        var answer = await (await nodeA.ApiAs(Agus)).GetStringAsync("/api/v1/push/key");
        Assert.DoesNotContain(stored[0].PrivateKey, answer);
    }

    /// <summary>The JWT's claims once its ES256 signature verifies with the application server key (an uncompressed P-256 point).</summary>
    private static JsonElement VerifiedClaims(string jwt, string publicKey)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonDocument.Parse(PushReceiver.FromBase64Url(parts[0])).RootElement;
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        var point = PushReceiver.FromBase64Url(publicKey);
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..65] },
        });
        var signature = PushReceiver.FromBase64Url(parts[2]);
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation), "the VAPID token verifies with the key from /api/v1/push/key");
        return JsonDocument.Parse(PushReceiver.FromBase64Url(parts[1])).RootElement.Clone();
    }
}
