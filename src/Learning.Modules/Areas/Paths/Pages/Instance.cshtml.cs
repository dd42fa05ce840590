using System.Globalization;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Paths.Api;
using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Paths.Pages;

/// <summary>One instance as a timeline: where it stands, what comes next, and every transition with who caused it.</summary>
public sealed class InstanceModel(LearningDbContext db, IOrganisationDirectory organisation, PathGate gate, ICourseCatalog catalog,
    IStringLocalizer text, CityFormat format) : PageModel
{
    /// <summary>A history entry as people read it: the step by its name, course titles for slugs, words for the engine's values.</summary>
    public sealed record Line(HistoryEntry Entry, string Kind, string? Step, string Actor, string Detail);

    public Standing Standing { get; private set; } = null!;
    public EmployeeInfo? Learner { get; private set; }
    public IReadOnlyList<Line> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await PathsApi.Readable(id, User, db, organisation, ct) is not { } instance) return NotFound();
        Standing = await gate.Standing(instance, ct);
        Learner = await organisation.FindEmployee(instance.EmployeeId, ct);
        var entries = (await db.Set<HistoryEntry>().AsNoTracking().Where(h => h.InstanceId == id).ToListAsync(ct))
            .OrderBy(h => h.At).ThenBy(h => h.Id).ToList();
        History = await Lines(entries, ct);
        return Page();
    }

    /// <summary>Outcome words (rejected, lapsed …) as the reader's.</summary>
    public string Outcome(string outcome) => Word("Paths.Outcome", outcome);

    private string Word(string prefix, string value) => text[$"{prefix}.{value}"] is { ResourceNotFound: false } w ? w.Value : value;

    private async Task<IReadOnlyList<Line>> Lines(IReadOnlyList<HistoryEntry> entries, CancellationToken ct)
    {
        var definition = Standing.Definition;
        var steps = new Dictionary<string, string>();
        foreach (var stepId in entries.Select(e => e.Step).OfType<string>().Distinct())
            steps[stepId] = definition.Step(stepId) is { } step ? await gate.Describe(definition, step, ct) : stepId;
        var outlines = new Dictionary<string, CourseOutline?>();
        async Task<CourseOutline?> Course(string slug)
        {
            if (!outlines.TryGetValue(slug, out var outline)) outlines[slug] = outline = await catalog.Find(slug, ct);
            return outline;
        }
        async Task<string> CourseTitle(string slug) => (await Course(slug))?.Course.Title ?? slug;

        var lines = new List<Line>();
        foreach (var h in entries)
        {
            var actor = h.Actor == Engine.Actor.System.Name ? text["Paths.Actor.System"].Value : h.Actor;
            lines.Add(new Line(h, Word("Paths.History", h.Kind), h.Step is { } s ? steps.GetValueOrDefault(s, s) : null, actor,
                await Detail(h, CourseTitle, Course)));
        }
        return lines;
    }

    /// <summary>
    /// The detail the engine wrote (language-free values: a step kind, a decision, a course slug, a yyyy-MM-dd date) in the reader's words.
    /// What it cannot read (a reason someone typed, a fault) is shown as written.
    /// </summary>
    private async Task<string> Detail(HistoryEntry h, Func<string, Task<string>> courseTitle, Func<string, Task<CourseOutline?>> course)
    {
        var d = h.Detail;
        if (d.Length == 0) return d;
        string Words(string prefix, string value) => Word(prefix, value);
        static (string, string?) Split(string value, string separator)
        {
            var at = value.IndexOf(separator, StringComparison.Ordinal);
            return at < 0 ? (value, null) : (value[..at], value[(at + separator.Length)..]);
        }
        switch (h.Kind)
        {
            case HistoryKinds.Started when d.LastIndexOf(" v", StringComparison.Ordinal) is var v and > 0
                                          && int.TryParse(d[(v + 2)..], CultureInfo.InvariantCulture, out var version):
                return text["Paths.Instance.Version", version];
            case HistoryKinds.StepStarted or HistoryKinds.StepCompleted:
                return Words("Paths.StepKind", d);
            case HistoryKinds.LessonCompleted when Split(d, "/") is (var slug, { } lesson):
                var outline = await course(slug);
                var lessonTitle = outline?.Modules.SelectMany(m => m.Lessons).FirstOrDefault(l => l.Key == lesson)?.Title ?? lesson;
                return $"{outline?.Course.Title ?? slug} · {lessonTitle}";
            case HistoryKinds.CourseCompleted or HistoryKinds.CourseEnrolled:
                return await courseTitle(d);
            case HistoryKinds.AssessmentPassed or HistoryKinds.AssessmentFailed
                when Split(d, ": ") is (var slug, { } rest) && Split(rest, " (") is (var score, { } attempt):
                return text["Paths.HistoryDetail.Score", await courseTitle(slug), ScoreIn(score, format.Culture), attempt.TrimEnd(')')];
            case HistoryKinds.ApprovalRequested or HistoryKinds.ApprovalEscalated:
                return d is StepWords.Coordinator or StepWords.Supervisor ? Words("Paths.Word", d) : d;
            case HistoryKinds.ApprovalDecided:
                var (decision, reason) = Split(d, ": ");
                return reason is null ? Words("Paths.Decision", decision) : $"{Words("Paths.Decision", decision)}: {reason}";
            case HistoryKinds.ApprovalTimedOut:
                return Words("Paths.Word", d);
            case HistoryKinds.Notified when Split(d, ": ") is (var to, { } names):
                return $"{Words("Paths.Word", to)}: {names}";
            case HistoryKinds.ReassessmentOpened when Split(d, ": ") is (var number, { } closes):
                return text["Paths.HistoryDetail.Until", number, format.Argument(closes)];
            case HistoryKinds.CertificateExpired when Split(d, ": ") is (var number, { } on):
                return text["Paths.HistoryDetail.On", number, format.Argument(on)];
            case HistoryKinds.CertificateRenewed when Split(d, " (") is (var slug, { } round):
                var notRenewed = round.EndsWith("): -", StringComparison.Ordinal);
                var n = round[..round.IndexOf(')')];
                return text[notRenewed ? "Paths.HistoryDetail.NotRenewed" : "Paths.HistoryDetail.Round", await courseTitle(slug), n];
            case HistoryKinds.Completed or HistoryKinds.Cancelled:
                return Words("Paths.Outcome", d);
            default:
                return d;
        }
    }

    /// <summary>The score as the engine wrote it (87.5) in the reader's numbers (87,5); one written in another's numbers stays as it is.</summary>
    private static string ScoreIn(string score, CultureInfo culture) =>
        decimal.TryParse(score, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value.ToString("0.#", culture) : score;
}
