using Learning.Accounts.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Paths.Api;
using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Learning.Paths.Steps;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Learning.Kernel.Text;

namespace Learning.Paths.Pages.Authoring;

/// <summary>
/// Edit a path's YAML (checked exactly as an import is), save it as a draft, publish it as the next version; beside it the
/// published version drawn with the number of instances on each step. "new" starts a path.
/// </summary>
[Authorize(Policy = Roles.Coordinator)]
public sealed class PathModel(PathLibrary library, PathGate gate, LearningDbContext db, IAccountNames names, PathSteps kinds,
    IStringLocalizer text) : PageModel
{
    public const string NewKey = "new";

    public string Key { get; private set; } = NewKey;
    public StoredPath? Published { get; private set; }
    public StoredPath? Draft { get; private set; }
    public IReadOnlyList<StoredPath> Versions { get; private set; } = [];
    public string? Diagram { get; private set; }
    public IReadOnlyList<SourceProblem> Problems { get; private set; } = [];
    public string? Message { get; private set; }

    [BindProperty]
    public string Yaml { get; set; } = "";

    /// <summary>
    /// What the form was made on (hidden field): the draft's revision and the published version. A save or publish on an older
    /// one is refused, naming what changed since, instead of overwriting it.
    /// </summary>
    [BindProperty]
    public string? Base { get; set; }

    public string CurrentBase => $"{Draft?.Revision ?? -1}.{Published?.Version ?? 0}";

    public string? Stale { get; private set; }

    /// <summary>The steps of the text in the box, for the step list; null when the text cannot be read (<see cref="StepsRefusal"/>).</summary>
    public IReadOnlyList<StepRow>? Steps => _steps ??= ReadSteps();
    private IReadOnlyList<StepRow>? _steps;
    public string? StepsRefusal { get; private set; }
    public IReadOnlyList<string> Kinds => kinds.Kinds;

    /// <summary>The step whose fields are open for editing in the list.</summary>
    public int? EditStep { get; private set; }

    /// <summary>The base the form carries: a step change keeps the one it was opened on, so a later save still sees a change made since.</summary>
    public string FormBase => _keepBase && !string.IsNullOrEmpty(Base) ? Base : CurrentBase;
    private bool _keepBase;

    /// <summary>A step-list button: "add", "edit:2", "apply:2", "up:2", "down:2", "remove:2".</summary>
    [BindProperty] public string? Op { get; set; }
    [BindProperty] public string? NewStepId { get; set; }
    [BindProperty] public string? NewStepKind { get; set; }
    [BindProperty] public Dictionary<string, string?> StepFields { get; set; } = [];

    /// <summary>
    /// A change through the step list: applied to the text in the box (with whatever was typed there), written back as YAML and
    /// shown, not saved: "Simpan draf" checks and saves it like any text.
    /// </summary>
    public async Task<IActionResult> OnPostStepAsync(string key, CancellationToken ct)
    {
        if (!await Load(key, ct)) return NotFound();
        _keepBase = true;
        ModelState.Clear();
        var (root, steps, refusal) = PathStepList.Load(Yaml);
        if (root is null || steps is null)
        {
            StepsRefusal = text[refusal!];
            return Page();
        }
        var op = (Op ?? "").Split(':');
        var index = op.Length > 1 && int.TryParse(op[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : -1;
        string? problem = null;
        switch (op[0])
        {
            case "add": problem = PathStepList.Add(steps, kinds, NewStepId, NewStepKind); break;
            case "edit":
                if (index < 0 || index >= steps.Children.Count) problem = "Paths.Steps.NoSuchStep";
                else EditStep = index;
                return problem is null ? Page() : Refuse(problem);
            case "apply": problem = PathStepList.Edit(steps, kinds, index, StepFields); break;
            case "up": if (!PathStepList.Move(steps, index, -1)) problem = "Paths.Steps.NoSuchStep"; break;
            case "down": if (!PathStepList.Move(steps, index, 1)) problem = "Paths.Steps.NoSuchStep"; break;
            case "remove": if (!PathStepList.Remove(steps, index)) problem = "Paths.Steps.NoSuchStep"; break;
            default: problem = "Paths.Steps.NoSuchStep"; break;
        }
        if (problem is not null)
        {
            if (op[0] == "apply") EditStep = index;
            return Refuse(problem);
        }
        Yaml = PathStepList.Write(root);
        // The box now shows the new text; the browser must not put back what it posted.
        ModelState.Remove(nameof(Yaml));
        _steps = null;
        Message = text["Paths.Steps.Changed"];
        return Page();
    }

    private PageResult Refuse(string problem)
    {
        StepsProblem = text[problem];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public string? StepsProblem { get; private set; }

    private IReadOnlyList<StepRow>? ReadSteps()
    {
        var (_, steps, refusal) = PathStepList.Load(Yaml);
        if (steps is null)
        {
            StepsRefusal ??= text[refusal!];
            return null;
        }
        return PathStepList.Rows(steps, kinds);
    }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        if (!await Load(key, ct)) return NotFound();
        Yaml = Draft?.Yaml ?? Published?.Yaml ?? Template;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string key, CancellationToken ct)
    {
        if (!await Load(key, ct)) return NotFound();
        if (await Changed(ct)) return Refused();
        var saved = await library.SaveDraft(key == NewKey ? null : key, Yaml, User.GetUserId(), ct);
        if (!saved.Succeeded)
        {
            Problems = saved.Problems;
            return Page();
        }
        return Redirect($"/authoring/paths/{saved.Draft!.Key}?saved=1");
    }

    public async Task<IActionResult> OnPostPublishAsync(string key, CancellationToken ct)
    {
        if (key == NewKey || !await Load(key, ct)) return NotFound();
        if (await Changed(ct)) return Refused();
        // Publish what is in the box: saved (and checked) first, so a bad text never becomes a version.
        var saved = await library.SaveDraft(key, Yaml, User.GetUserId(), ct);
        if (!saved.Succeeded)
        {
            Problems = saved.Problems;
            return Page();
        }
        var published = await library.Publish(key, ct);
        return Redirect($"/authoring/paths/{key}?published={published?.Version}");
    }

    private async Task<bool> Changed(CancellationToken ct)
    {
        if (Key == NewKey || string.IsNullOrEmpty(Base) || Base == CurrentBase) return false;
        var latest = Versions.OrderByDescending(v => v.UpdatedAt).First();
        var who = latest.UpdatedBy is { } by
            ? await names.Of(by, ct) : null;
        var when = HttpContext.RequestServices.GetRequiredService<CityFormat>().DateAndTime(latest.UpdatedAt);
        who ??= text["Paths.Authoring.SomeoneElse"];
        var seenVersion = Base.Split('.') is [_, var v] && int.TryParse(v, out var n) ? n : 0;
        Stale = Published is { } p && p.Version != seenVersion
            ? text["Paths.Authoring.StalePublished", p.Version, who, when]
            : text["Paths.Authoring.StaleDraft", who, when];
        return true;
    }

    // The text typed stays in the box; nothing is written over the other change.
    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> Load(string key, CancellationToken ct)
    {
        Key = key;
        if (Request.Query["saved"] == "1") Message = text["Paths.Authoring.Saved"];
        if (Request.Query["published"] is { Count: 1 } v) Message = text["Paths.Authoring.PublishedNow", v.ToString()];
        if (key == NewKey) return true;
        Versions = await db.Set<StoredPath>().AsNoTracking().Where(p => p.Key == key && !p.Builtin).OrderByDescending(p => p.Version).ToListAsync(ct);
        if (Versions.Count == 0) return false;
        Published = Versions.FirstOrDefault(p => p.Status == DefinitionStatuses.Published);
        Draft = Versions.FirstOrDefault(p => p.IsDraft);
        if (Published is not null)
        {
            var definition = await library.Definition(Published.Id, ct);
            var labels = new Dictionary<string, string>();
            foreach (var step in definition.Steps) labels[step.Id] = await gate.Describe(definition, step, ct);
            Diagram = PathDiagram.Svg(definition, labels, await PathsApi.StepCounts(db, Published.Id, ct),
                text["Paths.Authoring.DiagramTitle", definition.Title, definition.Version]);
        }
        return true;
    }

    private const string Template = """
        key: jalur-baru
        title: Jalur baru
        version: 1
        steps:
          - id: persetujuan-atasan
            kind: request-approval
            approver: supervisor
            timeout: P3D
            on-timeout: escalate
          - id: ikuti-kursus
            kind: complete-course
            course: spbe-dasar
          - id: terbitkan-sertifikat
            kind: issue-certificate
            course: spbe-dasar

        """;
}
