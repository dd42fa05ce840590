using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Learning.Classes;

/// <summary>How a typed check-in code compares with the session's codes.</summary>
public enum CodeMatch { Valid, Expired, Wrong }

/// <summary>
/// A session's rotating check-in codes: HMAC-SHA256 of the minute number (Unix minutes) under the session's secret, cut to
/// six characters of an alphabet without look-alikes (no 0/O, 1/I/L). A code is accepted in its own minute and the next, so
/// one read off the screen at :59 still works; an older code of the same session is "expired", anything else "wrong".
/// Nothing is stored per code: the server derives them again.
/// </summary>
public static class CheckInCodes
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 6;
    /// <summary>How far back an old code is still recognised as this session's (and so called expired rather than wrong).</summary>
    public const int ExpiredLookBackMinutes = 12 * 60;

    public static long MinuteOf(DateTimeOffset at) => (long)Math.Floor(at.ToUnixTimeMilliseconds() / 60_000d);

    public static DateTimeOffset StartOf(long minute) => DateTimeOffset.FromUnixTimeMilliseconds(minute * 60_000);

    public static string For(byte[] secret, long minute)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, minute);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(secret, message, mac);
        var value = BinaryPrimitives.ReadUInt64BigEndian(mac);
        var code = new StringBuilder(Length);
        for (var i = 0; i < Length; i++)
        {
            code.Append(Alphabet[(int)(value % (ulong)Alphabet.Length)]);
            value /= (ulong)Alphabet.Length;
        }
        return code.ToString();
    }

    /// <summary>What a person typed, as the codes are written: capitals, no spaces or dashes.</summary>
    public static string Normalise(string? typed) =>
        new((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    /// <param name="since">The earliest instant a code of this session could have been shown (check-in opening).</param>
    public static CodeMatch Check(byte[] secret, string typed, DateTimeOffset now, DateTimeOffset since)
    {
        var code = Normalise(typed);
        if (code.Length != Length) return CodeMatch.Wrong;
        var minute = MinuteOf(now);
        if (Same(For(secret, minute), code) || Same(For(secret, minute - 1), code)) return CodeMatch.Valid;
        var first = Math.Max(MinuteOf(since), minute - ExpiredLookBackMinutes);
        for (var m = minute - 2; m >= first; m--)
            if (Same(For(secret, m), code)) return CodeMatch.Expired;
        return CodeMatch.Wrong;
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
