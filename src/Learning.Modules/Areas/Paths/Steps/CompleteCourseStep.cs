using Learning.Courses.Contracts;
using Learning.Paths.Definitions;
using Microsoft.Extensions.Localization;

namespace Learning.Paths.Steps;

/// <summary>
/// complete-course: every lesson of each course (<c>course</c> or <c>courses</c>) done, or the enrolment completed. Each course
/// other than the path's first is enrolled on when the step begins, as part of the same path.
/// </summary>
public sealed class CompleteCourseStep(ICourseCatalog catalog, IStringLocalizer text) : IPathStep
{
    public string Kind => StepKinds.CompleteCourse;

    public IReadOnlyList<string> Fields { get; } = ["course", "courses"];

    public PathStep Read(PathYaml.Fields map, PathStep step) => step with { Courses = map.Courses() };

    public async Task<StepOutcome> Run(StepRun run, CancellationToken ct)
    {
        // The step has begun: each of its courses gets an enrolment of this path now, not before (blended training).
        foreach (var slug in run.Step.Courses) await run.Engine.EnrolFurther(run.Instance, run.Step, run.Facts, slug, ct);
        foreach (var slug in run.Step.Courses)
            if (!await CourseDone(slug, run.Facts, ct)) return StepOutcome.Waiting;
        return run.Done();
    }

    private async Task<bool> CourseDone(string slug, InstanceFacts facts, CancellationToken ct)
    {
        if (facts.Completed.ContainsKey(slug)) return true;
        if (!facts.Lessons.TryGetValue(slug, out var done) || done.Count == 0) return false;
        var course = await catalog.Find(slug, ct);
        var keys = course?.Modules.SelectMany(m => m.Lessons).Select(l => l.Key).ToList() ?? [];
        return keys.Count > 0 && keys.All(done.Contains);
    }

    public string Describe(PathStep step, string courses) => text["Paths.Step.CompleteCourse", courses];
}
