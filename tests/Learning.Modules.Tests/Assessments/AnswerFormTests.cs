using Learning.Assessments;
using Learning.Assessments.Pages;
using Learning.Courses.Contracts;

namespace Learning.Modules.Tests.Assessments;

public sealed class AnswerFormTests
{
    private static readonly IReadOnlyList<ShownQuestion> Questions =
    [
        new("single", QuestionType.Single, "Satu", [(2, "c"), (0, "a"), (1, "b")]),
        new("multiple", QuestionType.Multiple, "Banyak", [(1, "b"), (0, "a"), (2, "c")]),
        new("yes-no", QuestionType.TrueFalse, "Benar?", []),
    ];

    private static AnswerForm.Reading Read(params (string Id, string[] Values)[] given) =>
        AnswerForm.Read(Questions, id => given.Where(g => g.Id == id).SelectMany(g => g.Values).ToList());

    [Fact]
    public void Should_read_a_complete_form_without_problems()
    {
        var read = Read(("single", ["2"]), ("multiple", ["0", "2"]), ("yes-no", ["false"]));

        Assert.Empty(read.Problems);
        Assert.Equal([2], read.Answers["single"].Options!);
        Assert.Equal([0, 2], read.Answers["multiple"].Options!.Order());
        Assert.False(read.Answers["yes-no"].TrueFalse);
    }

    [Fact]
    public void Should_name_the_questions_left_unanswered()
    {
        var read = Read(("multiple", ["1"]), ("yes-no", [""]));

        Assert.Equal(AnswerProblem.Unanswered, read.Problems["single"]);
        Assert.Equal(AnswerProblem.Unanswered, read.Problems["yes-no"]);
        Assert.False(read.Problems.ContainsKey("multiple"));
        Assert.Equal(["multiple"], read.Answers.Keys);
        Assert.Equal(["1"], read.Selected["multiple"]);
    }

    [Theory]
    [InlineData("single", new[] { "0", "1" })]      // two choices on a one-answer question
    [InlineData("single", new[] { "7" })]           // an option the question does not have
    [InlineData("single", new[] { "x" })]
    [InlineData("multiple", new[] { "0", "99" })]   // one forged among real ones
    [InlineData("yes-no", new[] { "true", "false" })]
    [InlineData("yes-no", new[] { "ya" })]
    public void Should_treat_a_malformed_answer_as_no_answer_and_say_so(string question, string[] values)
    {
        var read = Read((question, values));

        Assert.Equal(AnswerProblem.Invalid, read.Problems[question]);
        Assert.False(read.Answers.ContainsKey(question));
    }

    [Fact]
    public void Should_select_again_only_what_the_form_offered_and_never_two_radios()
    {
        var read = Read(("single", ["0", "1"]), ("multiple", ["0", "99"]), ("yes-no", ["true"]));

        Assert.False(read.Selected.ContainsKey("single"));
        Assert.Equal(["0"], read.Selected["multiple"]);
        Assert.Equal(["true"], read.Selected["yes-no"]);
    }
}
