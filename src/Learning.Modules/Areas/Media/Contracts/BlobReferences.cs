namespace Learning.Media.Contracts;

/// <summary>
/// The blobs a module's rows of the current tenant still use, as the blob store names them ("uploads/semarang/2026/12/….png",
/// "media/3f2a…-diagram.svg"), registered as one of many by each module that keeps blob names or /media/ links (Courses: content
/// media and lesson links; Tenants: logos). The orphan clean-up deletes only what no module names, so Media never reads another
/// module's tables. Naming more than is used is safe; naming less deletes a file still shown.
/// </summary>
public interface IBlobReferences
{
    Task<IReadOnlyCollection<string>> Referenced(CancellationToken ct = default);
}

public static class BlobLinks
{
    /// <summary>The blob names of every "/media/{name}" in a text (Markdown, a logo address); invalid names are left out.</summary>
    public static IEnumerable<string> In(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        const string prefix = "/media/";
        for (var at = text.IndexOf(prefix, StringComparison.Ordinal); at >= 0; at = text.IndexOf(prefix, at + 1, StringComparison.Ordinal))
        {
            var start = at + prefix.Length;
            var end = start;
            while (end < text.Length && (char.IsAsciiLetterLower(text[end]) || char.IsAsciiDigit(text[end]) || text[end] is '-' or '_' or '.' or '/'))
                end++;
            var name = text[start..end].TrimEnd('.', '/');
            if (BlobNames.IsValid(name)) yield return name;
        }
    }
}
