using System.Reflection;
using System.Text.RegularExpressions;
using Learning.Kernel;

namespace Learning.Modules.Tests.Architecture;

/// <summary>
/// The Kernel is the frame every module stands on (modules, the one context with events and outbox, the clock, caching,
/// the small HTTP and text helpers), never a module's rule: it names no module and no login type.
/// </summary>
public sealed partial class KernelFrameTests
{
    private static readonly string Kernel = Path.Combine(Repository.Root, "src", "Learning.Modules", "Kernel");

    /// <summary>A new file here is a new frame part: add it to the list only if every module needs it.</summary>
    private static readonly string[] Frame =
    [
        "Caller.cs", "CityTime.cs", "CompiledQuery.cs", "Conflicts.cs", "Decisions.cs", "ContentCache.cs", "DomainEvents.cs", "EmailDelivery.cs", "Ids.cs", "JsonBodies.cs", "LearningDbContext.cs",
        "LearningModule.cs", "Localization.cs", "Menu.cs", "Outbox.cs", "OutboxProcessor.cs", "PersonalPages.cs", "Problems.cs",
        "ScheduledJob.cs", "Stamps.cs", "SyntheticData.cs", "Tenancy.cs", "ThemeOptions.cs",
        "Text/CsvInput.cs", "Text/CsvText.cs", "Text/SafeYaml.cs", "Text/SourceProblem.cs",
    ];

    [Fact]
    public void Should_keep_only_the_frame_files_in_the_kernel()
    {
        var files = Directory.EnumerateFiles(Kernel, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Kernel, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/") && !f.StartsWith("obj/"))
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Frame.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void Should_name_no_module_and_no_login_type_in_the_kernel_source()
    {
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Kernel, "*.cs", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                if (ForeignName(lines[i]) is { } name)
                    violations.Add($"{Path.GetRelativePath(Repository.Root, file)}:{i + 1}: {name}");
        }
        Assert.True(violations.Count == 0, "The Kernel names what belongs to a module:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Should_let_no_kernel_type_use_a_module_or_identity_type()
    {
        var kernelTypes = typeof(LearningDbContext).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns == "Learning.Kernel" || ns.StartsWith("Learning.Kernel.", StringComparison.Ordinal)));
        var violations = kernelTypes.SelectMany(t => ForeignTypesIn(t).Select(f => $"{t.FullName} uses {f.FullName}")).ToList();

        Assert.True(violations.Count == 0, "Kernel types reaching into modules or Identity:\n" + string.Join("\n", violations));
        Assert.True(typeof(LearningDbContext).BaseType == typeof(Microsoft.EntityFrameworkCore.DbContext));
    }

    [Fact]
    public void Should_find_the_kernel_rules_able_to_fail()
    {
        Assert.Equal("Learning.Accounts.Contracts", ForeignName("using Learning.Accounts.Contracts;"));
        Assert.Equal("Microsoft.AspNetCore.Identity", ForeignName("using Microsoft.AspNetCore.Identity;"));
        Assert.Null(ForeignName("using Learning.Kernel.Text;"));
        Assert.Contains(typeof(Microsoft.AspNetCore.Identity.IdentityUser<>), ForeignTypesIn(typeof(Leaky)));
        Assert.Contains(typeof(Learning.Accounts.Contracts.LearningUser), ForeignTypesIn(typeof(Leaky)));
    }

    private static string? ForeignName(string line)
    {
        var match = ModuleOrIdentity().Match(line);
        return match.Success ? match.Value : null;
    }

    /// <summary>Types in the signatures of a type (base, interfaces, fields, properties, methods, constructors) that a frame must not know.</summary>
    private static IEnumerable<Type> ForeignTypesIn(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var used = new List<Type>();
        if (type.BaseType is { } baseType) used.Add(baseType);
        used.AddRange(type.GetInterfaces());
        used.AddRange(type.GetFields(all).Select(f => f.FieldType));
        used.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info) used.Add(info.ReturnType);
            used.AddRange(method.GetParameters().Select(p => p.ParameterType));
        }
        return used.SelectMany(Unwrap).Where(IsForeign).Distinct();
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType && type.GetElementType() is { } element) return Unwrap(element);
        var self = new[] { type.IsGenericType ? type.GetGenericTypeDefinition() : type };
        return type.IsGenericType ? self.Concat(type.GetGenericArguments().SelectMany(Unwrap)) : self;
    }

    private static bool IsForeign(Type type) => type.Namespace is { } ns && ModuleOrIdentity().IsMatch(ns);

    // A module's namespace (Learning.<Module>, not Learning.Kernel or Learning.Web) or ASP.NET Core Identity's.
    [GeneratedRegex(@"\bLearning\.(?!Kernel\b|Web\b|Modules\b)[A-Z][A-Za-z]+(\.[A-Z][A-Za-z]+)*|\bMicrosoft\.AspNetCore\.Identity\b")]
    private static partial Regex ModuleOrIdentity();

    private sealed class Leaky(Learning.Accounts.Contracts.LearningUser user)
    {
        public Microsoft.AspNetCore.Identity.IdentityUser<Guid> Login => user;
    }
}
