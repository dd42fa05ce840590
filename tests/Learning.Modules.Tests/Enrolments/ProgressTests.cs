using Learning.Enrolments.Domain;

namespace Learning.Modules.Tests.Enrolments;

public sealed class ProgressTests
{
    private static readonly string[] Current = ["01-a", "02-b", "03-c"];

    [Theory]
    [InlineData(new string[0], 0)]
    [InlineData(new[] { "01-a" }, 33)]
    [InlineData(new[] { "01-a", "03-c" }, 66)]
    [InlineData(new[] { "03-c", "02-b", "01-a" }, 100)]
    public void Should_count_done_lessons_of_the_current_course(string[] done, int percent) =>
        Assert.Equal(percent, Progress.Percent(done, Current));

    [Fact]
    public void Should_ignore_lessons_a_new_version_dropped_and_count_the_ones_it_added()
    {
        // 00-old was removed in the new version, 04-d added: 2 of 4 current lessons are done.
        Assert.Equal(50, Progress.Percent(["00-old", "01-a", "02-b"], [.. Current, "04-d"]));
        Assert.Equal(0, Progress.Percent(["01-a"], []));
    }
}
