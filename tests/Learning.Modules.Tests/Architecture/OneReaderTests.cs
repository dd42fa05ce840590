using System.Text.RegularExpressions;

namespace Learning.Modules.Tests.Architecture;

/// <summary>
/// Every import and export goes through one reader or writer of its format (Kernel/Text): the limits, line numbers and
/// formula-safe cells of those are then true everywhere, and a new import cannot forget them.
/// </summary>
public sealed partial class OneReaderTests
{
    private static readonly string Source = Path.Combine(Repository.Root, "src");
    private const string SafeYaml = "src/Learning.Modules/Kernel/Text/SafeYaml.cs";
    private static readonly string[] CsvOwners = ["src/Learning.Modules/Kernel/Text/CsvInput.cs", "src/Learning.Modules/Kernel/Text/CsvText.cs"];

    [Fact]
    public void Should_parse_yaml_only_in_the_safe_reader()
    {
        var violations = Violations(file => file != SafeYaml, YamlParsing, mentioning: "YamlDotNet");
        Assert.True(violations.Count == 0, "YAML parsed outside Kernel/Text/SafeYaml.cs (use SafeYaml.Load):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Should_read_and_write_csv_only_through_the_one_reader_and_writer()
    {
        var library = Violations(file => !CsvOwners.Contains(file), CsvLibrary);
        var downloads = Violations(file => !CsvOwners.Contains(file), CsvDownload);
        var handMade = Violations(file => !CsvOwners.Contains(file), HandMadeCsv, mentioning: "csv");
        Assert.True(library.Count + handMade.Count + downloads.Count == 0,
            "CSV read or written outside Kernel/Text/CsvInput.cs and CsvText.cs (use CsvInput.Read, CsvText.Line/Write):\n"
            + string.Join("\n", library.Concat(handMade).Concat(downloads)));
    }

    [Fact]
    public void Should_find_the_reader_rules_able_to_fail()
    {
        Assert.Matches(YamlParsing(), "var stream = new YamlStream();");
        Assert.Matches(YamlParsing(), "new DeserializerBuilder().Build()");
        Assert.Matches(YamlParsing(), "using YamlDotNet.Serialization;");
        Assert.DoesNotMatch(YamlParsing(), "if (node is YamlMappingNode map)");
        Assert.Matches(CsvLibrary(), "using CsvHelper;");
        Assert.Matches(CsvDownload(), "File(bytes, \"text/csv; charset=utf-8\", name)");
        Assert.DoesNotMatch(CsvDownload(), ".Accepts<IFormFile>(\"multipart/form-data\", \"text/csv\")");
        Assert.Matches(HandMadeCsv(), "await output.WriteLineAsync(string.Join(\",\", fields));");
        Assert.Matches(HandMadeCsv(), "csv.Append(';');");
        Assert.Matches(HandMadeCsv(), "line.Split(',')");
        Assert.Matches(HandMadeCsv(), "writer.WriteLine($\"{nip},{name}\");");
        Assert.DoesNotMatch(HandMadeCsv(), "string.Join(\", \", names)");
    }

    /// <summary>file:line: text of every line a rule matches in src (*.cs, *.cshtml), in the files it applies to.</summary>
    private static List<string> Violations(Func<string, bool> applies, Func<Regex> rule, string? mentioning = null)
    {
        var found = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Source, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs") || f.EndsWith(".cshtml"))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
        {
            var file = Path.GetRelativePath(Repository.Root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (!applies(file)) continue;
            var lines = File.ReadAllLines(path);
            // Only files that can reach the library, or that are about CSV, are held to a rule: commas joined for roles or
            // cache keys are not CSV, and "Parser" is YamlDotNet's only where YamlDotNet is named.
            if (mentioning is not null && !lines.Any(l => l.Contains(mentioning, StringComparison.OrdinalIgnoreCase))) continue;
            for (var i = 0; i < lines.Length; i++)
                if (rule().IsMatch(lines[i])) found.Add($"{file}:{i + 1}: {lines[i].Trim()}");
        }
        return found;
    }

    // YamlDotNet's parsers and deserializers: the safe reader counts depth and nodes on the parser's events.
    [GeneratedRegex(@"\b(YamlStream|I?Deserializer|DeserializerBuilder|I?Parser|MergingParser|Scanner|YamlDotNet\.Serialization)\b")]
    private static partial Regex YamlParsing();

    [GeneratedRegex(@"\b(CsvHelper|CsvReader|CsvWriter|CsvParser)\b")]
    private static partial Regex CsvLibrary();

    // A download served as CSV by hand instead of CsvText.Bytes and CsvText.ContentType.
    [GeneratedRegex(@"""text/csv;")]
    private static partial Regex CsvDownload();

    // A comma or semicolon joined, split or appended by hand, or two interpolated values with a comma between them.
    [GeneratedRegex("""\b(Join|Split|Append|AppendJoin)\(\s*(['"])[,;]\2|\$"[^"]*\},\{""")]
    private static partial Regex HandMadeCsv();
}
