using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Learning.Paths.Steps;

/// <summary>
/// One kind of step a path may use (<c>kind:</c> in the YAML): it reads and checks its own fields, runs when the engine comes to
/// it, and says in words what it does. The engine keeps the rest (claims, delivery, history of moving on). A new kind is one
/// class registered with <see cref="PathStepRegistration.AddPathStep{TStep}"/> plus its strings.
/// </summary>
public interface IPathStep
{
    /// <summary>The name written as <c>kind:</c>; two kinds never share one.</summary>
    string Kind { get; }

    /// <summary>Its own YAML fields, besides those every step has (id, kind, title, next).</summary>
    IReadOnlyList<string> Fields { get; }

    /// <summary>Reads its fields into the step; every problem goes to <paramref name="fields"/> with its line.</summary>
    PathStep Read(PathYaml.Fields fields, PathStep step);

    /// <summary>
    /// Runs the step for an instance standing on it: done (where next), waiting for an event, or the path ended. Called again
    /// after every event until it is done, so what it does once (a request, a notice) it notes in the instance's facts.
    /// </summary>
    Task<StepOutcome> Run(StepRun run, CancellationToken ct);

    /// <summary>What the step does, in words, for the diagram and the learner's pages; <paramref name="courses"/> names its courses.</summary>
    string Describe(PathStep step, string courses);
}

/// <summary>What a step's run comes to.</summary>
public abstract record StepOutcome
{
    /// <summary>Stays on the step until an event moves it.</summary>
    public static readonly StepOutcome Waiting = new Wait();

    public sealed record Wait : StepOutcome;
    /// <summary>The step is done; <see cref="Next"/> null ends the path completed.</summary>
    public sealed record Done(string? Next) : StepOutcome;
    /// <summary>The path ends here, cancelled with the outcome.</summary>
    public sealed record End(string Outcome) : StepOutcome;
}

/// <summary>What the engine hands a step when it runs it: the instance standing on it, its facts, the definition, and the engine's people and history.</summary>
public sealed class StepRun(PathEngine engine, PathInstance instance, PathDefinition definition, PathStep step, InstanceFacts facts, DateTime now)
{
    public PathEngine Engine => engine;
    public PathInstance Instance => instance;
    public PathDefinition Definition => definition;
    public PathStep Step => step;
    public InstanceFacts Facts => facts;
    public DateTime Now => now;

    /// <summary>Done: on to the step's <c>next</c>, else the following step.</summary>
    public StepOutcome Done() => new StepOutcome.Done(definition.NextOf(step));

    public StepOutcome GoTo(string stepId) => new StepOutcome.Done(stepId);

    public StepOutcome End(string outcome) => new StepOutcome.End(outcome);

    /// <summary>A history entry of this step, by the engine.</summary>
    public void History(string kind, string detail) => engine.History(instance, kind, step.Id, Actor.System, detail);

    /// <summary>A history entry of this step by someone (an approval given by assigning).</summary>
    public void History(string kind, string detail, Actor actor) => engine.History(instance, kind, step.Id, actor, detail);
}

/// <summary>The registered step kinds by name; refuses two with the same name.</summary>
public sealed class PathSteps
{
    private readonly Dictionary<string, IPathStep> _byKind = new(StringComparer.Ordinal);

    public PathSteps(IEnumerable<IPathStep> steps)
    {
        All = steps.ToList();
        foreach (var step in All)
            if (!_byKind.TryAdd(step.Kind, step))
                throw new InvalidOperationException(
                    $"Two path step kinds are called '{step.Kind}': {_byKind[step.Kind].GetType().Name} and {step.GetType().Name}.");
    }

    /// <summary>In the order they were registered (the order the "unknown kind" message lists them).</summary>
    public IReadOnlyList<IPathStep> All { get; }

    public IReadOnlyList<string> Kinds => All.Select(s => s.Kind).ToList();

    public IPathStep? Of(string kind) => _byKind.GetValueOrDefault(kind);
}

public static class PathStepRegistration
{
    /// <summary>Adds a step kind paths may use (scoped: a kind takes the services it runs with).</summary>
    public static IServiceCollection AddPathStep<TStep>(this IServiceCollection services) where TStep : class, IPathStep
    {
        services.TryAddScoped<PathSteps>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPathStep, TStep>());
        return services;
    }
}
