using Learning.Assessments.Domain;
using Learning.Courses.Contracts;

namespace Learning.Modules.Tests.Assessments;

public sealed class GradingTests
{
    private static readonly AssessmentPaper Paper = new("c", 1, 70, 3, null,
    [
        new PaperQuestion("q1", QuestionType.Single, "Satu", ["a", "b", "c", "d"]),
        new PaperQuestion("q2", QuestionType.Multiple, "Banyak", ["a", "b", "c", "d", "e"]),
        new PaperQuestion("q3", QuestionType.TrueFalse, "Benar?", []),
        new PaperQuestion("q4", QuestionType.Single, "Empat", ["a", "b", "c"]),
    ]);

    private static readonly ServerOnlyAnswerKey Key = new("c", 1, 70,
    [
        new ServerOnlyAnswer("q1", QuestionType.Single, [2], null),
        new ServerOnlyAnswer("q2", QuestionType.Multiple, [0, 3], null),
        new ServerOnlyAnswer("q3", QuestionType.TrueFalse, [], false),
        new ServerOnlyAnswer("q4", QuestionType.Single, [0], null),
    ]);

    private static readonly string[] All = ["q1", "q2", "q3", "q4"];

    private static GivenAnswer Options(params int[] ids) => new(ids.ToHashSet(), null);

    [Fact]
    public void Should_keep_option_ids_as_source_indexes_while_shuffling()
    {
        var drawn = Drawing.Draw(Paper, new Random(7));

        Assert.Equal(All.Order(), drawn.Select(d => d.Id).Order());
        foreach (var d in drawn)
            Assert.Equal(Enumerable.Range(0, Paper.Questions.Single(q => q.Id == d.Id).Options.Count), d.Options.Order());
    }

    [Fact]
    public void Should_draw_different_orders_for_different_attempts()
    {
        var orders = Enumerable.Range(0, 10).Select(seed => Drawing.Draw(Paper, new Random(seed)))
            .Select(d => string.Join("|", d.Select(q => q.Id + ":" + string.Join(",", q.Options)))).ToHashSet();

        Assert.True(orders.Count > 5, $"only {orders.Count} distinct orders in 10 draws");
    }

    [Fact]
    public void Should_grade_single_multiple_and_true_false_exactly()
    {
        var grade = Grading.Grade(Key, All, new Dictionary<string, GivenAnswer>
        {
            ["q1"] = Options(2), ["q2"] = Options(3, 0), ["q3"] = new(null, false), ["q4"] = Options(0),
        });

        Assert.Equal((100m, true), (grade.Score, grade.Passed));
        Assert.Empty(grade.WrongQuestions);
    }

    [Fact]
    public void Should_count_partial_extra_missing_and_mistyped_answers_as_wrong()
    {
        var grade = Grading.Grade(Key, All, new Dictionary<string, GivenAnswer>
        {
            ["q1"] = Options(2, 1),          // two options for a single answer
            ["q2"] = Options(0),             // partly right
            ["q3"] = Options(0),             // options for a true-false question
            // q4 not answered
        });

        Assert.Equal((0m, false), (grade.Score, grade.Passed));
        Assert.Equal(All, grade.WrongQuestions);
    }

    [Fact]
    public void Should_pass_at_the_pass_mark_and_round_the_score()
    {
        var three = Grading.Grade(Key with { PassMark = 75 }, All, new Dictionary<string, GivenAnswer>
        {
            ["q1"] = Options(2), ["q2"] = Options(0, 3, 4), ["q3"] = new(null, false), ["q4"] = Options(0),
        });
        Assert.Equal((75m, true), (three.Score, three.Passed));
        Assert.Equal(["q2"], three.WrongQuestions);

        var twoOfThree = Grading.Grade(Key, ["q1", "q3", "q4"], new Dictionary<string, GivenAnswer> { ["q1"] = Options(2), ["q3"] = new(null, false) });
        Assert.Equal((66.7m, false), (twoOfThree.Score, twoOfThree.Passed));
    }
}
