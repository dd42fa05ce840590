using Learning.Courses.Contracts;
using Microsoft.Extensions.Localization;
using Learning.Kernel.Text;

namespace Learning.Courses.Content;

/// <summary>A problem before it is put in words: the text is "Courses.Import.{Key}" in Strings.*.json.</summary>
internal sealed record ContentProblem(string File, int Line, string Key, object[] Args);

internal sealed class ProblemList
{
    private readonly List<ContentProblem> _items = [];

    public int Count => _items.Count;

    public IReadOnlyList<ContentProblem> Items => _items;

    public void Add(string file, int line, string key, params object[] args) => _items.Add(new(file, line, key, args));

    /// <summary>In file and line order, worded in the current UI culture.</summary>
    public IReadOnlyList<SourceProblem> Localize(IStringLocalizer text) =>
        _items.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line)
            .Select(p => new SourceProblem(p.File, p.Line, text[$"Courses.Import.{p.Key}", p.Args]))
            .ToList();
}
