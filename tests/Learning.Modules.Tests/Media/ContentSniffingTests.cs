using System.Text;
using Learning.Media;

namespace Learning.Modules.Tests.Media;

public sealed class ContentSniffingTests
{
    /// <summary>The first bytes of real files of each kind, padded with noise.</summary>
    public static TheoryData<string, byte[], string> Samples() => new()
    {
        { "png", Pad([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, .."IHDR"u8]), "diagram.png" },
        { "jpeg", Pad([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .."JFIF"u8, 0]), "foto.jpg" },
        { "jpeg", Pad([0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10, .."Exif"u8, 0]), "foto.JPEG" },
        { "gif", Pad("GIF89a"u8.ToArray()), "animasi.gif" },
        { "gif", Pad("GIF87a"u8.ToArray()), "lama.gif" },
        { "webp", Pad([.."RIFF"u8, 0x24, 0, 0, 0, .."WEBPVP8 "u8]), "ilustrasi.webp" },
        { "pdf", Pad("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8.ToArray()), "panduan-spbe.pdf" },
        { "mp4", Pad([0, 0, 0, 0x20, .."ftypisom"u8, 0, 0, 2, 0, .."isomiso2avc1mp41"u8]), "video-lapor.mp4" },
        { "mp4", Pad([0, 0, 0, 0x18, .."ftypmp42"u8, 0, 0, 0, 0]), "rekaman.m4v" },
        { "webm", Pad([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, .."webm"u8]), "klip.webm" },
        { "mp3", Pad([.."ID3"u8, 4, 0, 0, 0, 0, 0, 0]), "podcast.mp3" },
        { "mp3", Pad([0xFF, 0xFB, 0x90, 0x64]), "tanpa-tag.mp3" },
        { "svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\" fill=\"#0a5\"/></svg>"), "ikon.svg" },
        { "svg", Encoding.UTF8.GetBytes("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Dibuat di Inkscape -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>"), "logo-pemkot.svg" },
        { "svg", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><text style=\"font-weight:bold\">Layanan online Semarang</text><a xlink:href=\"https://semarangkota.go.id\"><image href=\"data:image/png;base64,iVBORw0KGgo=\"/></a></svg>"), "peta.svg" },
    };

    private static byte[] Pad(byte[] head) => [.. head, .. Enumerable.Range(0, 200).Select(i => (byte)(i * 37))];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Should_recognise_every_allowed_kind_from_its_bytes(string kind, byte[] content, string fileName)
    {
        var sniffed = ContentSniffer.Sniff(content);

        Assert.NotNull(sniffed);
        Assert.Equal(kind, sniffed.Id);
        Assert.True(sniffed.MatchesName(fileName));
        if (sniffed == MediaKind.Svg) Assert.True(SvgSafety.IsSafe(Encoding.UTF8.GetString(content).TrimStart('\uFEFF')));
    }

    [Fact]
    public void Should_refuse_a_png_named_pdf()
    {
        var png = ContentSniffer.Sniff(Pad([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));

        Assert.NotNull(png);
        Assert.Equal(MediaKind.Png, png);
        Assert.False(png.MatchesName("laporan.pdf"));
        Assert.False(png.MatchesName("gambar"));
        Assert.False(png.MatchesName("gambar.png.exe"));
    }

    [Theory]
    [InlineData("program.png", "MZ\u0090\0\u0003\0\0\0\u0004\0\0\0\u00FF\u00FF")]
    [InlineData("halaman.png", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")]
    [InlineData("halaman.svg", "<html><svg xmlns=\"http://www.w3.org/2000/svg\"></svg></html>")]
    [InlineData("skrip.mp3", "#!/bin/sh\nrm -rf /\n")]
    [InlineData("arsip.pdf", "PK\u0003\u0004 zip")]
    [InlineData("film.mp4", "\0\0\0\u0014ftypqt  \0\0\0\0")]
    [InlineData("kosong.png", "")]
    public void Should_refuse_what_is_not_an_allowed_kind(string fileName, string content)
    {
        var bytes = content.Select(c => (byte)c).ToArray();
        var sniffed = ContentSniffer.Sniff(bytes);
        Assert.True(sniffed is null || !sniffed.MatchesName(fileName), $"{fileName} was taken as {sniffed?.Id}");
    }

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><SCRIPT>alert(1)</SCRIPT></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">alert(1)</svg:script></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect ONCLICK = \"alert(1)\"/></svg>")]
    [InlineData("<svg/onload=alert(1)>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a xlink:href=\"javascript:alert(1)\"><text>klik</text></a></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"&#106;avascript:alert(1)\"><text>klik</text></a></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"java&#9;script:alert(1)\"><text>klik</text></a></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><iframe xmlns=\"http://www.w3.org/1999/xhtml\" src=\"https://example.org\"/></foreignObject></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><set attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><use href=\"data:image/svg+xml;base64,PHN2Zy8+#x\"/></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\"><text>x</text></a></svg>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY s \"&#60;script&#62;alert(1)&#60;/script&#62;\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&s;</svg>")]
    [InlineData("<?xml version=\"1.0\"?><?xml-stylesheet type=\"text/xsl\" href=\"evil.xsl\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><![CDATA[<script>alert(1)</script>]]></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&undeclared;</text></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"background:url(javascript:alert(1))\"/></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>")]
    public void Should_refuse_hostile_svgs(string svg)
    {
        // Refused by the safety check on its own, whether or not the sniffer already calls it an SVG.
        Assert.False(SvgSafety.IsSafe(svg));
        Assert.True(ContentSniffer.Sniff(Encoding.UTF8.GetBytes(svg)) is null or { Id: "svg" });
    }

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("image/jpg", true)]
    [InlineData("video/mp4", true)]
    [InlineData("audio/mpeg", true)]
    [InlineData("application/pdf", true)]
    [InlineData("image/svg+xml", false)]
    [InlineData("text/html; charset=utf-8", false)]
    [InlineData("application/xhtml+xml", false)]
    [InlineData("application/octet-stream", false)]
    [InlineData("text/javascript", false)]
    public void Should_serve_inline_only_what_cannot_run(string contentType, bool passive) =>
        Assert.Equal(passive, MediaKind.IsPassive(contentType));

    [Fact]
    public void Should_allow_larger_videos_than_images_by_default()
    {
        var limits = new MediaOptions();

        Assert.Equal(50L * 1024 * 1024, limits.LimitFor(MediaKind.Mp4));
        Assert.Equal(5L * 1024 * 1024, limits.LimitFor(MediaKind.Png));
        Assert.Equal(5L * 1024 * 1024, limits.LimitFor(MediaKind.Svg));
    }
}
