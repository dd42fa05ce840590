using Learning.Kernel.Text;

namespace Learning.Modules.Tests.Kernel;

/// <summary>The one YAML reader refuses what would exhaust the process, with the line, instead of overflowing the stack.</summary>
public sealed class SafeYamlTests
{
    [Theory]
    [InlineData("[")]
    [InlineData("{a: ")]
    [InlineData("- ")]
    public void Should_refuse_nesting_100000_deep_at_its_line(string opener)
    {
        // A block sequence may not follow a key on its line: it starts a line of its own.
        var text = "judul: x\nlangkah:\n" + (opener == "- " ? "" : "  isi: ") + string.Concat(Enumerable.Repeat(opener, 100_000)) + "\n";

        var root = SafeYaml.Load(text, out var refusal);

        Assert.Null(root);
        Assert.Equal(new[] { "3", "YamlTooDeep", "64" }, new[] { refusal!.Line.ToString(), refusal.Key, refusal.Args[0].ToString()! });
    }

    [Fact]
    public void Should_refuse_too_long_a_text_and_too_many_items()
    {
        SafeYaml.Load(new string('#', SafeYaml.MaxChars + 1), out var tooLong);
        SafeYaml.Load("[" + string.Join(",", Enumerable.Repeat("1", SafeYaml.MaxNodes + 1)) + "]", out var tooMany);

        Assert.Equal("YamlTooLarge", tooLong!.Key);
        Assert.Equal("YamlTooManyNodes", tooMany!.Key);
    }

    [Fact]
    public void Should_read_what_content_needs()
    {
        var root = SafeYaml.Load("title: A\nmodules:\n  - title: B\n    lessons: [01-a.md, 02-b.md]\n", out var refusal);

        Assert.Null(refusal);
        Assert.IsType<YamlDotNet.RepresentationModel.YamlMappingNode>(root);
    }
}
