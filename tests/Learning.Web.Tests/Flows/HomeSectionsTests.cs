using Learning.CareerRecords.Components;
using Learning.Certification.Components;
using Learning.Enrolments.Contracts;
using Learning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Web.Tests.Flows;

/// <summary>The home page's sections are contributions by type, each on a place of its own.</summary>
public sealed class HomeSectionsTests
{
    [Fact]
    public async Task Should_show_the_contributed_home_sections_each_on_its_own_place_in_the_same_order_as_before()
    {
        await using var app = new LearningApp();
        _ = app.CreateClient();

        var sections = HomeSections.InOrder(app.Services.GetServices<IHomeSection>());

        Assert.Equal(sections.Count, sections.Select(s => s.Place).Distinct().Count());
        Assert.Equal(["PendingAssessments", "MyAssignments", "JpBar", "MyPaths", "MyCertificates", "CompetencyGaps"],
            sections.Select(s => s.ViewComponent.Name.Replace("ViewComponent", "")));
    }

    [Fact]
    public void Should_refuse_two_home_sections_on_one_place()
    {
        IHomeSection[] sections = [new HomeSection<JpBarViewComponent>(30), new HomeSection<MyCertificatesViewComponent>(30)];

        var refused = Assert.Throws<InvalidOperationException>(() => HomeSections.InOrder(sections));
        Assert.Contains("JpBarViewComponent", refused.Message);
        Assert.Contains("MyCertificatesViewComponent", refused.Message);
    }
}
