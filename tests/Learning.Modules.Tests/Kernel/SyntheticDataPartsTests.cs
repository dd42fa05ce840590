using Learning.Kernel;

namespace Learning.Modules.Tests.Kernel;

/// <summary>generate-data runs each part after the parts that make what it needs, otherwise as registered.</summary>
public sealed class SyntheticDataPartsTests
{
    private sealed record Person;
    private sealed record Course;
    private sealed record Enrolment;

    private sealed class Part(string name, Type[] needs, Type[] makes) : ISyntheticDataPart
    {
        public string Name => name;
        public IReadOnlyList<Type> Needs => needs;
        public IReadOnlyList<Type> Makes => makes;
        public Task Generate(SyntheticCity city, CancellationToken ct) => Task.CompletedTask;
    }

    [Fact]
    public void Should_run_each_part_after_the_makers_of_what_it_needs()
    {
        var enrolments = new Part("enrolments", [typeof(Person), typeof(Course)], [typeof(Enrolment)]);
        var courses = new Part("courses", [], [typeof(Course)]);
        var people = new Part("people", [], [typeof(Person)]);
        var reports = new Part("reports", [typeof(Enrolment)], []);

        var order = SyntheticDataParts.InOrder([reports, enrolments, courses, people]).Cast<Part>().Select(p => p.Name);

        Assert.Equal(["courses", "people", "enrolments", "reports"], order);
    }

    [Fact]
    public void Should_refuse_a_need_no_part_makes_and_parts_that_need_each_other()
    {
        var orphan = new Part("enrolments", [typeof(Course)], [typeof(Enrolment)]);
        Assert.Contains("Course", Assert.Throws<InvalidOperationException>(() => SyntheticDataParts.InOrder([orphan])).Message);

        var a = new Part("a", [typeof(Course)], [typeof(Person)]);
        var b = new Part("b", [typeof(Person)], [typeof(Course)]);
        Assert.Throws<InvalidOperationException>(() => SyntheticDataParts.InOrder([a, b]));
    }

    [Fact]
    public void Should_keep_what_parts_generated_by_kind()
    {
        var city = new SyntheticCity(1, 1, 1, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc));
        city.Add(new Person());
        city.AddRange([new Course(), new Course()]);

        Assert.Single(city.All<Person>());
        Assert.Equal(2, city.All<Course>().Count);
        Assert.Empty(city.All<Enrolment>());
    }
}
