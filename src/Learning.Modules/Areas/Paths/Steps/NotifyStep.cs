using Learning.Notifications.Contracts;
using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Microsoft.Extensions.Localization;

namespace Learning.Paths.Steps;

/// <summary>notify: a notice with the step's <c>message</c> to the learner, their supervisor or their coordinators; done at once.</summary>
public sealed class NotifyStep(INotifier notifier, IStringLocalizer text) : IPathStep
{
    public string Kind => StepKinds.Notify;

    public IReadOnlyList<string> Fields { get; } = ["to", "message"];

    public PathStep Read(PathYaml.Fields map, PathStep step)
    {
        var to = map.Text("to", required: true);
        if (to is not null && !StepWords.Recipients.Contains(to))
            map.Problem(map.LineOf("to"), "UnknownRecipient", to, string.Join(" | ", StepWords.Recipients));
        return step with { To = to, Message = map.Text("message", required: true) };
    }

    public async Task<StepOutcome> Run(StepRun run, CancellationToken ct)
    {
        if (!run.Facts.Notified.Contains(run.Step.Id))
        {
            await Notify(run, ct);
            run.Facts.Notified.Add(run.Step.Id);
        }
        return run.Done();
    }

    private async Task Notify(StepRun run, CancellationToken ct)
    {
        var (engine, instance, definition, step) = (run.Engine, run.Instance, run.Definition, run.Step);
        if (step.To == StepWords.Coordinator)
        {
            // Every coordinator who looks after the learner, each once per instance and step (the key names the recipient).
            var names = new List<string>();
            foreach (var coordinator in await engine.CoordinatorsOf(instance.EmployeeId, ct))
            {
                await notifier.NotifyEmployee(coordinator.Id, new Notice($"path-notify:{instance.Id}:{step.Id}:{coordinator.Id}",
                    "Paths.Notices.Message", [definition.Title, step.Message ?? ""], $"/paths/instances/{instance.Id}", NoticeKind.Messages), ct);
                names.Add($"{coordinator.Name} ({coordinator.Nip})");
            }
            run.History(HistoryKinds.Notified, $"{step.To}: {(names.Count == 0 ? "-" : string.Join(", ", names))}");
            return;
        }
        Guid? to = step.To switch
        {
            StepWords.Learner => instance.EmployeeId,
            StepWords.Supervisor => (await engine.Person(instance.EmployeeId, ct))?.SupervisorId,
            _ => null,
        };
        if (to is { } person)
            await notifier.NotifyEmployee(person, new Notice($"path-notify:{instance.Id}:{step.Id}", "Paths.Notices.Message",
                [definition.Title, step.Message ?? ""], $"/paths/instances/{instance.Id}", NoticeKind.Messages), ct);
        run.History(HistoryKinds.Notified, to is { } p ? $"{step.To}: {(await engine.ActorOf(p, ct)).Name}" : $"{step.To}: -");
    }

    public string Describe(PathStep step, string courses) => text["Paths.Step.Notify", step.To ?? ""];
}
