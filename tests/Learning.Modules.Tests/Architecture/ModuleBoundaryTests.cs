using System.Text.RegularExpressions;
using Learning.Kernel;
using Learning.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Learning.Modules.Tests.Architecture;

/// <summary>
/// Modules meet only through each other's Contracts/ and say so in DependsOn, each keeps to its own namespace, tables and
/// configuration keys.
/// </summary>
public sealed partial class ModuleBoundaryTests
{
    private static readonly string Areas = Path.Combine(Repository.Root, "src", "Learning.Modules", "Areas");
    private static readonly string KernelFolder = Path.Combine(Repository.Root, "src", "Learning.Modules", "Kernel");

    private const string Kernel = "Kernel";
    /// <summary>Keys of the web host (the database connection): no module reads them.</summary>
    private const string Host = "Host";
    /// <summary>Where the house lives and its public address: any module may read them.</summary>
    private const string Anyone = "Anyone";

    /// <summary>
    /// Who owns a configuration key whose first section is not a module's id, or a key inside a module's section that
    /// another owns (the keys are documented in README, so they keep their names). The longest matching prefix wins;
    /// any other key belongs to the module its first section names.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> KeyOwners = new Dictionary<string, string>
    {
        ["Team"] = "Assignments",                   // Team:IncludeIndirect, the team pages' own setting
        ["Team:CoordinatorScope"] = "Organisation", // which coordinators look after whom: ICoordinatorScope
        ["Scheduling:TimeZone"] = Kernel,           // the city's time zone: the clock (CityTime)
        ["Jobs"] = Kernel,                          // Jobs:{name}:Schedule: ScheduledJobs
        ["Outbox"] = Kernel,
        ["Node:Name"] = Kernel,                     // this web node's name in job runs and logs: WebNode
        ["Modules"] = Kernel,                       // Modules:{Id}:Enabled: ModuleSet
        ["Tenants:Default"] = Kernel,               // the tenant of any host no other claims: Tenancy
        ["Storage"] = "Media",
        ["ConnectionStrings:Blobs"] = "Media",
        ["ConnectionStrings"] = Host,
        ["Smtp"] = "Notifications",
        ["Push"] = "Notifications",
        ["Authentication"] = "Accounts",            // Authentication:Oidc (single sign-on), Authentication:LocalPasswords
        ["PublicUrl"] = Anyone,
        ["DataRoot"] = Anyone,
    };

    private static IReadOnlyList<string> ModuleFolders =>
        Directory.GetDirectories(Areas).Select(Path.GetFileName).OfType<string>().Order().ToList();

    [Fact]
    public void Should_use_other_modules_only_through_their_contracts()
    {
        var modules = ModuleFolders;
        var violations = new List<string>();
        foreach (var module in modules)
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Areas, module), "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs") || f.EndsWith(".cshtml")))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            foreach (Match m in QualifiedName().Matches(lines[i]))
            {
                var other = m.Groups[1].Value;
                if (other == module || !modules.Contains(other)) continue;
                if (m.Groups[2].Value == "Contracts") continue;
                // Learning.Courses alone (a using, or Learning.Courses.SomeType) is the module's inside too.
                violations.Add($"{Path.GetRelativePath(Repository.Root, file)}:{i + 1}: {module} uses {m.Value}");
            }
        }
        Assert.True(violations.Count == 0, "Modules reaching past another module's Contracts/:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Should_find_the_root_namespace_rule_able_to_fail()
    {
        // A module's root namespace, by a using or a qualified type, is not its Contracts.
        Assert.Equal("", QualifiedName().Match("using Learning.Courses;").Groups[2].Value);
        Assert.Equal("Courses", QualifiedName().Match("@using Learning.Courses").Groups[1].Value);
        Assert.Equal("CourseCatalog", QualifiedName().Match("var c = sp.GetRequiredService<Learning.Courses.CourseCatalog>();").Groups[2].Value);
        // A property called Learning is not a namespace.
        Assert.DoesNotMatch(QualifiedName(), "r.Learning.CompletionRate");
    }

    [Fact]
    public void Should_declare_every_file_in_its_own_modules_namespace()
    {
        var wrong = new List<string>();
        foreach (var (owner, file) in OwnedFiles())
        foreach (var problem in NamespaceProblems(owner, File.ReadAllText(file), file.EndsWith(".cs")))
            wrong.Add($"{Path.GetRelativePath(Repository.Root, file)}: {problem}");
        Assert.True(wrong.Count == 0, "Files outside their module's namespace:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Should_find_the_namespace_rule_able_to_fail()
    {
        Assert.Empty(NamespaceProblems("Courses", "namespace Learning.Courses.Domain;", isCode: true));
        Assert.Empty(NamespaceProblems("Courses", "@namespace Learning.Courses.Pages", isCode: false));
        Assert.Single(NamespaceProblems("Courses", "namespace Learning.Enrolments;", isCode: true));
        Assert.Single(NamespaceProblems("Courses", "namespace Learning.CoursesExtra;", isCode: true));
        Assert.Single(NamespaceProblems("Courses", "@namespace Learning.Kernel", isCode: false));
        Assert.Single(NamespaceProblems("Courses", "public sealed class Orphan;", isCode: true));
    }

    [Fact]
    public void Should_read_only_the_configuration_keys_the_module_owns()
    {
        var modules = ModuleFolders;
        var violations = new List<string>();
        foreach (var (owner, file) in OwnedFiles())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            foreach (var problem in ForeignKeys(owner, lines[i], modules))
                violations.Add($"{Path.GetRelativePath(Repository.Root, file)}:{i + 1}: {owner} reads {problem}");
        }
        Assert.True(violations.Count == 0, "Configuration keys read outside the module that owns them:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Should_find_the_configuration_key_rule_able_to_fail()
    {
        string[] modules = ["Assignments", "CareerRecords", "Organisation", "Reports", "Scheduling"];
        Assert.Empty(ForeignKeys("CareerRecords", "configuration.GetValue(\"CareerRecords:RequiredJpPerYear\", 20m)", modules));
        Assert.Single(ForeignKeys("Reports", "configuration.GetValue(\"CareerRecords:RequiredJpPerYear\", 20m)", modules));
        Assert.Single(ForeignKeys("Reports", "configuration.GetValue<decimal>(\"CareerRecords:RequiredJpPerYear\")", modules));
        Assert.Single(ForeignKeys("Reports", "var s = configuration.GetSection(\"CareerRecords\").Get<Options>();", modules));
        Assert.Single(ForeignKeys("Assignments", "configuration[\"Team:CoordinatorScope\"] != \"OwnUnit\"", modules));
        Assert.Empty(ForeignKeys("Assignments", "configuration.GetValue(\"Team:IncludeIndirect\", false)", modules));
        Assert.Single(ForeignKeys("Scheduling", "Configuration[\"Scheduling:TimeZone\"]", modules));
        Assert.Empty(ForeignKeys(Kernel, "configuration[\"Scheduling:TimeZone\"] ?? DefaultZone", modules));
        Assert.Single(ForeignKeys("Reports", "configuration.GetConnectionString(\"Blobs\")", modules));
        Assert.Single(ForeignKeys("Reports", "private const string Key = \"Team:CoordinatorScope\";", modules));
        Assert.Empty(ForeignKeys("Reports", "configuration[\"PublicUrl\"]", modules));
        Assert.Single(ForeignKeys("Reports", "configuration[\"Unheard:Of\"]", modules)); // a key nobody owns
        Assert.Empty(ForeignKeys("Reports", "d.ToString(\"HH:mm\")", modules));
    }

    [Fact]
    public void Should_read_the_city_time_zone_only_in_the_clock()
    {
        // The zone has one reader, Kernel/CityTime.cs; the rest ask the clock (TimeProvider) for the city's date and time.
        var clock = Path.Combine(KernelFolder, "CityTime.cs");
        var src = Path.Combine(Repository.Root, "src");
        var elsewhere = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml")) && f != clock && !IsBuildOutput(f))
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, line, i)))
            .Where(x => ZoneReader().IsMatch(Code(x.line)))
            .Select(x => $"{Path.GetRelativePath(Repository.Root, x.f)}:{x.i + 1}: {x.line.Trim()}").ToList();
        Assert.True(elsewhere.Count == 0, "The city's time zone read outside the clock:\n" + string.Join("\n", elsewhere));
        Assert.Matches(ZoneReader(), "TimeZoneInfo.FindSystemTimeZoneById(configuration[\"Scheduling:TimeZone\"] ?? \"Asia/Jakarta\")");
    }

    /// <summary>
    /// DependsOn lists every module whose Contracts the module uses, directly: the list is the module's own statement of what
    /// it needs, read in one place, and a use covered only through another module's list would break (a missing service at
    /// start) the day that module drops its dependency. A module switched off leaves an empty IEnumerable or a null from
    /// GetService; one used only so is listed in OptionalDependencies instead (the text cannot tell how a contract is
    /// resolved, so the list says it; DatabaseTests runs the house with modules switched off). Every listed module is used.
    /// Use is read from the code: a Learning.X.Contracts name in the module's files (LearningUser and Roles are in Kernel
    /// today; where they move to Accounts.Contracts, the modules that use them list Accounts).
    /// </summary>
    [Fact]
    public void Should_depend_on_exactly_the_modules_whose_contracts_are_used()
    {
        var modules = ModuleFolders;
        var problems = Program.Modules
            .SelectMany(m => DependencyProblems(m.Id, m.DependsOn, m.OptionalDependencies, ContractsUsedBy(m.Id, modules))).ToList();
        Assert.True(problems.Count == 0, "DependsOn does not match what the modules use:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Should_find_the_dependency_rule_able_to_fail()
    {
        Assert.Empty(DependencyProblems("Reports", ["Courses"], [], new HashSet<string> { "Courses" }));
        Assert.Single(DependencyProblems("Reports", [], [], new HashSet<string> { "Courses" }));        // used, not declared
        Assert.Single(DependencyProblems("Reports", ["Courses", "Media"], [], new HashSet<string> { "Courses" })); // declared, unused
        Assert.Empty(DependencyProblems("Reports", [], ["Notifications"], new HashSet<string> { "Notifications" }));
        Assert.Single(DependencyProblems("Reports", [], ["Notifications"], new HashSet<string>()));    // optional, unused
        Assert.Single(DependencyProblems("Reports", ["Notifications"], ["Notifications"], new HashSet<string> { "Notifications" }));
        // Use is read off the code.
        Assert.Equal(["Courses"], ContractsIn("Reports",
            "using Learning.Courses.Contracts;\nusing Learning.Reports.Contracts;\nusing Learning.Kernel;", ["Courses", "Reports"]));
    }

    [Fact]
    public void Should_find_the_module_boundary_rule_able_to_fail()
    {
        // The rule itself: a reference into another module's internals is caught, its Contracts are not.
        Assert.Matches(QualifiedName(), "using Learning.Courses.Domain;");
        Assert.Equal("Contracts", QualifiedName().Match("using Learning.Courses.Contracts;").Groups[2].Value);
    }

    [Fact]
    public void Should_have_one_module_class_per_module_folder()
    {
        var declared = typeof(LearningModule).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(LearningModule)) && !t.IsAbstract)
            .Select(t => ((LearningModule)Activator.CreateInstance(t)!).Id).Order().ToList();
        Assert.Equal(ModuleFolders, declared);
        Assert.Equal(declared, Program.Modules.Select(m => m.Id).Order());
    }

    [Fact]
    public void Should_prefix_every_table_with_the_module_that_owns_it()
    {
        var modules = ModuleSet.Resolve(Program.Modules, new ConfigurationBuilder().Build());
        using var db = new SqliteLearningDbContext(
            new DbContextOptionsBuilder<SqliteLearningDbContext>().UseSqlite("Data Source=:memory:").Options, modules, new EmptyServices());
        var wrong = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            var ns = entity.ClrType.Namespace ?? "";
            var owner = ns.StartsWith("Learning.") && ns != "Learning.Kernel" ? ns.Split('.')[1] : null;
            var allowed = owner is null ? new[] { "Kernel_", "Accounts_" } : [owner + "_"];
            if (!allowed.Any(table.StartsWith)) wrong.Add($"{entity.ClrType.FullName} -> {table}");
        }
        Assert.True(wrong.Count == 0, "Tables without their module's prefix:\n" + string.Join("\n", wrong));
    }

    /// <summary>Each module's .cs and .cshtml files, then the Kernel's.</summary>
    private static IEnumerable<(string Owner, string File)> OwnedFiles() =>
        ModuleFolders.SelectMany(m => SourceFiles(Path.Combine(Areas, m)).Select(f => (m, f)))
            .Concat(SourceFiles(KernelFolder).Select(f => (Kernel, f)));

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".cs") || f.EndsWith(".cshtml"));

    private static bool IsBuildOutput(string file) =>
        file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    /// <summary>The line without a comment that takes it whole (a documented key is not a read one).</summary>
    private static string Code(string line) =>
        line.TrimStart() is var t && (t.StartsWith("//") || t.StartsWith('*') || t.StartsWith("@*")) ? "" : line;

    private static IEnumerable<string> NamespaceProblems(string owner, string text, bool isCode)
    {
        var own = "Learning." + owner;
        var declared = NamespaceDeclaration().Matches(text).Select(m => m.Groups[1].Value).ToList();
        if (isCode && declared.Count == 0) yield return "declares no namespace";
        foreach (var ns in declared.Where(ns => ns != own && !ns.StartsWith(own + ".")))
            yield return $"namespace {ns}, not {own}";
    }

    private static IEnumerable<string> ForeignKeys(string owner, string line, IReadOnlyCollection<string> modules)
    {
        var code = Code(line);
        var keys = ConfigurationRead().Matches(code)
            .Select(m => (Key: (m.Groups["connection"].Success ? "ConnectionStrings:" : "") + m.Groups["key"].Value, Read: true))
            .Concat(KeyLiteral().Matches(code).Select(m => (Key: m.Groups["key"].Value, Read: false)));
        var seen = new HashSet<string>();
        foreach (var (key, read) in keys)
        {
            var keyOwner = OwnerOfKey(key, modules);
            // A literal that only looks like a key ("HH:mm") is skipped; a key given to the configuration needs an owner.
            if (keyOwner is null && !read) continue;
            if (keyOwner == owner || keyOwner == Anyone || !seen.Add(key)) continue;
            yield return keyOwner is null ? $"{key}, which has no owner (add it to KeyOwners)" : $"{key}, owned by {keyOwner}";
        }
    }

    private static string? OwnerOfKey(string key, IReadOnlyCollection<string> modules)
    {
        var sections = key.Split(':').TakeWhile(s => s.Length > 0 && !s.Contains('{')).ToList();
        for (var n = sections.Count; n > 0; n--)
            if (KeyOwners.TryGetValue(string.Join(':', sections.Take(n)), out var owner)) return owner;
        return sections.Count > 0 && modules.Contains(sections[0]) ? sections[0] : null;
    }

    private static IReadOnlySet<string> ContractsUsedBy(string module, IReadOnlyCollection<string> modules) =>
        SourceFiles(Path.Combine(Areas, module)).SelectMany(f => ContractsIn(module, File.ReadAllText(f), modules)).ToHashSet();

    private static IEnumerable<string> ContractsIn(string module, string text, IReadOnlyCollection<string> modules) =>
        QualifiedName().Matches(text)
            .Where(m => m.Groups[2].Value == "Contracts" && m.Groups[1].Value != module && modules.Contains(m.Groups[1].Value))
            .Select(m => m.Groups[1].Value).Distinct();

    private static IEnumerable<string> DependencyProblems(string module, IReadOnlyList<string> dependsOn, IReadOnlyList<string> optional,
        IReadOnlySet<string> used)
    {
        foreach (var m in used.Order().Where(u => !dependsOn.Contains(u) && !optional.Contains(u)))
            yield return $"{module} uses {m}.Contracts but lists {m} in neither DependsOn nor OptionalDependencies";
        foreach (var m in dependsOn.Where(d => !used.Contains(d)))
            yield return $"{module} lists {m} in DependsOn but uses none of its Contracts";
        foreach (var m in optional.Where(d => !used.Contains(d)))
            yield return $"{module} lists {m} in OptionalDependencies but uses none of its Contracts";
        foreach (var m in optional.Where(dependsOn.Contains))
            yield return $"{module} lists {m} both in DependsOn and in OptionalDependencies";
    }

    // Learning.<Module>[.<Next>] in code, e.g. "using Learning.Courses.Domain;" or "using Learning.Courses;" (no Next).
    // Not after a dot or a letter: r.Learning.CompletionRate is a property.
    [GeneratedRegex(@"(?<![\w.])Learning\.([A-Z][A-Za-z]+)\b(?:\.([A-Z][A-Za-z]+))?")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^\s*@?namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    // A key handed to the configuration: configuration["A:B"], .GetValue<T>("A:B"), .GetSection("A"), .GetConnectionString("B"),
    // .BindConfiguration("A"), on a receiver called configuration or Configuration.
    [GeneratedRegex(@"(?:\b[cC]onfiguration\s*\[|\b[cC]onfiguration\s*\.\s*(?:GetValue(?:<[^>()]*>)?|GetSection|GetRequiredSection|(?<connection>GetConnectionString))\s*\(|\.BindConfiguration\s*\()\s*\$?""(?<key>[^""]*)""")]
    private static partial Regex ConfigurationRead();

    // A literal that starts like a key, "Section:Name" (a key kept in a constant or handed to a helper).
    [GeneratedRegex(@"\$?""(?<key>[A-Z][A-Za-z]*:[A-Z{][^""\s]*)")]
    private static partial Regex KeyLiteral();

    // Where the city's time zone could be read: its key, or a zone looked up by name.
    [GeneratedRegex(@"""Scheduling:TimeZone""|FindSystemTimeZoneById")]
    private static partial Regex ZoneReader();

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
