using System.Globalization;
using System.Net;
using System.Text;

namespace Learning.Paths.Definitions;

/// <summary>
/// A path drawn as a server-rendered SVG: one box per step from top to bottom with how many instances stand on it, arrows to the
/// next step, and the jumps (<c>next</c>, <c>on-reject</c>) as labelled arcs on the right. No script, scales to a phone's width.
/// </summary>
public static class PathDiagram
{
    private const int Width = 360, BoxWidth = 280, BoxHeight = 56, Gap = 28, Left = 10;

    /// <param name="labels">What each step does, in words, by step id.</param>
    /// <param name="counts">Instances standing on each step, by step id.</param>
    public static string Svg(PathDefinition definition, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, int> counts, string title)
    {
        var steps = definition.Steps;
        var height = steps.Count * (BoxHeight + Gap) + 10;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"diagram-title\" class=\"path-diagram\">");
        svg.Append("<title id=\"diagram-title\">").Append(E(title)).Append("</title>");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        int Top(int index) => 10 + index * (BoxHeight + Gap);
        var indexOf = steps.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var y = Top(i);
            var count = counts.GetValueOrDefault(step.Id);
            svg.Append(CultureInfo.InvariantCulture,
                $"<g data-step=\"{E(step.Id)}\"><rect x=\"{Left}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"8\" fill=\"{(count > 0 ? "#fff4d6" : "#f4f6f8")}\" stroke=\"#335\" stroke-width=\"1.5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 10}\" y=\"{y + 21}\" font-size=\"13\" font-weight=\"bold\" fill=\"#112\">{E(Cut(labels.GetValueOrDefault(step.Id) ?? step.Id, 30))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 10}\" y=\"{y + 41}\" font-size=\"11\" fill=\"#445\">{E(step.Id)} · {E(step.Kind)}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<circle cx=\"{Left + BoxWidth - 22}\" cy=\"{y + BoxHeight / 2}\" r=\"15\" fill=\"{(count > 0 ? "#b35900" : "#889")}\"/><text x=\"{Left + BoxWidth - 22}\" y=\"{y + BoxHeight / 2 + 4}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#fff\" data-count=\"{count}\">{count}</text></g>");

            if (definition.NextOf(step) is { } next && indexOf.TryGetValue(next, out var target))
                Link(svg, i, target, null, Top);
            if (step.OnReject is { } reject && indexOf.TryGetValue(reject, out var rejected))
                Link(svg, i, rejected, "on-reject", Top);
        }
        return svg.Append("</svg>").ToString();
    }

    private static void Link(StringBuilder svg, int from, int to, string? label, Func<int, int> top)
    {
        var x = Left + BoxWidth / 2;
        if (to == from + 1 && label is null)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{x}\" y1=\"{top(from) + BoxHeight}\" x2=\"{x}\" y2=\"{top(to) - 2}\" stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>");
            return;
        }
        // A jump: out of the right side, along the margin, into the target's right side.
        var right = Left + BoxWidth;
        var lane = right + 20 + Math.Abs(to - from) % 3 * 8;
        var y1 = top(from) + BoxHeight / 2 + 8;
        var y2 = top(to) + BoxHeight / 2 - 8;
        svg.Append(CultureInfo.InvariantCulture,
            $"<path d=\"M{right},{y1} H{lane} V{y2} H{right + 2}\" fill=\"none\" stroke=\"{(label is null ? "#555" : "#a33")}\" stroke-width=\"1.5\" stroke-dasharray=\"{(label is null ? "" : "4 3")}\" marker-end=\"url(#arrow)\"/>");
        if (label is not null)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{lane - 2}\" y=\"{(y1 + y2) / 2}\" font-size=\"9\" fill=\"#a33\" text-anchor=\"end\">{E(label)}</text>");
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
