using Learning.Organisation;
using Microsoft.Extensions.Configuration;

namespace Learning.Modules.Tests.Organisation;

public sealed class CoordinatorScopeSettingTests
{
    private static CoordinatorScopeSetting From(string? scope) =>
        CoordinatorScopeSetting.From(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Team:CoordinatorScope"] = scope }).Build());

    [Theory]
    [InlineData(null, false)]
    [InlineData("City", false)]
    [InlineData("OwnUnit", true)]
    public void Should_read_who_coordinators_look_after(string? scope, bool ownUnitOnly) =>
        Assert.Equal(ownUnitOnly, From(scope).OwnUnitOnly);

    [Fact]
    public void Should_refuse_to_start_with_a_scope_it_does_not_know()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From("Unit"));
        Assert.Equal("Team:CoordinatorScope must be City or OwnUnit, not 'Unit'.", error.Message);
    }
}
