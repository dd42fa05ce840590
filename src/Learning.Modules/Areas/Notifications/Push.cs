using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Learning.Accounts.Contracts;
using Learning.Kernel;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Learning.Notifications;

/// <summary>
/// One browser's push subscription (the PushSubscription a service worker got from its push service): where to send, and the
/// browser's P-256 public key and auth secret the message is encrypted to. One row per endpoint in a tenant, owned by one person.
/// </summary>
public sealed class WebPushSubscription
{
    public const int EndpointLength = 1000;

    public Guid Id { get; private set; } = Ids.New();
    public Guid UserId { get; private set; }
    public string Endpoint { get; private set; } = "";
    /// <summary>The browser's ECDH public key (uncompressed P-256 point, 65 bytes), base64url.</summary>
    public string P256dh { get; private set; } = "";
    /// <summary>The browser's 16-byte auth secret, base64url.</summary>
    public string Auth { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    private WebPushSubscription() { }

    public WebPushSubscription(Guid userId, string endpoint, string p256dh, string auth, DateTime createdAt)
    {
        UserId = userId;
        Endpoint = endpoint;
        P256dh = p256dh;
        Auth = auth;
        CreatedAt = createdAt;
    }

    /// <summary>The same browser subscribing again: its keys may be new (it unsubscribed and subscribed again at the same endpoint).</summary>
    public bool Renew(string p256dh, string auth)
    {
        if (P256dh == p256dh && Auth == auth) return false;
        P256dh = p256dh;
        Auth = auth;
        return true;
    }
}

/// <summary>
/// The tenant's VAPID key pair (RFC 8292): the application server key browsers subscribe with and the private key that signs the
/// JWT each push carries. Per tenant, because a subscription is bound to the key it was made with: a city's subscriptions stay
/// with the city's key (row security keeps the private key to its tenant, and a city that leaves the platform takes working
/// subscriptions with it). One row per tenant — the fixed <see cref="Name"/> with the tenant is the key, so two nodes starting at
/// once cannot both keep a pair: the second insert fails and that node reads the winner's.
/// </summary>
public sealed class VapidKeys
{
    public const string CurrentName = "vapid";

    public string Name { get; private set; } = CurrentName;
    /// <summary>Uncompressed P-256 point (65 bytes), base64url: the applicationServerKey.</summary>
    public string PublicKey { get; private set; } = "";
    /// <summary>The private scalar d (32 bytes), base64url. Never leaves the server.</summary>
    public string PrivateKey { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    private VapidKeys() { }

    public static VapidKeys Create(DateTime now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        return new VapidKeys
        {
            PublicKey = Base64Url.Encode([0x04, .. p.Q.X!, .. p.Q.Y!]),
            PrivateKey = Base64Url.Encode(p.D!),
            CreatedAt = now,
        };
    }
}

internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>Base64url as browsers give it (no padding), tolerating padding and the standard alphabet; null when it is not base64.</summary>
    public static byte[]? TryDecode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim().TrimEnd('=').Replace('+', '-').Replace('/', '_');
        try { return System.Buffers.Text.Base64Url.DecodeFromChars(s); }
        catch (FormatException) { return null; }
    }
}

/// <summary>Reads the tenant's key pair, making it on first need; kept in memory per tenant once read (it never changes).</summary>
public sealed class VapidKeyStore(LearningDbContext db, TimeProvider clock, VapidKeyCache cache)
{
    public async Task<VapidKeys> Get(CancellationToken ct)
    {
        if (cache.Keys.TryGetValue(db.TenantKey, out var known)) return known;
        var keys = await db.Retrying(async c =>
        {
            var row = await db.Set<VapidKeys>().AsNoTracking().FirstOrDefaultAsync(k => k.Name == VapidKeys.CurrentName, c);
            if (row is not null) return row;
            row = VapidKeys.Create(clock.GetUtcNow().UtcDateTime);
            db.Add(row);
            // A node that starts at the same moment loses here on the key, and Retrying reads the winner's pair.
            await db.SaveChangesAsync(c);
            db.Entry(row).State = EntityState.Detached;
            return row;
        }, ct);
        return cache.Keys.GetOrAdd(db.TenantKey, keys);
    }
}

public sealed class VapidKeyCache
{
    public ConcurrentDictionary<string, VapidKeys> Keys { get; } = new(StringComparer.Ordinal);
}

/// <summary>Makes every tenant's key pair once the server listens, so the first subscriber does not wait for it.</summary>
internal sealed class CreateVapidKeysOnStart(IServiceProvider services, ILogger<CreateVapidKeysOnStart> log) : IHostedLifecycleService
{
    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken ct)
    {
        foreach (var tenant in services.GetService<ITenantDirectory>()?.All ?? [Tenancy.CurrentOrDefault(services)])
        {
            using var _ = Tenancy.Use(tenant);
            await using var scope = services.CreateAsyncScope();
            try { await scope.ServiceProvider.GetRequiredService<VapidKeyStore>().Get(ct); }
            // Not fatal: the first subscription or push makes it instead.
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "VAPID keys of {Tenant} not made on start", tenant.Key); }
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>What a browser's PushSubscription.toJSON() gives: {endpoint, keys: {p256dh, auth}} (expirationTime is ignored).</summary>
public sealed record PushSubscriptionBody(string? Endpoint, PushSubscriptionKeys? Keys);

public sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

/// <summary>The checks a subscription passes before it is kept; each failure a text key for the reason.</summary>
internal static class PushSubscriptionRules
{
    /// <summary>Push:AllowLoopbackHttp: an endpoint on this machine over http (development and the tests' own push service).</summary>
    public static bool AllowsLoopback(IConfiguration configuration) => configuration.GetValue("Push:AllowLoopbackHttp", false);

    public static List<string> Check(PushSubscriptionBody body, bool allowLoopback)
    {
        var errors = new List<string>();
        var endpoint = body.Endpoint?.Trim();
        if (string.IsNullOrEmpty(endpoint)) errors.Add("Notifications.Push.Error.NoEndpoint");
        else if (endpoint.Length > WebPushSubscription.EndpointLength || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
                 || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
            errors.Add("Notifications.Push.Error.BadEndpoint");
        else if (uri.IsLoopback || IsPrivateAddress(uri))
        {
            // Our server posts to it: never to this machine or the local network, unless the setting allows loopback.
            if (!allowLoopback || !uri.IsLoopback || uri.Scheme is not ("http" or "https")) errors.Add("Notifications.Push.Error.LocalEndpoint");
        }
        else if (uri.Scheme != "https") errors.Add("Notifications.Push.Error.NotHttps");

        var p256dh = Base64Url.TryDecode(body.Keys?.P256dh);
        if (p256dh is not { Length: 65 } || p256dh[0] != 0x04 || !OnCurve(p256dh)) errors.Add("Notifications.Push.Error.BadP256dh");
        if (Base64Url.TryDecode(body.Keys?.Auth) is not { Length: 16 }) errors.Add("Notifications.Push.Error.BadAuth");
        return errors;
    }

    private static bool IsPrivateAddress(Uri uri)
    {
        if (uri.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6) || !IPAddress.TryParse(uri.DnsSafeHost, out var ip)) return false;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        var b = ip.GetAddressBytes();
        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? b[0] is 10 or 127 or 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
            : ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal || IPAddress.IsLoopback(ip);
    }

    /// <summary>A point that is not on P-256 could never be encrypted to; the runtime checks it on import.</summary>
    private static bool OnCurve(byte[] point)
    {
        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..65] },
            });
            return true;
        }
        catch (CryptographicException) { return false; }
    }
}

/// <summary>Adds, renews and removes the caller's own subscriptions.</summary>
public sealed class PushSubscriptions(LearningDbContext db, TimeProvider clock)
{
    /// <summary>A person's browsers; past it the oldest subscription goes (a phone replaced long ago).</summary>
    public const int MaxPerPerson = 10;

    public enum Outcome { Added, Unchanged, Renewed, OwnedByAnother }

    public Task<Outcome> Subscribe(Guid userId, string endpoint, string p256dh, string auth, CancellationToken ct) => db.Retrying(async c =>
    {
        var existing = await db.Set<WebPushSubscription>().FirstOrDefaultAsync(s => s.Endpoint == endpoint, c);
        if (existing is not null)
        {
            if (existing.UserId != userId) return Outcome.OwnedByAnother;
            var renewed = existing.Renew(p256dh, auth);
            await db.SaveChangesAsync(c);
            return renewed ? Outcome.Renewed : Outcome.Unchanged;
        }
        db.Add(new WebPushSubscription(userId, endpoint, p256dh, auth, clock.GetUtcNow().UtcDateTime));
        var mine = await db.Set<WebPushSubscription>().Where(s => s.UserId == userId).OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Skip(MaxPerPerson - 1).ToListAsync(c);
        db.RemoveRange(mine);
        // Two requests with one endpoint at once: the unique index stops the second, and Retrying finds the first's row.
        await db.SaveChangesAsync(c);
        return Outcome.Added;
    }, ct);

    /// <summary>Removes the caller's subscription at that endpoint; false when they have none there (another's is never touched).</summary>
    public async Task<bool> Unsubscribe(Guid userId, string endpoint, CancellationToken ct) =>
        await db.Set<WebPushSubscription>().Where(s => s.UserId == userId && s.Endpoint == endpoint).ExecuteDeleteAsync(ct) > 0;
}

/// <summary>
/// A push waiting in the outbox for one subscription, written in the person's language. <paramref name="Url"/>: the page the
/// notice points at (absolute when the tenant's address is known). Sent as the JSON payload {title, body, url}.
/// </summary>
public sealed record WebPushMessage(Guid SubscriptionId, string Title, string Body, string Url);

/// <summary>
/// Sends one queued push with the tenant's VAPID key (Authorization: vapid t=…, k=…; aes128gcm). The push service answering 404 or
/// 410 means the browser dropped the subscription: it is deleted and the message is done. Any other failure throws, and the outbox
/// tries again later by its rules. A person whose login was deactivated since gets nothing.
/// </summary>
internal sealed class SendPush(LearningDbContext db, VapidKeyStore keys, IHttpMessageHandlerFactory http, IConfiguration configuration, Emails emails,
    ILogger<SendPush> log) : IOutboxHandler<WebPushMessage>
{
    public const string HttpClientName = "WebPush";
    /// <summary>How long a push service keeps a message for a phone that is off: a notice older than that is in the inbox anyway.</summary>
    public static readonly int TimeToLiveSeconds = (int)TimeSpan.FromDays(3).TotalSeconds;

    public async Task Handle(WebPushMessage message, CancellationToken ct)
    {
        var subscription = await db.Set<WebPushSubscription>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == message.SubscriptionId, ct);
        if (subscription is null) return; // turned off since it was queued
        if (!await db.Set<LearningUser>().AnyAsync(u => u.Id == subscription.UserId && u.DeactivatedAt == null, ct)) return;

        var pair = await keys.Get(ct);
        using var vapid = new VapidAuthentication(pair.PublicKey, pair.PrivateKey) { Subject = Subject() };
        var target = new PushSubscription { Endpoint = subscription.Endpoint };
        target.SetKey(PushEncryptionKeyName.P256DH, subscription.P256dh);
        target.SetKey(PushEncryptionKeyName.Auth, subscription.Auth);
        var payload = JsonSerializer.Serialize(new { title = message.Title, body = message.Body, url = message.Url });
        // The factory's pooled handler is shared and outlives this client, so the client must not dispose it.
        using var httpClient = new HttpClient(new OriginAudience(vapid) { InnerHandler = http.CreateHandler(HttpClientName) }, disposeHandler: false)
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var client = new PushServiceClient(httpClient) { AutoRetryAfter = false };
        try
        {
            await client.RequestPushMessageDeliveryAsync(target, new PushMessage(payload) { TimeToLive = TimeToLiveSeconds, Urgency = PushMessageUrgency.Normal },
                vapid, VapidAuthenticationScheme.Vapid, ct);
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            // The browser unsubscribed or the subscription expired: it will never take a message again.
            await db.Set<WebPushSubscription>().Where(s => s.Id == subscription.Id).ExecuteDeleteAsync(ct);
            log.LogInformation("Push subscription {Id} gone ({Status}): deleted", subscription.Id, (int)e.StatusCode);
        }
    }

    /// <summary>Who runs this server, for the push service to reach (RFC 8292 "sub"): Push:Subject, else the tenant's or platform's mail sender, else its address.</summary>
    private string Subject()
    {
        if (configuration["Push:Subject"] is { Length: > 0 } subject) return subject;
        if ((NoticeText.NullIfEmpty(db.Tenant.MailFrom) ?? NoticeText.NullIfEmpty(configuration["Smtp:From"])) is { } mail) return "mailto:" + mail;
        return emails.Site(db.Tenant) is { Length: > 0 } site && site.StartsWith("https://", StringComparison.Ordinal) ? site : "mailto:learning@localhost";
    }
}

/// <summary>
/// Signs the VAPID token for the endpoint's origin, port included, as RFC 8292 asks ("aud" is the origin of the push resource):
/// Lib.Net.Http.WebPush 3.3.1 writes scheme://host only, which a push service on a port other than 443 rejects.
/// </summary>
internal sealed class OriginAudience(VapidAuthentication vapid) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.RequestUri is { } uri)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("vapid",
                vapid.GetVapidSchemeAuthenticationHeaderValueParameter(uri.GetLeftPart(UriPartial.Authority)));
        return base.SendAsync(request, ct);
    }
}
