namespace Learning.Kernel;

/// <summary>
/// A part of the home page ("my learning") contributed by a module: the page renders the named view
/// component of each registered section, by order. This lets modules that build on Enrolments
/// (certificates, the JP ledger) show on the home page without Enrolments knowing them.
/// </summary>
public sealed record HomeSection(int Order, string ViewComponent);
