using Learning.Assessments.Domain;
using Learning.Kernel;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;

namespace Learning.Assessments;

/// <summary>generate-data: the attempts behind each enrolment's score: failed sittings first, then the pass.</summary>
internal sealed class SyntheticAttempts(LearningDbContext db) : ISyntheticDataPart
{
    public IReadOnlyList<Type> Needs => [typeof(SyntheticCourse), typeof(SyntheticEnrolment)];
    public IReadOnlyList<Type> Makes => [];

    public async Task Generate(SyntheticCity city, CancellationToken ct)
    {
        var courses = city.All<SyntheticCourse>().ToDictionary(c => c.Slug);
        var random = city.Random("Assessments");
        city.Count("Assessments", "attempts", await SyntheticCity.Save(db, Attempts(), ct));

        IEnumerable<Attempt> Attempts()
        {
            foreach (var e in city.All<SyntheticEnrolment>())
            {
                var course = courses[e.CourseSlug];
                if (course.Questions.Count == 0) continue;
                var at = e.CompletedAt ?? e.StartedAt.AddDays(1);
                if (at > city.Now) at = city.Now;
                var number = 0;
                for (var f = 0; f < e.FailedAttempts; f++)
                    yield return Sitting(course, e, ++number, at.AddHours(-(e.FailedAttempts - f) * 25), 10 * random.Next(3, 7), random);
                if (e.Score is { } score) yield return Sitting(course, e, ++number, at.AddMinutes(-random.Next(5, 30)), score, random);
            }
        }
    }

    private static Attempt Sitting(SyntheticCourse course, SyntheticEnrolment e, int number, DateTime startedAt, decimal score, Random random)
    {
        var drawn = course.Questions.OrderBy(_ => random.Next())
            .Select(q => new DrawnQuestion(q.Key, Enumerable.Range(0, q.Options).OrderBy(_ => random.Next()).ToList())).ToList();
        var attempt = Attempt.Start(e.Id, e.EmployeeId, course.Slug, course.Version, number, course.PassMark, course.MaxAttempts, null, drawn, startedAt);
        var wrong = drawn.Take((int)Math.Round((100 - score) / 100 * drawn.Count)).Select(q => q.Id).ToList();
        attempt.Submit(new Grade(score, score >= course.PassMark, wrong), startedAt.AddMinutes(3 + random.Next(20)));
        return attempt;
    }
}
