using System.Text;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Learning.Courses.Rendering;

/// <summary>A link or image of a lesson, with its 0-based line in the Markdown it was parsed from.</summary>
public sealed record LessonLink(string Url, bool IsImage, int Line);

/// <summary>Why a lesson's Markdown is refused; <see cref="Key"/> is worded by the module ("Courses.Import.{Key}").</summary>
public sealed record LessonRefusal(int Line, string Key, object[] Args);

/// <summary>
/// Markdown to safe HTML: CommonMark, pipe tables, task lists and heading anchors; raw HTML is shown as
/// text; link and image targets other than http, https, mailto and relative ones are dropped.
/// </summary>
public static class LessonHtml
{
    public const string MediaUrlPrefix = "/media/";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .DisableHtml()
        .Build();

    /// <summary>A lesson longer than this is refused (a long lesson is a few tens of thousands of characters).</summary>
    public const int MaxChars = 500_000;

    /// <summary>
    /// Null when the lesson can be rendered, else why not, at its 1-based line: "MarkdownTooLarge" {max chars} or
    /// "MarkdownTooDeep" {max depth} (quotes and lists nested beyond Markdig's depth limit, which it refuses rather than
    /// overflow the stack). Import and authoring check with this before they store a lesson.
    /// </summary>
    public static LessonRefusal? Check(string markdown)
    {
        if (markdown.Length > MaxChars) return new LessonRefusal(1, "MarkdownTooLarge", [MaxChars]);
        if (Parse(markdown) is not null) return null;
        // The first line where it goes wrong: the shortest run of lines from the top that cannot be parsed.
        var lines = markdown.Split('\n');
        int good = 0, bad = lines.Length;
        while (bad - good > 1)
        {
            var mid = (good + bad) / 2;
            if (Parse(string.Join('\n', lines[..mid])) is null) bad = mid;
            else good = mid;
        }
        return new LessonRefusal(bad, "MarkdownTooDeep", [Pipeline.MaximumNestingDepth]);
    }

    /// <summary>The syntax tree, or null when Markdig refuses the text (nested too deep).</summary>
    private static MarkdownDocument? Parse(string markdown)
    {
        try
        {
            return Markdown.Parse(markdown, Pipeline);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            return null;
        }
    }

    /// <param name="mediaBlob">Blob name of a file under the content folder's media/ ("arsitektur-spbe.svg"), or null.</param>
    public static string ToHtml(string markdown, Func<string, string?> mediaBlob)
    {
        // Stored before the checks existed, or too deep: shown as plain text rather than failing the page.
        if (markdown.Length > MaxChars || Parse(markdown) is not { } document)
            return "<pre>" + System.Net.WebUtility.HtmlEncode(markdown) + "</pre>";
        foreach (var link in document.Descendants<LinkInline>().ToList()) Sanitise(link, mediaBlob);
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
            if (!autolink.IsEmail && LessonUrls.Classify(autolink.Url) == UrlKind.Forbidden)
                autolink.ReplaceBy(new LiteralInline(autolink.Url));

        var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    /// <summary>Every link and image target, for the import to check that the media they name exist.</summary>
    public static IReadOnlyList<LessonLink> Links(string markdown) =>
        (Parse(markdown)?.Descendants<LinkInline>() ?? [])
            .Where(l => l.Url is not null)
            .Select(l => new LessonLink(l.Url!, l.IsImage, l.Line))
            .ToList();

    private static void Sanitise(LinkInline link, Func<string, string?> mediaBlob)
    {
        var url = link.Url ?? "";
        switch (LessonUrls.Classify(url))
        {
            case UrlKind.Forbidden:
                Unwrap(link);
                return;
            case UrlKind.Relative:
                link.Url = Rewrite(url, link.IsImage, mediaBlob);
                break;
        }
        if (link.IsImage) link.GetAttributes().AddProperty("loading", "lazy");
    }

    /// <summary>Media paths become /media/{blob}; a sibling lesson file ("02-x.md") becomes its key ("02-x").</summary>
    private static string Rewrite(string url, bool isImage, Func<string, string?> mediaBlob)
    {
        var (path, suffix) = LessonUrls.SplitSuffix(url);
        var resolved = LessonUrls.Resolve(path);
        if (resolved is null) return url;
        if (LessonUrls.MediaPath(resolved) is { } media)
            return mediaBlob(media) is { } blob ? MediaUrlPrefix + blob + suffix : url;
        if (!isImage && LessonUrls.SiblingLessonKey(resolved) is { } key) return key + suffix;
        return url;
    }

    /// <summary>Keeps the link's text and drops the link (an image keeps its alt text).</summary>
    private static void Unwrap(LinkInline link)
    {
        Inline anchor = link;
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            anchor.InsertAfter(child);
            anchor = child;
            child = next;
        }
        link.Remove();
    }
}

public enum UrlKind { External, SiteAbsolute, Fragment, Relative, Forbidden }

/// <summary>How a lesson's link targets are judged and resolved. Lessons live at courses/&lt;slug&gt;/&lt;key&gt;.md.</summary>
public static class LessonUrls
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <summary>
    /// Judges the target the way a browser reads it: whitespace and control characters anywhere are ignored
    /// (browsers drop tabs and newlines), and anything before the first ':' of the first segment is a scheme.
    /// </summary>
    public static UrlKind Classify(string url)
    {
        var compact = new StringBuilder(url.Length);
        foreach (var c in url)
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
                compact.Append(c);
        var s = compact.ToString().Replace('\\', '/');
        if (s.Length == 0) return UrlKind.Relative;

        var colon = s.IndexOf(':');
        var boundary = s.IndexOfAny(['/', '?', '#']);
        if (colon >= 0 && (boundary < 0 || colon < boundary))
            return AllowedSchemes.Contains(s[..colon].ToLowerInvariant()) ? UrlKind.External : UrlKind.Forbidden;
        if (s.StartsWith("//", StringComparison.Ordinal)) return UrlKind.External;
        if (s.StartsWith('/')) return UrlKind.SiteAbsolute;
        if (s.StartsWith('#')) return UrlKind.Fragment;
        return UrlKind.Relative;
    }

    /// <summary>Splits "a/b.png?x#y" into the path and the "?x#y" that follows it.</summary>
    public static (string Path, string Suffix) SplitSuffix(string url)
    {
        var end = url.IndexOfAny(['?', '#']);
        return end < 0 ? (url, "") : (url[..end], url[end..]);
    }

    /// <summary>
    /// The path a relative target names inside the content folder ("../../media/a.svg" → "media/a.svg"),
    /// or null when it climbs out of the folder.
    /// </summary>
    public static string? Resolve(string relativePath)
    {
        var segments = new List<string> { "courses", "_" };
        string decoded;
        try { decoded = Uri.UnescapeDataString(relativePath); }
        catch (UriFormatException) { decoded = relativePath; }
        foreach (var segment in decoded.Replace('\\', '/').Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (segments.Count == 0) return null;
                segments.RemoveAt(segments.Count - 1);
            }
            else segments.Add(segment);
        }
        return string.Join('/', segments);
    }

    /// <summary>"media/a/b.png" → "a/b.png"; null for a path outside media/.</summary>
    public static string? MediaPath(string resolved) =>
        resolved.StartsWith("media/", StringComparison.Ordinal) && resolved.Length > "media/".Length ? resolved["media/".Length..] : null;

    /// <summary>"courses/_/02-x.md" (a file beside the lesson) → "02-x".</summary>
    public static string? SiblingLessonKey(string resolved) =>
        resolved.StartsWith("courses/_/", StringComparison.Ordinal) && resolved.EndsWith(".md", StringComparison.Ordinal)
        && resolved.Count(c => c == '/') == 2
            ? resolved["courses/_/".Length..^".md".Length]
            : null;
}
