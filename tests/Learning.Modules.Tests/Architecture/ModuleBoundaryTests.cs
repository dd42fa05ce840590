using System.Text.RegularExpressions;
using Learning.Kernel;
using Learning.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Learning.Modules.Tests.Architecture;

/// <summary>Modules meet only through each other's Contracts/, and each keeps to its own tables.</summary>
public sealed partial class ModuleBoundaryTests
{
    private static readonly string Areas = Path.Combine(Repository.Root, "src", "Learning.Modules", "Areas");

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
                violations.Add($"{Path.GetRelativePath(Repository.Root, file)}:{i + 1}: {module} uses {m.Value}");
            }
        }
        Assert.True(violations.Count == 0, "Modules reaching past another module's Contracts/:\n" + string.Join("\n", violations));
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

    // Learning.<Module>.<Next> in code, e.g. "using Learning.Courses.Domain;".
    [GeneratedRegex(@"\bLearning\.([A-Z][A-Za-z]+)\.([A-Z][A-Za-z]+)")]
    private static partial Regex QualifiedName();

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
