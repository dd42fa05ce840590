using System.Text.RegularExpressions;
using Learning.Kernel;

namespace Learning.Modules.Tests.Architecture;

/// <summary>
/// A page is one use case of the module whose folder it lives in: it reads that module's tables and asks other modules
/// through their Contracts, and a URL that names a module is served from that module's folder.
/// </summary>
public sealed partial class PageOwnershipTests
{
    private static readonly string Areas = Path.Combine(Repository.Root, "src", "Learning.Modules", "Areas");

    /// <summary>
    /// URLs in ../shared/DESIGN.md (a contract tested from outside) that name a module other than the one serving them: the
    /// catalogue and a course's page are the learner's enrolment use case, and Courses cannot depend on Enrolments.
    /// </summary>
    private static readonly Dictionary<string, string> ContractUrls = new()
    {
        ["/courses"] = "Enrolments",
        ["/courses/{slug}"] = "Enrolments",
        // The reaction form of a class or a course: named by the issue at these addresses; Evaluations builds on Classes and
        // Enrolments, which cannot depend on it.
        ["/classes/{id:guid}/evaluation"] = "Evaluations",
        ["/courses/{slug}/evaluation"] = "Evaluations",
    };

    [Fact]
    public void Should_let_pages_read_only_their_own_modules_tables()
    {
        var types = typeof(LearningModule).Assembly.GetTypes();
        var violations = new List<string>();
        foreach (var (module, file, lines) in PageCode())
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match m in TableRead().Matches(lines[i]))
                {
                    var name = m.Groups["set"].Success ? m.Groups["set"].Value : null;
                    var owners = name is null
                        ? ["Accounts"] // db.Users, db.Roles, ...: the logins belong to Accounts
                        : types.Where(t => t.Name == name).Select(OwnerOf).ToList();
                    if (!owners.Contains(module)) violations.Add($"{file}:{i + 1}: {module} reads {m.Value}");
                }
            }
        Assert.True(violations.Count == 0, "Pages reading another module's tables (ask its Contracts instead):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Should_serve_a_url_that_names_a_module_from_that_modules_folder()
    {
        var modules = Directory.GetDirectories(Areas).Select(Path.GetFileName).OfType<string>().ToList();
        var violations = new List<string>();
        foreach (var page in Directory.EnumerateFiles(Areas, "*.cshtml", SearchOption.AllDirectories))
        {
            var route = PageRoute().Match(File.ReadLines(page).FirstOrDefault() ?? "");
            if (!route.Success) continue;
            var url = route.Groups[1].Value;
            var folder = Path.GetRelativePath(Areas, page).Split(Path.DirectorySeparatorChar)[0];
            var named = UrlModule(url, modules);
            var expected = ContractUrls.GetValueOrDefault(url, named ?? folder);
            if (expected != folder) violations.Add($"{Path.GetRelativePath(Repository.Root, page)}: {url} names {named}");
        }
        Assert.True(violations.Count == 0, "Pages outside the module their URL names:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Should_find_the_page_rules_able_to_fail()
    {
        var modules = new List<string> { "CareerRecords", "Competencies", "Courses" };
        Assert.Equal("Competencies", UrlModule("/competencies/assessment", modules));
        Assert.Equal("CareerRecords", UrlModule("/career-record/assessment", modules));
        Assert.Null(UrlModule("/authoring/{slug}", modules));
        Assert.Equal("db.Users", TableRead().Match("await db.Users.Where(u => u.Id == by)").Value);
        Assert.Equal("Course", TableRead().Match("db.Set<Course>().AnyAsync()").Groups["set"].Value);
        Assert.Equal("Courses", OwnerOf(typeof(Learning.Courses.CoursesModule)));
    }

    private static IEnumerable<(string Module, string File, string[] Lines)> PageCode() =>
        from module in Directory.GetDirectories(Areas)
        from folder in new[] { "Pages", "Components" }
        where Directory.Exists(Path.Combine(module, folder))
        from file in Directory.EnumerateFiles(Path.Combine(module, folder), "*.cs", SearchOption.AllDirectories)
        select (Path.GetFileName(module), Path.GetRelativePath(Repository.Root, file), File.ReadAllLines(file));

    /// <summary>The module a type belongs to by its namespace (Learning.Courses.Domain → Courses; Learning.Kernel → Kernel).</summary>
    private static string OwnerOf(Type type) => (type.Namespace ?? "").Split('.') is [_, var module, ..] ? module : "";

    /// <summary>The module whose name the URL's first word is, singular or plural ("/career-record" → CareerRecords), or null.</summary>
    private static string? UrlModule(string url, IReadOnlyList<string> modules)
    {
        var word = Singular(url.TrimStart('/').Split('/')[0]);
        return modules.FirstOrDefault(m => Singular(Kebab().Replace(m, "-$1").ToLowerInvariant()) == word);
    }

    private static string Singular(string word) => word.EndsWith('s') ? word[..^1] : word;

    [GeneratedRegex(@"\bdb\.(Users|Roles|UserRoles|UserClaims|UserLogins|UserTokens|RoleClaims)\b|\bSet<(?<set>\w+)>")]
    private static partial Regex TableRead();

    [GeneratedRegex("""^@page\s+"([^"]*)"?""")]
    private static partial Regex PageRoute();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Kebab();
}
