using Learning.Courses.Rendering;

namespace Learning.Modules.Tests.Courses;

public sealed class MarkdownRenderingTests
{
    private static string Html(string markdown) =>
        LessonHtml.ToHtml(markdown, path => path == "diagram.png" ? "media/0123456789abcdef-diagram.png" : null);

    [Fact]
    public void Should_render_tables_task_lists_and_heading_anchors()
    {
        var html = Html("## Langkah Pertama\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n- [x] selesai\n- [ ] belum\n");
        Assert.Contains("<h2 id=\"langkah-pertama\">Langkah Pertama</h2>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("<td>2</td>", html);
        Assert.Contains("type=\"checkbox\" checked=\"checked\"", html);
    }

    [Theory]
    [InlineData("[a](https://www.lapor.go.id)", "href=\"https://www.lapor.go.id\"")]
    [InlineData("[a](http://contoh.go.id/x?y=1#z)", "href=\"http://contoh.go.id/x?y=1#z\"")]
    [InlineData("[a](mailto:bkpsdm@semarangkota.go.id)", "href=\"mailto:bkpsdm@semarangkota.go.id\"")]
    [InlineData("[a](#bagian-dua)", "href=\"#bagian-dua\"")]
    [InlineData("[a](/courses/spbe-dasar)", "href=\"/courses/spbe-dasar\"")]
    [InlineData("[a](02-praktik.md#langkah)", "href=\"02-praktik#langkah\"")]
    [InlineData("<https://www.lapor.go.id>", "href=\"https://www.lapor.go.id\"")]
    public void Should_keep_allowed_links(string markdown, string expected) => Assert.Contains(expected, Html(markdown));

    [Fact]
    public void Should_map_media_paths_to_media_urls_with_lazy_loading_and_alt_text()
    {
        var html = Html("![Diagram arsitektur](../../media/diagram.png \"Judul\")");
        Assert.Contains("<img src=\"/media/media/0123456789abcdef-diagram.png\" loading=\"lazy\" alt=\"Diagram arsitektur\" title=\"Judul\" />", html);
    }

    [Fact]
    public void Should_keep_the_text_of_a_dropped_link()
    {
        var html = Html("Baca [**panduan** ini](javascript:alert(1)) dulu.");
        Assert.Equal("<p>Baca <strong>panduan</strong> ini dulu.</p>\n", html);
    }

    [Fact]
    public void Should_show_raw_html_as_text()
    {
        Assert.Equal("<p>&lt;b&gt;tebal&lt;/b&gt;</p>\n", Html("<b>tebal</b>"));
    }

    [Theory]
    [InlineData("../../media/a.svg", "media/a.svg")]
    [InlineData("../../media/sub/b.png", "media/sub/b.png")]
    [InlineData("../../../etc/passwd", null)]
    [InlineData("02-x.md", "courses/_/02-x.md")]
    [InlineData("..\\..\\media\\a.svg", "media/a.svg")]
    [InlineData("../../media/gambar%20satu.png", "media/gambar satu.png")]
    public void Should_resolve_relative_paths_inside_the_content_folder(string url, string? expected) =>
        Assert.Equal(expected, LessonUrls.Resolve(url));
}
