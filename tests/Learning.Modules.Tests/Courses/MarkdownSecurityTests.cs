using System.Net;
using System.Text.RegularExpressions;
using Learning.Courses.Rendering;

namespace Learning.Modules.Tests.Courses;

/// <summary>Classic XSS payloads through the lesson pipeline: nothing executable may reach the page.</summary>
public sealed partial class MarkdownSecurityTests
{
    public static TheoryData<string> Payloads => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://jahat.example/xss.js></SCRIPT>",
        "Teks <script>alert(1)</script> di tengah paragraf",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">klik</a>",
        "<div onmouseover=\"alert(1)\">arahkan</div>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<!-- <script>alert(1)</script> -->",
        "[klik](javascript:alert(1))",
        "[klik](JaVaScRiPt:alert(1))",
        "[klik](javascript:alert(1) \"judul\")",
        "[klik](<javascript:alert(1)>)",
        "[klik](jav&#x61;script:alert(1))",
        "[klik](jav&#97;script:alert(1))",
        "[klik](javascript&colon;alert(1))",
        "[klik](java&#09;script:alert(1))",
        "[klik](<java&#10;script:alert(1)>)",
        "[klik](&#1;javascript:alert(1))",
        "[klik](java\u200Bscript:alert(1))",
        "[klik](%6A%61%76%61script:alert(1))",
        "[klik](vbscript:msgbox(1))",
        "[klik](VBScript:msgbox(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![x](javascript:alert(1))",
        "![x\" onerror=\"alert(1)](https://contoh.go.id/a.png)",
        "[x](https://contoh.go.id\" onclick=\"alert(1))",
        "<javascript:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "[rujukan]\n\n[rujukan]: javascript:alert(1)",
        "[rujukan][r]\n\n[r]: <java&#x09;script:alert(1)> \"judul\"",
        "![gambar][g]\n\n[g]: data:image/png;base64,AAAA",
        "[**tebal** [dalam](javascript:alert(1))](https://contoh.go.id)",
        "[![gambar](javascript:alert(1))](javascript:alert(2))",
        "# Judul <img src=x onerror=alert(1)>",
        "| kolom |\n|---|\n| <script>alert(1)</script> [x](javascript:alert(1)) |",
        "- [ ] <img src=x onerror=alert(1)>",
        "```html\n<script>alert(1)</script>\n```",
        "    <script>alert(1)</script>",
        "`<script>alert(1)</script>`",
        "<details open ontoggle=alert(1)>",
        "[klik](file:///etc/passwd)",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Should_render_nothing_executable(string markdown)
    {
        var html = LessonHtml.ToHtml(markdown, _ => null);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        foreach (Match tag in Tag().Matches(html))
        {
            Assert.Contains(tag.Groups["name"].Value.ToLowerInvariant(), AllowedTags);
            // Attribute values are quoted; whatever sits inside the quotes is text, not an attribute.
            var outsideValues = QuotedValue().Replace(tag.Value, "\"\"");
            Assert.DoesNotMatch(EventHandler(), outsideValues);
            foreach (Match attribute in UrlAttribute().Matches(tag.Value))
            {
                var url = new string(WebUtility.HtmlDecode(attribute.Groups["url"].Value)
                    .Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                Assert.False(Forbidden().IsMatch(Uri.UnescapeDataString(url)), $"{attribute.Value} in {html}");
            }
        }
    }

    [Fact]
    public void Should_keep_the_corpus_large_enough() => Assert.True(Payloads.Count >= 25);

    private static readonly string[] AllowedTags =
    [
        "p", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
        "em", "strong", "code", "pre", "blockquote", "hr", "br", "input",
    ];

    [GeneratedRegex("</?(?<name>[a-zA-Z][a-zA-Z0-9]*)[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex("(?:href|src)\\s*=\\s*\"(?<url>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();

    [GeneratedRegex("^(javascript|vbscript|data|file):")]
    private static partial Regex Forbidden();
}
