using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Learning.Media;
using Learning.Media.Contracts;

namespace Learning.Modules.Tests.Media;

/// <summary>What every IBlobStore promises, run against each provider for real.</summary>
public abstract class BlobStoreContractTests : IAsyncLifetime
{
    protected abstract IBlobStore Store { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;
    public abstract Task DisposeAsync();

    private static MemoryStream Bytes(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    private static async Task<byte[]> ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Should_round_trip_content_and_content_type()
    {
        await Store.Put("media/abc/diagram.png", Bytes("gambar"), "image/png");

        var got = await Store.Get("media/abc/diagram.png");
        Assert.NotNull(got);
        await using (got.Value.Content)
        {
            Assert.Equal("gambar", System.Text.Encoding.UTF8.GetString(await ReadAll(got.Value.Content)));
            Assert.Equal("image/png", got.Value.Info.ContentType);
            Assert.Equal(6, got.Value.Info.Length);
            Assert.Equal("media/abc/diagram.png", got.Value.Info.Name);
            Assert.False(string.IsNullOrEmpty(got.Value.Info.ETag));
        }
    }

    [Fact]
    public async Task Should_overwrite_content_type_and_etag()
    {
        await Store.Put("docs/panduan.pdf", Bytes("versi satu"), "application/pdf");
        var first = await Store.Info("docs/panduan.pdf");

        await Store.Put("docs/panduan.pdf", Bytes("versi dua, lebih panjang"), "text/plain");

        var got = await Store.Get("docs/panduan.pdf");
        Assert.NotNull(got);
        await using (got.Value.Content)
        {
            Assert.Equal("versi dua, lebih panjang", System.Text.Encoding.UTF8.GetString(await ReadAll(got.Value.Content)));
            Assert.Equal("text/plain", got.Value.Info.ContentType);
            Assert.NotEqual(first!.ETag, got.Value.Info.ETag);
        }
    }

    [Fact]
    public async Task Should_describe_a_blob_without_reading_it()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        await Store.Put("media/info.mp4", new MemoryStream(new byte[1234]), "video/mp4");

        var info = await Store.Info("media/info.mp4");

        Assert.NotNull(info);
        Assert.Equal(("media/info.mp4", 1234L, "video/mp4"), (info.Name, info.Length, info.ContentType));
        Assert.InRange(info.LastModified, before, DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.False(string.IsNullOrEmpty(info.ETag));
    }

    [Fact]
    public async Task Should_delete_and_say_whether_there_was_anything()
    {
        await Store.Put("media/hapus.txt", Bytes("x"), "text/plain");

        Assert.True(await Store.Delete("media/hapus.txt"));
        Assert.Null(await Store.Info("media/hapus.txt"));
        Assert.Null(await Store.Get("media/hapus.txt"));
        Assert.False(await Store.Delete("media/hapus.txt"));
    }

    [Fact]
    public async Task Should_list_by_prefix_in_name_order()
    {
        Assert.Empty(await Store.List("").ToListAsync());
        foreach (var name in new[] { "media/b.png", "media/a/c.png", "mediax/d.png", "other/e.png", "media/a.png" })
            await Store.Put(name, Bytes(name), "image/png");

        var media = await Store.List("media/").Select(b => b.Name).ToListAsync();
        var all = await Store.List("").ToListAsync();
        var partial = await Store.List("media/a").Select(b => b.Name).ToListAsync();

        Assert.Equal(["media/a.png", "media/a/c.png", "media/b.png"], media);
        Assert.Equal(5, all.Count);
        Assert.All(all, b => Assert.Equal("image/png", b.ContentType));
        Assert.Equal(["media/a.png", "media/a/c.png"], partial);
        Assert.Empty(await Store.List("nothing/").ToListAsync());
    }

    [Fact]
    public async Task Should_answer_null_for_a_missing_blob()
    {
        Assert.Null(await Store.Get("media/tidak-ada.png"));
        Assert.Null(await Store.Info("media/tidak-ada.png"));
        Assert.Null(await Store.Get("tidak/ada/sama/sekali.png"));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("media/../../etc/passwd")]
    [InlineData("/abs")]
    [InlineData("/etc/passwd")]
    [InlineData("media\\x.png")]
    [InlineData("..\\x")]
    [InlineData("Media/X.png")]
    [InlineData("media//x.png")]
    [InlineData("media/x.png/")]
    [InlineData("media/./x.png")]
    [InlineData("")]
    [InlineData("media/x y.png")]
    [InlineData("media/x%2e.png")]
    [InlineData("media/x#type")]
    [InlineData("c:/windows")]
    public async Task Should_reject_invalid_names(string name)
    {
        Assert.False(BlobNames.IsValid(name));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Put(name, Bytes("x"), "text/plain"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Get(name));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Info(name));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Delete(name));
        Assert.Empty(await Store.List("").ToListAsync());
    }

    [Fact]
    public async Task Should_round_trip_a_5_mb_blob()
    {
        var content = RandomNumberGenerator.GetBytes(5 * 1024 * 1024 + 17);
        await Store.Put("media/video/besar.mp4", new MemoryStream(content), "video/mp4");

        var got = await Store.Get("media/video/besar.mp4");
        Assert.NotNull(got);
        await using (got.Value.Content)
        {
            Assert.Equal(content.Length, got.Value.Info.Length);
            Assert.Equal(SHA256.HashData(content), SHA256.HashData(await ReadAll(got.Value.Content)));
        }
    }

    [Fact]
    public async Task Should_read_ranges_by_seeking()
    {
        var content = RandomNumberGenerator.GetBytes(5 * 1024 * 1024);
        await Store.Put("media/video/seek.mp4", new MemoryStream(content), "video/mp4");

        var got = await Store.Get("media/video/seek.mp4");
        Assert.NotNull(got);
        await using var stream = got.Value.Content;
        Assert.True(stream.CanSeek);
        Assert.Equal(content.Length, stream.Length);

        foreach (var (offset, count) in new[] { (4_500_000L, 700_000), (10L, 100), (content.Length - 5L, 5) })
        {
            stream.Seek(offset, SeekOrigin.Begin);
            var buffer = new byte[count];
            await stream.ReadExactlyAsync(buffer);
            Assert.Equal(content.AsSpan((int)offset, count).ToArray(), buffer);
        }
        Assert.Equal(0, await stream.ReadAsync(new byte[10]));
    }

    [Fact]
    public async Task Should_never_show_half_a_blob_when_a_write_fails()
    {
        await Store.Put("media/atomic.bin", Bytes("lama"), "application/octet-stream");

        await Assert.ThrowsAnyAsync<Exception>(() => Store.Put("media/atomic.bin", new FailingStream(100_000), "application/octet-stream"));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.Put("media/new.bin", new FailingStream(100_000), "application/octet-stream"));

        var got = await Store.Get("media/atomic.bin");
        Assert.NotNull(got);
        await using (got.Value.Content)
            Assert.Equal("lama", System.Text.Encoding.UTF8.GetString(await ReadAll(got.Value.Content)));
        Assert.Null(await Store.Info("media/new.bin"));
        Assert.Equal(["media/atomic.bin"], await Store.List("").Select(b => b.Name).ToListAsync());
    }

    [Fact]
    public async Task Should_answer_ping()
    {
        await Store.Ping();
    }

    /// <summary>Gives some bytes, then fails like a dropped upload.</summary>
    private sealed class FailingStream(int failAfter) : Stream
    {
        private int _given;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _given; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_given >= failAfter) throw new IOException("Connection dropped.");
            var n = Math.Min(count, failAfter - _given);
            Array.Fill(buffer, (byte)'x', offset, n);
            _given += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class FileSystemBlobStoreTests : BlobStoreContractTests
{
    private readonly string _root = Directory.CreateTempSubdirectory("learning-blobs-").FullName;
    private readonly FileSystemBlobStore _store;

    public FileSystemBlobStoreTests() => _store = new FileSystemBlobStore(Path.Combine(_root, "blobs"));

    protected override IBlobStore Store => _store;

    public override Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Should_keep_files_inside_the_root_with_no_work_files_left()
    {
        await Store.Put("media/a/b.png", new MemoryStream([1, 2, 3]), "image/png");

        var files = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/')).Order().ToList();
        Assert.Equal(["blobs/media/a/b.png", "blobs/media/a/b.png#type"], files);
    }
}

public sealed class AzureBlobStoreTests : BlobStoreContractTests
{
    private readonly BlobContainerClient _container;
    private readonly AzureBlobStore _store;

    public AzureBlobStoreTests()
    {
        var connection = Environment.GetEnvironmentVariable("LEARNING_TEST_BLOBS")
            ?? throw new InvalidOperationException(
                "LEARNING_TEST_BLOBS is not set: run eng/setup.sh test (it starts Azurite on 127.0.0.1:10000), then `source .tools/test.env`.");
        // A container of its own per test, so tests running side by side never see each other's blobs.
        _container = new BlobContainerClient(connection, "t" + Guid.NewGuid().ToString("N")[..20], AzureBlobStore.ClientOptions());
        _store = new AzureBlobStore(_container);
    }

    protected override IBlobStore Store => _store;

    public override async Task DisposeAsync() => await _container.DeleteIfExistsAsync();
}
