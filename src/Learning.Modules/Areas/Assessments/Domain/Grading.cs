using Learning.Courses.Contracts;

namespace Learning.Assessments.Domain;

/// <summary>What a learner gave for one question: option ids (single, multiple) or true/false.</summary>
public sealed record GivenAnswer(IReadOnlySet<int>? Options, bool? TrueFalse);

public sealed record Grade(decimal Score, bool Passed, IReadOnlyList<string> WrongQuestions);

public static class Drawing
{
    /// <summary>Questions and each question's options in a fresh order; option ids stay the source indexes.</summary>
    public static IReadOnlyList<DrawnQuestion> Draw(AssessmentPaper paper, Random random)
    {
        var questions = paper.Questions.ToArray();
        random.Shuffle(questions);
        return questions.Select(q =>
        {
            var order = Enumerable.Range(0, q.Options.Count).ToArray();
            random.Shuffle(order);
            return new DrawnQuestion(q.Id, order);
        }).ToList();
    }
}

public static class Grading
{
    /// <summary>Percent of the drawn questions answered exactly right; a partly right multiple-choice answer is wrong.</summary>
    public static Grade Grade(ServerOnlyAnswerKey key, IReadOnlyList<string> drawn, IReadOnlyDictionary<string, GivenAnswer> given)
    {
        var answers = key.Answers.ToDictionary(a => a.QuestionId);
        var wrong = new List<string>();
        foreach (var id in drawn)
            if (!answers.TryGetValue(id, out var answer) || !given.TryGetValue(id, out var g) || !IsRight(answer, g))
                wrong.Add(id);
        var score = drawn.Count == 0 ? 0 : Math.Round((drawn.Count - wrong.Count) * 100m / drawn.Count, 1);
        return new Grade(score, score >= key.PassMark, wrong);
    }

    private static bool IsRight(ServerOnlyAnswer answer, GivenAnswer given) => answer.Type switch
    {
        QuestionType.TrueFalse => given.TrueFalse is { } value && value == answer.TrueFalse,
        QuestionType.Single => given.Options is { Count: 1 } one && answer.Options.Count == 1 && one.Contains(answer.Options[0]),
        _ => given.Options is { } many && many.SetEquals(answer.Options),
    };
}
