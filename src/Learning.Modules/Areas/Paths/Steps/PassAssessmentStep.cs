using Learning.Paths.Definitions;
using Microsoft.Extensions.Localization;

namespace Learning.Paths.Steps;

/// <summary>pass-assessment: the course's assessment passed with at least <c>min_score</c>; <c>max_attempts</c> failures end the path.</summary>
public sealed class PassAssessmentStep(IStringLocalizer text) : IPathStep
{
    public string Kind => StepKinds.PassAssessment;

    public IReadOnlyList<string> Fields { get; } = ["course", "min_score", "max_attempts", "cooldown"];

    public PathStep Read(PathYaml.Fields map, PathStep step)
    {
        var courses = map.OneCourse(required: true);
        if (courses.Count == 1 && map.LacksAssessment(courses[0])) map.Problem(map.LineOf("course"), "NoAssessment", courses[0]);
        return step with
        {
            Courses = courses,
            MinScore = map.Int("min_score", false, 0, 100),
            MaxAttempts = map.Int("max_attempts", false, 1, 100),
            Cooldown = map.Duration("cooldown"),
        };
    }

    public Task<StepOutcome> Run(StepRun run, CancellationToken ct)
    {
        var (step, facts) = (run.Step, run.Facts);
        var slug = run.Definition.CourseOf(step);
        if (facts.Passed.TryGetValue(slug, out var score) && score >= (step.MinScore ?? 0)) return Task.FromResult(run.Done());
        if (step.MaxAttempts is { } max && facts.Failures.GetValueOrDefault(slug) >= max) return Task.FromResult(run.End(Outcomes.AttemptsUsedUp));
        return Task.FromResult(StepOutcome.Waiting);
    }

    public string Describe(PathStep step, string courses) => text["Paths.Step.PassAssessment", courses];
}
