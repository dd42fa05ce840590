using Learning.Paths.Definitions;
using Microsoft.Extensions.Localization;

namespace Learning.Paths.Steps;

/// <summary>reassess: the path's last step, for as long as the certificate lives; its rounds open and close by events (PathReactions).</summary>
public sealed class ReassessStep(IStringLocalizer text) : IPathStep
{
    public string Kind => StepKinds.Reassess;

    public IReadOnlyList<string> Fields { get; } = ["course", "every_months", "window_days", "lapse"];

    public PathStep Read(PathYaml.Fields map, PathStep step)
    {
        if (map.Get("next", false) is { } next) map.Problem(next, "ReassessIsLast");
        var lapse = map.Text("lapse", required: false);
        if (lapse is not null && lapse is not ("competencies" or "certificate"))
            map.Problem(map.LineOf("lapse"), "UnknownLapse", lapse);
        return step with
        {
            Courses = map.OneCourse(required: false),
            EveryMonths = map.Int("every_months", false, 1, 600),
            WindowDays = map.Int("window_days", false, 1, 3650),
        };
    }

    // Waits here for good: the certificate's reassessment window opens and closes by events (see PathReactions).
    public Task<StepOutcome> Run(StepRun run, CancellationToken ct) => Task.FromResult(StepOutcome.Waiting);

    public string Describe(PathStep step, string courses) => text["Paths.Step.Reassess", courses];
}
