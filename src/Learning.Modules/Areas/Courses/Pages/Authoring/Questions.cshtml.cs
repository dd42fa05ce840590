using System.Globalization;
using Learning.Accounts.Contracts;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Pages.Authoring;

/// <summary>A coordinator edits a course's question bank under the importer's rules.</summary>
[Authorize(Policy = Roles.Coordinator)]
public sealed class QuestionsModel(LearningDbContext db, IAccountNames names, TimeProvider clock, IStringLocalizer text) : PageModel
{
    public const int OptionInputs = 6;
    private const int DefaultPassMark = 70;

    public sealed class QuestionForm
    {
        /// <summary>The id of the question being edited; empty for a new one.</summary>
        public string? Original { get; set; }
        public string? Id { get; set; }
        public string? Type { get; set; } = "single";
        public string? Text { get; set; }
        public List<string?> Options { get; set; } = [];
        /// <summary>Indexes of the options marked right.</summary>
        public List<int> Correct { get; set; } = [];
        public string? TrueFalse { get; set; }
    }

    public sealed class BankForm
    {
        public string? PassMark { get; set; }
        public string? MaxAttempts { get; set; }
        public string? TimeLimit { get; set; }
    }

    public Course Course { get; private set; } = null!;
    public IReadOnlyList<QuestionDefinition> Bank { get; private set; } = [];
    [BindProperty] public QuestionForm Input { get; set; } = new();
    [BindProperty] public BankForm Settings { get; set; } = new();
    /// <summary>The course's revision the form was made on (hidden field): a save on an older one is refused.</summary>
    [BindProperty] public int? Revision { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? edit, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        FillSettings();
        if (edit is not null && Bank.FirstOrDefault(q => q.Id == edit) is { } question)
            Input = new QuestionForm
            {
                Original = question.Id, Id = question.Id, Type = question.Type.Name(), Text = question.Text,
                Options = [.. question.Options], Correct = [.. question.Answer],
                TrueFalse = question.TrueFalse is { } b ? (b ? "true" : "false") : null,
            };
        else Input = new QuestionForm { Id = SuggestId() };
        PadOptions();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string slug, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        ModelState.Clear();
        FillSettings();
        var original = string.IsNullOrEmpty(Input.Original) ? null : Input.Original;
        if (original is not null && Bank.All(q => q.Id != original)) return NotFound();

        // A question keeps its id once saved: attempts and reports refer to it.
        var id = original ?? (Input.Id ?? "").Trim();
        if (id.Length == 0) ModelState.AddModelError("Input.Id", text["Courses.Authoring.Required"]);
        else if (!Authoring.IsQuestionId(id) || id.Length > 50) ModelState.AddModelError("Input.Id", text["Courses.Import.BadQuestionId", id]);
        else if (id != original && Bank.Any(q => q.Id == id)) ModelState.AddModelError("Input.Id", text["Courses.Authoring.DuplicateQuestion", id]);

        var typeIndex = QuestionTypes.Names.IndexOf(Input.Type ?? "");
        if (typeIndex < 0) ModelState.AddModelError("Input.Type", text["Courses.Import.QuestionType", Input.Type ?? ""]);
        var type = (QuestionType)Math.Max(0, typeIndex);
        var questionText = Authoring.Text(Input.Text, "Input.Text", true, 4000, ModelState, text);

        var options = new List<string>();
        var answer = new List<int>();
        bool? trueFalse = null;
        if (typeIndex >= 0 && type == QuestionType.TrueFalse)
        {
            if (Input.TrueFalse is "true" or "false") trueFalse = Input.TrueFalse == "true";
            else ModelState.AddModelError("Input.TrueFalse", text["Courses.Authoring.TrueFalseAnswer"]);
        }
        else if (typeIndex >= 0)
        {
            // Options are the filled inputs in order; a mark must name one of them.
            var filled = Input.Options.Select((o, i) => (Text: (o ?? "").Trim(), Index: i)).Where(o => o.Text.Length > 0).ToList();
            options = filled.Select(o => o.Text).ToList();
            if (options.Count < 2) ModelState.AddModelError("Input.Options", text["Courses.Import.TooFewOptions", type.Name()]);
            foreach (var mark in Input.Correct.Distinct())
            {
                var position = filled.FindIndex(o => o.Index == mark);
                if (position < 0) ModelState.AddModelError("Input.Correct", text["Courses.Import.AnswerOutOfRange", mark, Math.Max(0, options.Count - 1)]);
                else answer.Add(position);
            }
            answer.Sort();
            if (type == QuestionType.Single && answer.Count != 1 && ModelState["Input.Correct"] is null)
                ModelState.AddModelError("Input.Correct", text["Courses.Authoring.SingleAnswer"]);
            if (type == QuestionType.Multiple && answer.Count == 0 && ModelState["Input.Correct"] is null)
                ModelState.AddModelError("Input.Correct", text["Courses.Import.MultipleAnswerEmpty"]);
        }

        if (!ModelState.IsValid)
        {
            PadOptions();
            return Page();
        }
        var question = new QuestionDefinition(id, type, questionText!, options, answer, trueFalse);
        var questions = Bank.ToList();
        var at = original is null ? -1 : questions.FindIndex(q => q.Id == original);
        if (at >= 0) questions[at] = question; else questions.Add(question);
        var current = Course.ToDefinition().Assessment;
        Apply(new AssessmentDefinition(current?.PassMark ?? DefaultPassMark, current?.MaxAttempts, current?.TimeLimitMinutes, questions));
        return await Saved(slug, "Courses.Authoring.QuestionSaved", ct, $"question:{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, string id, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        var current = Course.ToDefinition().Assessment;
        if (current is null || current.Questions.All(q => q.Id != id)) return NotFound();
        var questions = current.Questions.Where(q => q.Id != id).ToList();
        // An assessment without questions is none at all, as in the content format.
        Apply(questions.Count == 0 ? null : current with { Questions = questions });
        return await Saved(slug, "Courses.Authoring.QuestionDeleted", ct, $"question:{id}");
    }

    /// <summary>One place up or down; the order is the bank's order in the content format and the order learners see.</summary>
    public async Task<IActionResult> OnPostMoveAsync(string slug, string id, int by, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        var current = Course.ToDefinition().Assessment;
        var questions = current?.Questions.ToList() ?? [];
        var from = questions.FindIndex(q => q.Id == id);
        if (from < 0) return NotFound();
        var to = from + Math.Sign(by);
        if (to < 0 || to >= questions.Count) return Redirect($"/authoring/{slug}/questions");
        (questions[from], questions[to]) = (questions[to], questions[from]);
        ModelState.Clear();
        FillSettings();
        Input = new QuestionForm { Id = SuggestId() };
        Apply(current! with { Questions = questions });
        return await Saved(slug, "Courses.Authoring.QuestionMoved", ct, $"question:{id}");
    }

    public async Task<IActionResult> OnPostBankAsync(string slug, CancellationToken ct)
    {
        if (!await Load(slug, ct)) return NotFound();
        ModelState.Clear();
        var passMark = Authoring.Int(Settings.PassMark, "Settings.PassMark", true, 1, 100, ModelState, text);
        var maxAttempts = Authoring.Int(Settings.MaxAttempts, "Settings.MaxAttempts", false, 1, int.MaxValue, ModelState, text);
        var timeLimit = Authoring.Int(Settings.TimeLimit, "Settings.TimeLimit", false, 1, int.MaxValue, ModelState, text);
        var current = Course.ToDefinition().Assessment;
        if (current is null) ModelState.AddModelError("Settings.PassMark", text["Courses.Authoring.NoQuestionsYet"]);
        if (!ModelState.IsValid)
        {
            Input = new QuestionForm { Id = SuggestId() };
            PadOptions();
            return Page();
        }
        Apply(current! with { PassMark = passMark!.Value, MaxAttempts = maxAttempts, TimeLimitMinutes = timeLimit });
        return await Saved(slug, "Courses.Authoring.Saved", ct);
    }

    private void Apply(AssessmentDefinition? assessment) => Course.Apply(Course.ToDefinition() with { Assessment = assessment });

    private async Task<IActionResult> Saved(string slug, string message, CancellationToken ct, string part = "questions")
    {
        if (await Authoring.Stale(names, Course, Revision, text, clock, ct) is { } stale)
        {
            // What the person typed stays in the form; nothing is written over the other change.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", stale);
            PadOptions();
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Authoring.Revise(Course, part, User, clock);
        await db.SaveChangesAsync(ct);
        TempData["Authoring.Done"] = text[message].Value;
        return Redirect($"/authoring/{slug}/questions");
    }

    private string SuggestId()
    {
        var taken = Bank.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var n = Bank.Count + 1;
        while (taken.Contains($"q{n:00}")) n++;
        return $"q{n:00}";
    }

    private void PadOptions()
    {
        while (Input.Options.Count < OptionInputs) Input.Options.Add(null);
    }

    private void FillSettings()
    {
        var a = Course.Assessment;
        Settings = new BankForm
        {
            PassMark = (a?.PassMark ?? DefaultPassMark).ToString(CultureInfo.InvariantCulture),
            MaxAttempts = a?.MaxAttempts?.ToString(CultureInfo.InvariantCulture),
            TimeLimit = a?.TimeLimitMinutes?.ToString(CultureInfo.InvariantCulture),
        };
    }

    private async Task<bool> Load(string slug, CancellationToken ct)
    {
        if (await Authoring.Load(db, slug, ct) is not { } course) return false;
        Course = course;
        Bank = course.Assessment?.ToDefinition().Questions ?? [];
        return true;
    }
}
