using System.Runtime.CompilerServices;
using Learning.Media.Contracts;

namespace Learning.Media;

/// <summary>
/// Blobs as plain files under a root folder, named as the blob. The content type lives in a side file
/// "name#type"; work files are "name#….tmp". '#' never occurs in a blob name, so neither can clash with one.
/// </summary>
internal sealed class FileSystemBlobStore : IBlobStore
{
    private const string TypeSuffix = "#type";
    private const string DefaultType = "application/octet-stream";
    private readonly string _root;

    public FileSystemBlobStore(string root) =>
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;

    private string PathOf(string name)
    {
        var path = Path.GetFullPath(Path.Combine(_root, BlobNames.Check(name).Replace('/', Path.DirectorySeparatorChar)));
        // BlobNames already forbids traversal; this keeps it so if that rule ever loosens.
        if (!path.StartsWith(_root, StringComparison.Ordinal)) throw new ArgumentException($"'{name}' leaves the blob root.", nameof(name));
        return path;
    }

    public async Task Put(string name, Stream content, string contentType, CancellationToken ct)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var work = $"{path}#{Guid.NewGuid():N}";
        try
        {
            // Write beside, then rename: a reader sees the old file or the new one, never half of one.
            await using (var file = new FileStream(work + ".tmp", FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await content.CopyToAsync(file, ct);
                await file.FlushAsync(ct);
            }
            await File.WriteAllTextAsync(work + ".type.tmp", contentType, ct);
            File.Move(work + ".type.tmp", path + TypeSuffix, overwrite: true);
            File.Move(work + ".tmp", path, overwrite: true);
        }
        finally
        {
            File.Delete(work + ".tmp");
            File.Delete(work + ".type.tmp");
        }
    }

    public async Task<(Stream Content, BlobDetails Info)?> Get(string name, CancellationToken ct)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return null;
        }
        // Details from the open handle, so they describe exactly the bytes this stream reads.
        var modified = File.GetLastWriteTimeUtc(stream.SafeFileHandle);
        var info = new BlobDetails(name, stream.Length, await ContentTypeOf(PathOf(name), ct), modified, ETagOf(stream.Length, modified));
        return (stream, info);
    }

    public async Task<BlobDetails?> Info(string name, CancellationToken ct)
    {
        var file = new FileInfo(PathOf(name));
        if (!file.Exists) return null;
        var modified = file.LastWriteTimeUtc;
        return new BlobDetails(name, file.Length, await ContentTypeOf(file.FullName, ct), modified, ETagOf(file.Length, modified));
    }

    public Task<bool> Delete(string name, CancellationToken ct)
    {
        var path = PathOf(name);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        File.Delete(path + TypeSuffix);
        return Task.FromResult(true);
    }

    public async IAsyncEnumerable<BlobDetails> List(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        // Start at the deepest folder the prefix names instead of walking the whole store.
        var folder = prefix.LastIndexOf('/') is var slash and > 0 && BlobNames.IsValid(prefix[..slash])
            ? Path.Combine(_root, prefix[..slash].Replace('/', Path.DirectorySeparatorChar))
            : _root;
        if (!Directory.Exists(folder)) yield break;
        var names = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Contains('#'))
            .Select(f => Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && BlobNames.IsValid(n))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var name in names)
            if (await Info(name, ct) is { } info) yield return info;
    }

    public Task Ping(CancellationToken ct)
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    private static async Task<string> ContentTypeOf(string path, CancellationToken ct)
    {
        try
        {
            return (await File.ReadAllTextAsync(path + TypeSuffix, ct)).Trim() is { Length: > 0 } type ? type : DefaultType;
        }
        catch (FileNotFoundException)
        {
            return DefaultType;
        }
    }

    private static string ETagOf(long length, DateTime modified) => $"\"{modified.Ticks:x}-{length:x}\"";
}
