using Learning.Evaluations.Contracts;
using Learning.Kernel;

namespace Learning.Evaluations;

/// <summary>The kinds of question a reaction form holds: a 1–5 scale or free text.</summary>
public static class QuestionTypes
{
    public const string Scale = "scale";
    public const string Text = "text";

    public static readonly IReadOnlyList<string> All = [Scale, Text];
}

/// <summary>
/// A question a coordinator added to one class's or course's form, after the default ones. Removing a question that has answers
/// only hides it, so the answers stay readable in the reports.
/// </summary>
public sealed class EvaluationQuestion
{
    public Guid Id { get; private set; } = Ids.New();
    /// <summary><see cref="EvaluationSubjects"/>.</summary>
    public string SubjectKind { get; private set; } = EvaluationSubjects.Class;
    public string SubjectId { get; private set; } = "";
    public string Text { get; private set; } = "";
    /// <summary><see cref="QuestionTypes"/>.</summary>
    public string Type { get; private set; } = QuestionTypes.Scale;
    public int Position { get; private set; }
    public bool Hidden { get; private set; }
    public Guid? CreatedByEmployeeId { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private EvaluationQuestion() { }

    public EvaluationQuestion(string subjectKind, string subjectId, string text, string type, int position, Guid? createdBy, DateTime now)
    {
        SubjectKind = subjectKind; SubjectId = subjectId; Text = text; Type = type; Position = position; CreatedByEmployeeId = createdBy; CreatedAt = now;
    }

    /// <summary>The id the form and the API use for it.</summary>
    public string Key => Id.ToString("N");

    public void Hide() => Hidden = true;
}

/// <summary>
/// One person's filled-in form for one class or course: unique per person and subject, so a second submit (also two at the
/// same instant) is refused. The person is kept only for that rule; reports never show who answered what.
/// </summary>
public sealed class EvaluationResponse : AggregateRoot
{
    public Guid Id { get; private set; } = Ids.New();
    public string SubjectKind { get; private set; } = EvaluationSubjects.Class;
    public string SubjectId { get; private set; } = "";
    public Guid EmployeeId { get; private set; }
    public DateTime SubmittedAt { get; private set; }
    public List<EvaluationAnswer> Answers { get; private set; } = [];

    private EvaluationResponse() { }

    public EvaluationResponse(string subjectKind, string subjectId, Guid employeeId, IEnumerable<(string QuestionId, int? Score, string? Text)> answers, DateTime now)
    {
        SubjectKind = subjectKind; SubjectId = subjectId; EmployeeId = employeeId; SubmittedAt = now;
        Answers = answers.Select(a => new EvaluationAnswer(Id, a.QuestionId, a.Score, a.Text)).ToList();
        Raise(new EvaluationSubmitted(subjectKind, subjectId, employeeId, now));
    }
}

/// <summary>The answer to one question: a score 1–5 or a text.</summary>
public sealed class EvaluationAnswer
{
    public Guid ResponseId { get; private set; }
    public string QuestionId { get; private set; } = "";
    public int? Score { get; private set; }
    public string? Text { get; private set; }

    private EvaluationAnswer() { }

    public EvaluationAnswer(Guid responseId, string questionId, int? score, string? text)
    {
        ResponseId = responseId; QuestionId = questionId; Score = score; Text = text;
    }
}
