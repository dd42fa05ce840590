using System.Buffers.Binary;
using System.Collections.Concurrent;
using Learning.Kernel;

namespace Learning.Modules.Tests.Kernel;

public class IdsTests
{
    [Fact]
    public void New_ids_are_version_7_with_the_time_they_were_made_and_never_repeat()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = new ConcurrentBag<Guid>();
        // More than one buffer's worth on each of several threads, so refilling and the per-thread buffers are both crossed.
        Parallel.For(0, 4, _ => { for (var i = 0; i < 2_000; i++) ids.Add(Ids.New()); });
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(8_000, ids.Distinct().Count());
        Span<byte> bytes = stackalloc byte[16];
        foreach (var id in ids)
        {
            Assert.Equal(7, id.Version);
            Assert.Equal(0b10, id.Variant >> 2); // RFC 9562 variant
            id.TryWriteBytes(bytes, bigEndian: true, out _);
            var millis = BinaryPrimitives.ReadInt64BigEndian(bytes) >> 16;
            Assert.InRange(millis, before, after);
        }
    }

    [Fact]
    public void Ids_made_later_sort_after_earlier_ones_as_the_database_stores_them()
    {
        var first = Ids.New();
        Thread.Sleep(5);
        var second = Ids.New();
        Assert.True(string.CompareOrdinal(first.ToString().ToUpperInvariant(), second.ToString().ToUpperInvariant()) < 0);
        Assert.True(first.CompareTo(second) < 0);
    }
}
