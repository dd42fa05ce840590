using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Learning.Web.Tests.Infrastructure;

/// <summary>
/// A push service on a loopback port (Kestrel), as the browser vendors run one: it takes POSTs at subscription endpoints
/// (<c>/push/{id}</c>), keeps each request's headers and body, and answers 201 Created, or whatever status the test sets.
/// </summary>
public sealed class PushService : IAsyncDisposable
{
    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : "";
    }

    private readonly WebApplication _app;
    private readonly List<Received> _received = [];

    /// <summary>What the next POSTs are answered (201 as a push service that accepted the message).</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.Created;

    private PushService(WebApplication app) => _app = app;

    public static async Task<PushService> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new PushService(app);
        app.MapPost("/push/{id}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            lock (service._received) service._received.Add(new Received(http.Request.Path, headers, body.ToArray()));
            return Results.StatusCode((int)service.Answer);
        });
        await app.StartAsync();
        return service;
    }

    /// <summary>The service's origin, e.g. http://127.0.0.1:41234 (the "aud" of a VAPID token for it).</summary>
    public string Origin => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    /// <summary>A fresh subscription endpoint, as a push service gives a browser.</summary>
    public string NewEndpoint() => $"{Origin}/push/{Guid.NewGuid():N}";

    public IReadOnlyList<Received> Requests { get { lock (_received) return _received.ToList(); } }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// The browser's side of a push subscription: a P-256 key pair and a 16-byte auth secret made as a browser makes them, and the
/// decryption of what arrives (RFC 8291 on RFC 8188 aes128gcm), written from the RFCs with System.Security.Cryptography only.
/// </summary>
public sealed class PushReceiver : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public byte[] PublicKey { get; }
    public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);

    public PushReceiver()
    {
        var q = _key.ExportParameters(false).Q;
        PublicKey = [0x04, .. q.X!, .. q.Y!];
    }

    /// <summary>The JSON a browser's PushSubscription.toJSON() gives for this receiver at <paramref name="endpoint"/>.</summary>
    public object Subscription(string endpoint) => new
    {
        endpoint,
        expirationTime = (object?)null,
        keys = new { p256dh = Base64Url(PublicKey), auth = Base64Url(AuthSecret) },
    };

    public static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static byte[] FromBase64Url(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    /// <summary>The plaintext of an aes128gcm body sent to this receiver; throws when it does not authenticate.</summary>
    public string Decrypt(byte[] body)
    {
        // RFC 8188 header: salt (16) | record size (4, big-endian) | key id length (1) | key id (the sender's ephemeral public key).
        var salt = body[..16];
        var recordSize = (body[16] << 24) | (body[17] << 16) | (body[18] << 8) | body[19];
        var idLength = body[20];
        var senderKey = body[21..(21 + idLength)];
        var records = body[(21 + idLength)..];
        Assert.Equal(65, idLength);
        Assert.True(records.Length <= recordSize, "one record");

        // RFC 8291 section 3.4: the shared secret mixed with the auth secret and both public keys gives the input key material.
        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderKey[1..33], Y = senderKey[33..65] },
        });
        var shared = _key.DeriveRawSecretAgreement(sender.PublicKey);
        byte[] keyInfo = [.. Encoding.ASCII.GetBytes("WebPush: info"), 0, .. PublicKey, .. senderKey];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, AuthSecret, keyInfo);

        // RFC 8188 section 2.2 and 2.3: content-encryption key and nonce from the salt.
        var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, [.. Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm"), 0]);
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, [.. Encoding.ASCII.GetBytes("Content-Encoding: nonce"), 0]);

        // The only record is number 0, so the nonce is used as it is; the last 16 bytes are the GCM tag.
        var cipher = records[..^16];
        var plain = new byte[cipher.Length];
        using (var gcm = new AesGcm(cek, 16)) gcm.Decrypt(nonce, cipher, records[^16..], plain);

        // The last record ends with the delimiter 0x02, then zero padding.
        var end = plain.Length - 1;
        while (end >= 0 && plain[end] == 0) end--;
        Assert.True(end >= 0 && plain[end] == 2, "the last record's padding delimiter");
        return Encoding.UTF8.GetString(plain, 0, end);
    }

    public void Dispose() => _key.Dispose();
}
