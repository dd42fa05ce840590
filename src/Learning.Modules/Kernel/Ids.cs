using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Learning.Kernel;

/// <summary>
/// New row identifiers: version-7 GUIDs (RFC 9562: the time in milliseconds, then random bits), as <see cref="Guid.CreateVersion7()"/>
/// makes them, with the random bits taken from a per-thread buffer filled a few kilobytes at a time.
/// </summary>
/// <remarks>
/// Entities give themselves an id in their field initialiser, which also runs each time EF Core materialises a row (it
/// overwrites the id at once). <see cref="Guid.CreateVersion7()"/> asks the kernel for 16 random bytes each time (one
/// system call): 4.3% of the home page's sampled time went there (bench/README.md, "Home and memory, seventh round").
/// The bytes are as random as before (the operating system's secure generator), only fetched in bulk.
/// </remarks>
public static class Ids
{
    private const int RandomBytes = 10; // after the 6 bytes of time
    private const int BufferSize = 4096 / RandomBytes * RandomBytes;

    [ThreadStatic] private static byte[]? _random;
    [ThreadStatic] private static int _next;

    public static Guid New()
    {
        var random = _random ??= new byte[BufferSize];
        if (_next == 0) RandomNumberGenerator.Fill(random);
        Span<byte> bytes = stackalloc byte[16];
        // 48 bits of Unix time in milliseconds, big-endian, then the random bits.
        BinaryPrimitives.WriteInt64BigEndian(bytes, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 16);
        random.AsSpan(_next, RandomBytes).CopyTo(bytes[6..]);
        _next = (_next + RandomBytes) % BufferSize;
        bytes[6] = (byte)(bytes[6] & 0x0F | 0x70); // version 7
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
