using System.Globalization;
using System.Text.Json;
using Learning.Classes.Contracts;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Evaluations.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Evaluations;

/// <summary>A question as the form shows it: <paramref name="Type"/> is <see cref="QuestionTypes"/>.</summary>
public sealed record FormQuestion(string Id, string Text, string Type);

/// <summary>A class or course whose form someone opens, and whether they may fill it in: 200, 403 (with why) or 404.</summary>
public sealed record FormSubject(string Kind, string Id, string Title, int Status, string? Why)
{
    public bool Open => Status == 200;
}

/// <summary>The outcome of a submit: 204, or 400 with the reasons, or 409 when the person has answered already.</summary>
public sealed record SubmitOutcome(int Status, string? Title, IReadOnlyList<string> Errors);

/// <summary>
/// The reaction form (Kirkpatrick level 1) of classes and self-paced courses: the default questions on a 1–5 scale (content,
/// trainer for classes, venue or platform, usefulness) and a comment, plus what a coordinator added; who may fill it in; and
/// the submit, validated whole and written once per person and subject with its <see cref="EvaluationSubmitted"/>.
/// </summary>
public sealed class ReactionForms(
    LearningDbContext db, IClassDirectory classes, ICourseCatalog catalog, ICourseCompletions completions, IStringLocalizer text, TimeProvider clock)
{
    public const int MaxText = 2000;
    public const int MaxQuestionText = 500;
    public const int MaxExtraQuestions = 20;

    /// <summary>The default questions' ids (stable: reports and the API name them).</summary>
    public const string Content = "materi", Trainer = "pengajar", Venue = "tempat", Usefulness = "manfaat", Comment = "komentar";

    public static bool IsKind(string? kind) => kind is EvaluationSubjects.Class or EvaluationSubjects.Course;

    /// <summary>The class and whether <paramref name="employeeId"/> may fill in its form: a participant, once the first session has started.</summary>
    public async Task<FormSubject> Class(Guid classId, Guid? employeeId, CancellationToken ct)
    {
        var found = await classes.Find(classId, ct);
        if (found is null) return new(EvaluationSubjects.Class, classId.ToString(), "", 404, text["Evaluations.Problem.ClassNotFound"]);
        var subject = new FormSubject(EvaluationSubjects.Class, found.Id.ToString(), found.Title, 200, null);
        if (employeeId is not { } who || !await classes.IsParticipant(found.Id, who, ct))
            return subject with { Status = 403, Why = text["Evaluations.Problem.NotParticipant"] };
        var first = found.Sessions.Where(s => !s.Cancelled).Select(s => (DateTime?)s.StartsAt).Min();
        if (first is null || first > clock.GetUtcNow().UtcDateTime)
            return subject with { Status = 403, Why = text["Evaluations.Problem.NotStarted"] };
        return subject;
    }

    /// <summary>The course and whether <paramref name="employeeId"/> may fill in its form: once they have completed it.</summary>
    public async Task<FormSubject> Course(string slug, Guid? employeeId, CancellationToken ct)
    {
        var outline = await catalog.Find(slug, ct);
        if (outline is null) return new(EvaluationSubjects.Course, slug, "", 404, text["Evaluations.Problem.CourseNotFound"]);
        var subject = new FormSubject(EvaluationSubjects.Course, outline.Course.Slug, outline.Course.Title, 200, null);
        if (employeeId is not { } who || !await completions.HasCompleted(who, outline.Course.Slug, ct))
            return subject with { Status = 403, Why = text["Evaluations.Problem.NotCompleted"] };
        return subject;
    }

    /// <summary>The subject for a coordinator's editing of its questions (no participation asked); null when it does not exist.</summary>
    public async Task<FormSubject?> Find(string kind, string id, CancellationToken ct)
    {
        if (kind == EvaluationSubjects.Class)
            return Guid.TryParse(id, out var classId) && await classes.Find(classId, ct) is { } c
                ? new FormSubject(kind, c.Id.ToString(), c.Title, 200, null) : null;
        if (kind == EvaluationSubjects.Course)
            return await catalog.Find(id, ct) is { } o ? new FormSubject(kind, o.Course.Slug, o.Course.Title, 200, null) : null;
        return null;
    }

    /// <summary>The defaults (the trainer's only for a class), then the visible added questions, the comment last.</summary>
    public async Task<IReadOnlyList<FormQuestion>> Questions(string kind, string subjectId, CancellationToken ct)
    {
        var list = Defaults(kind).Where(q => q.Type == QuestionTypes.Scale).ToList();
        list.AddRange((await Extra(kind, subjectId, ct)).Where(q => !q.Hidden).Select(q => new FormQuestion(q.Key, q.Text, q.Type)));
        list.Add(new(Comment, text["Evaluations.Question." + Comment], QuestionTypes.Text));
        return list;
    }

    /// <summary>The default questions of a kind of subject, in the reader's language.</summary>
    public IReadOnlyList<FormQuestion> Defaults(string kind) =>
        new[] { Content, Trainer, Venue, Usefulness }.Where(id => id != Trainer || kind == EvaluationSubjects.Class)
            .Select(id => new FormQuestion(id, text["Evaluations.Question." + id], QuestionTypes.Scale))
            .Append(new FormQuestion(Comment, text["Evaluations.Question." + Comment], QuestionTypes.Text)).ToList();

    /// <summary>The questions a coordinator added, hidden ones included, in order.</summary>
    public async Task<IReadOnlyList<EvaluationQuestion>> Extra(string kind, string subjectId, CancellationToken ct) =>
        await db.Set<EvaluationQuestion>().AsNoTracking().Where(q => q.SubjectKind == kind && q.SubjectId == subjectId)
            .OrderBy(q => q.Position).ThenBy(q => q.CreatedAt).ToListAsync(ct);

    public Task<bool> HasAnswered(string kind, string subjectId, Guid employeeId, CancellationToken ct) =>
        db.Set<EvaluationResponse>().AnyAsync(r => r.SubjectKind == kind && r.SubjectId == subjectId && r.EmployeeId == employeeId, ct);

    /// <summary>Reads the API's answers: a number or a text per question id; anything else is kept as not readable (null).</summary>
    public static Dictionary<string, string?> FromJson(IReadOnlyDictionary<string, JsonElement>? answers) =>
        (answers ?? new Dictionary<string, JsonElement>()).ToDictionary(a => a.Key, a => a.Value.ValueKind switch
        {
            JsonValueKind.Number => a.Value.GetRawText(),
            JsonValueKind.String => a.Value.GetString(),
            _ => null,
        });

    /// <summary>
    /// Checks every answer against the form (known question, a whole 1–5 on a scale, text up to <see cref="MaxText"/>, every
    /// scale answered) and writes the response with its event in one save, or nothing. A second submit — also one that raced
    /// the first — is 409.
    /// </summary>
    public async Task<SubmitOutcome> Submit(FormSubject subject, Guid employeeId, IReadOnlyDictionary<string, string?> answers, CancellationToken ct)
    {
        var questions = await Questions(subject.Kind, subject.Id, ct);
        var byId = questions.ToDictionary(q => q.Id);
        var errors = new List<string>();
        var rows = new List<(string, int?, string?)>();
        foreach (var (id, raw) in answers)
        {
            if (!byId.TryGetValue(id, out var q)) { errors.Add(text["Evaluations.Problem.UnknownQuestion", id]); continue; }
            if (q.Type == QuestionTypes.Scale)
            {
                if (raw is null || !int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var score) || score is < 1 or > 5)
                    errors.Add(text["Evaluations.Problem.Scale", q.Text]);
                else rows.Add((id, score, null));
            }
            else
            {
                if (raw is null) { errors.Add(text["Evaluations.Problem.NotText", q.Text]); continue; }
                var value = raw.Trim();
                if (value.Length > MaxText) errors.Add(text["Evaluations.Problem.TooLong", q.Text, MaxText]);
                else if (value.Length > 0) rows.Add((id, null, value));
            }
        }
        foreach (var q in questions.Where(q => q.Type == QuestionTypes.Scale && !answers.ContainsKey(q.Id)))
            errors.Add(text["Evaluations.Problem.Unanswered", q.Text]);
        if (errors.Count > 0) return new(400, text["Evaluations.Problem.Invalid"], errors);

        if (await HasAnswered(subject.Kind, subject.Id, employeeId, ct)) return Twice();
        db.Add(new EvaluationResponse(subject.Kind, subject.Id, employeeId, rows, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsConflict())
        {
            // The other request of a double tap won the unique index: the same answer as when it came first.
            db.ChangeTracker.Clear();
            return Twice();
        }
        return new(204, null, []);
    }

    private SubmitOutcome Twice() => new(409, text["Evaluations.Problem.Twice"], [text["Evaluations.Problem.TwiceText"]]);

    /// <summary>Adds a question to the form; null when added, otherwise why not.</summary>
    public async Task<string?> Add(FormSubject subject, string? questionText, string? type, Guid? by, CancellationToken ct)
    {
        var value = questionText?.Trim() ?? "";
        if (value.Length == 0) return text["Evaluations.Authoring.TextRequired"];
        if (value.Length > MaxQuestionText) return text["Evaluations.Authoring.TextTooLong", MaxQuestionText];
        if (type is null || !QuestionTypes.All.Contains(type)) return text["Evaluations.Authoring.TypeRequired"];
        var existing = await db.Set<EvaluationQuestion>().Where(q => q.SubjectKind == subject.Kind && q.SubjectId == subject.Id).ToListAsync(ct);
        if (existing.Count(q => !q.Hidden) >= MaxExtraQuestions) return text["Evaluations.Authoring.TooMany", MaxExtraQuestions];
        var position = existing.Count == 0 ? 1 : existing.Max(q => q.Position) + 1;
        db.Add(new EvaluationQuestion(subject.Kind, subject.Id, value, type, position, by, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Removes an added question: hidden when someone answered it (the answers stay in the reports), deleted otherwise. False: no such question.</summary>
    public async Task<bool> Remove(FormSubject subject, Guid questionId, CancellationToken ct)
    {
        var question = await db.Set<EvaluationQuestion>()
            .FirstOrDefaultAsync(q => q.Id == questionId && q.SubjectKind == subject.Kind && q.SubjectId == subject.Id && !q.Hidden, ct);
        if (question is null) return false;
        var key = question.Key;
        if (await db.Set<EvaluationAnswer>().AnyAsync(a => a.QuestionId == key, ct)) question.Hide();
        else db.Remove(question);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
