using Microsoft.AspNetCore.Mvc;

namespace Learning.Enrolments.Contracts;

/// <summary>
/// A part of the home page ("my learning", Enrolments' index) contributed by a module: the page renders each section's view
/// component, by place. Modules that build on Enrolments (certificates, the JP ledger) show there without Enrolments knowing them.
/// </summary>
public interface IHomeSection
{
    /// <summary>Where the section stands on the page, lowest first; two sections never share a place.</summary>
    int Place { get; }

    Type ViewComponent { get; }
}

/// <summary>The section rendered by <typeparamref name="TViewComponent"/> at <paramref name="place"/>.</summary>
public sealed class HomeSection<TViewComponent>(int place) : IHomeSection where TViewComponent : ViewComponent
{
    public int Place => place;
    public Type ViewComponent => typeof(TViewComponent);
}

public static class HomeSections
{
    /// <summary>The sections by place; fails when two share one (which would come first would depend on module order).</summary>
    public static IReadOnlyList<IHomeSection> InOrder(IEnumerable<IHomeSection> sections)
    {
        var ordered = sections.OrderBy(s => s.Place).ToList();
        for (var i = 1; i < ordered.Count; i++)
            if (ordered[i].Place == ordered[i - 1].Place)
                throw new InvalidOperationException(
                    $"Home sections {ordered[i - 1].ViewComponent.Name} and {ordered[i].ViewComponent.Name} share place {ordered[i].Place}.");
        return ordered;
    }
}
