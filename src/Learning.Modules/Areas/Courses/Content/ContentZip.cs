using System.Buffers;
using System.IO.Compression;
using Learning.Kernel.Text;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Content;

/// <summary>Limits on a content zip uploaded in the browser (Courses:Zip:MaxZipBytes, MaxUnpackedBytes, MaxEntries).</summary>
public sealed class ContentZipOptions
{
    /// <summary>The zip as uploaded; kept under the server's request limit (30 MB), larger folders go through the command line.</summary>
    public long MaxZipBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Everything it holds, unpacked: a small zip that unpacks to gigabytes is refused as it grows.</summary>
    public long MaxUnpackedBytes { get; set; } = 200L * 1024 * 1024;

    public int MaxEntries { get; set; } = 5_000;
}

/// <summary>
/// Unpacks an uploaded content zip (the format the export writes and the command line imports) into an empty folder, refusing
/// anything that could escape it or swamp the disk: names with "..", absolute names, drive letters, backslashes, symbolic links,
/// too many entries, too many bytes (counted as they are written, never trusted from the header). Nothing is kept on a refusal.
/// </summary>
internal static class ContentZip
{
    /// <summary>The folder to import (the zip's single top folder when everything sits in one), or null with the problems.</summary>
    public static async Task<string?> Unpack(Stream upload, string fileName, string folder, ContentZipOptions limits,
        List<SourceProblem> problems, IStringLocalizer text, CancellationToken ct)
    {
        ZipArchive? zip = null;
        try
        {
            zip = new ZipArchive(upload, ZipArchiveMode.Read, leaveOpen: true);
            _ = zip.Entries.Count; // the central directory, read now: a damaged one is "not a zip", not an error later
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            zip?.Dispose();
            problems.Add(new SourceProblem(fileName, 1, text["Courses.Zip.NotZip"]));
            return null;
        }
        using (zip)
        {
            if (zip.Entries.Count > limits.MaxEntries)
            {
                problems.Add(new SourceProblem(fileName, 1, text["Courses.Zip.TooManyEntries", zip.Entries.Count, limits.MaxEntries]));
                return null;
            }
            foreach (var entry in zip.Entries)
                if (Refusal(entry) is { } key) problems.Add(new SourceProblem(entry.FullName, 1, text[key]));
            if (problems.Count > 0) return null;

            long written = 0;
            var buffer = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                foreach (var entry in zip.Entries)
                {
                    var target = Path.GetFullPath(Path.Combine(folder, entry.FullName.Replace('/', Path.DirectorySeparatorChar)));
                    if (!target.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    {
                        problems.Add(new SourceProblem(entry.FullName, 1, text["Courses.Zip.Outside"]));
                        return null;
                    }
                    if (entry.FullName.EndsWith('/'))
                    {
                        Directory.CreateDirectory(target);
                        continue;
                    }
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    try
                    {
                        await using var input = entry.Open();
                        await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
                        for (int read; (read = await input.ReadAsync(buffer, ct)) > 0;)
                        {
                            written += read;
                            if (written > limits.MaxUnpackedBytes)
                            {
                                problems.Add(new SourceProblem(entry.FullName, 1,
                                    text["Courses.Zip.TooLargeUnpacked", limits.MaxUnpackedBytes / (1024 * 1024)]));
                                return null;
                            }
                            await output.WriteAsync(buffer.AsMemory(0, read), ct);
                        }
                    }
                    catch (Exception e) when (e is InvalidDataException or NotSupportedException)
                    {
                        problems.Add(new SourceProblem(entry.FullName, 1, text["Courses.Zip.Damaged"]));
                        return null;
                    }
                    catch (IOException) when (File.Exists(target))
                    {
                        // The same name twice in one zip.
                        problems.Add(new SourceProblem(entry.FullName, 1, text["Courses.Zip.Duplicate"]));
                        return null;
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        return TopFolder(folder);
    }

    /// <summary>Why an entry's name is refused ("Courses.Zip.{…}"), or null.</summary>
    private static string? Refusal(ZipArchiveEntry entry)
    {
        var name = entry.FullName;
        // Unix mode in the high bits: 0xA000 is a symbolic link, which would point anywhere once unpacked.
        if (((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000) return "Courses.Zip.Link";
        if (name.Length == 0 || name.Length > 400 || name.Contains('\\') || name.Contains(':') || name.Contains('\0')
            || name.StartsWith('/'))
            return "Courses.Zip.BadName";
        var segments = name.TrimEnd('/').Split('/');
        if (segments.Any(s => s is "" or "." or "..")) return "Courses.Zip.Outside";
        return null;
    }

    /// <summary>A zip of the folder itself ("layanan/courses/…") rather than its contents is read from that folder.</summary>
    private static string TopFolder(string folder)
    {
        var entries = Directory.EnumerateFileSystemEntries(folder).ToList();
        return entries is [var only] && Directory.Exists(only)
            && !Path.GetFileName(only).Equals(ContentFormat.CoursesFolder, StringComparison.Ordinal)
            && !Path.GetFileName(only).Equals("paths", StringComparison.Ordinal)
            ? only : folder;
    }
}
