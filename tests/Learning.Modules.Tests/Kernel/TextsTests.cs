using System.Globalization;
using System.Text.RegularExpressions;
using Learning.Kernel;

namespace Learning.Modules.Tests.Kernel;

public sealed partial class TextsTests
{
    private static readonly Texts Texts = new([typeof(LearningModule).Assembly, typeof(Theme.Default.ThemeMarker).Assembly, typeof(Program).Assembly]);

    [Fact]
    public void Should_have_every_text_in_both_languages()
    {
        var id = Texts.For("id").Keys.ToHashSet();
        var en = Texts.For("en").Keys.ToHashSet();
        Assert.Empty(id.Except(en).Order());
        Assert.Empty(en.Except(id).Order());
        Assert.NotEmpty(id);
    }

    [Fact]
    public void Should_define_every_text_key_the_source_uses()
    {
        var root = Repository.Root;
        var used = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "themes"), "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml")) && !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(root, f), Key: m.Groups[1].Value)))
            .ToList();
        var known = Texts.For("id");
        var missing = used.Where(u => !known.ContainsKey(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Text keys used but not defined:\n" + string.Join("\n", missing));
        Assert.True(used.Count > 20);
    }

    [Fact]
    public void Should_speak_Indonesian_by_default_and_English_on_request()
    {
        Assert.Equal("Masuk", Texts.Find("Accounts.Login.Title", new CultureInfo("id-ID")));
        Assert.Equal("Log in", Texts.Find("Accounts.Login.Title", new CultureInfo("en-US")));
        Assert.Equal("Masuk", Texts.Find("Accounts.Login.Title", new CultureInfo("fr-FR")));
    }

    [Fact]
    public void Should_format_dates_and_numbers_for_Indonesia()
    {
        var id = new CultureInfo("id-ID");
        Assert.Equal("1.234,5", 1234.5m.ToString("N1", id));
        Assert.Contains("November", new DateTime(2026, 11, 23).ToString("d MMMM yyyy", id));
        Assert.Equal("Senin", new DateTime(2026, 11, 23).ToString("dddd", id));
    }

    // L["Module.Key"] or text["Module.Key"] with a literal, dotted key.
    [GeneratedRegex("""(?:\bL|\btext)\["([A-Z][A-Za-z]+\.[A-Za-z0-9.]+)"\s*[\],]""")]
    private static partial Regex LiteralKey();
}
