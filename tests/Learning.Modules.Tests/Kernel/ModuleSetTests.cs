using Learning.Kernel;
using Microsoft.Extensions.Configuration;

namespace Learning.Modules.Tests.Kernel;

public sealed class ModuleSetTests
{
    private sealed class Module(string id, params string[] dependsOn) : LearningModule
    {
        public override string Id => id;
        public override IReadOnlyList<string> DependsOn => dependsOn;
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Should_fail_with_a_clear_message_when_a_dependency_is_not_listed()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ModuleSet.Resolve([new Module("Courses", "Media")], Config()));
        Assert.Equal("Module 'Courses' depends on module 'Media', but it is not listed in Program.cs. " +
                     "Enable 'Media' or switch off 'Courses' (Modules:Courses:Enabled=false).", error.Message);
    }

    [Fact]
    public void Should_fail_when_a_dependency_is_switched_off()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ModuleSet.Resolve([new Module("Media"), new Module("Courses", "Media")], Config(("Modules:Media:Enabled", "false"))));
        Assert.Contains("switched off in configuration (Modules:Media:Enabled=false)", error.Message);
    }

    [Fact]
    public void Should_leave_out_a_module_switched_off_in_configuration()
    {
        var set = ModuleSet.Resolve([new Module("Media"), new Module("Courses", "Media")], Config(("Modules:Courses:Enabled", "false")));
        Assert.Equal(["Media"], set.Modules.Select(m => m.Id));
        Assert.False(set.IsEnabled("Courses"));
    }

    [Fact]
    public void Should_order_modules_after_what_they_depend_on()
    {
        var set = ModuleSet.Resolve([new Module("Courses", "Media"), new Module("Media")], Config());
        Assert.Equal(["Media", "Courses"], set.Modules.Select(m => m.Id));
    }

    [Fact]
    public void Should_refuse_a_module_listed_twice_and_a_dependency_cycle()
    {
        Assert.Contains("listed twice", Assert.Throws<InvalidOperationException>(() =>
            ModuleSet.Resolve([new Module("Media"), new Module("Media")], Config())).Message);
        Assert.Contains("cycle", Assert.Throws<InvalidOperationException>(() =>
            ModuleSet.Resolve([new Module("A", "B"), new Module("B", "A")], Config())).Message);
    }

    [Fact]
    public void Should_prefix_tables_with_the_module_id() =>
        Assert.Equal("Courses_Lessons", new Module("Courses").Table("Lessons"));
}
