using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Learning.Organisation.Contracts;

namespace Learning.Enrolments;

/// <summary>
/// generate-data: three years of learning per employee: 4–13 finished courses (every lesson done, the assessment passed)
/// spread over the three years, and 1–2 courses in progress started in the last two months, part of their lessons done.
/// About one enrolment in eight of people with a supervisor was assigned by them (source Assigned, due at the end of the month
/// one to three months on), and about one such person in five has a new assignment not begun yet; the sample learner always
/// has an assigned course in progress. Assignments writes the assignments themselves from <see cref="SyntheticEnrolment.DueOn"/>.
/// </summary>
internal sealed class SyntheticEnrolments(LearningDbContext db) : ISyntheticDataPart
{
    public IReadOnlyList<Type> Needs => [typeof(SyntheticEmployee), typeof(SyntheticCourse)];
    public IReadOnlyList<Type> Makes => [typeof(SyntheticEnrolment)];

    public async Task Generate(SyntheticCity city, CancellationToken ct)
    {
        if (city.All<SyntheticCourse>().Count == 0) return;
        var outlines = city.All<SyntheticCourse>().ToDictionary(c => c.Slug, Outline);
        long lessons = 0;
        var random = city.Random("Enrolments");
        var count = await SyntheticCity.Save(db, Enrolments(), ct, e => e.Lessons);
        city.Count("Enrolments", "enrolments", count);
        city.Count("Enrolments", "lessons done", lessons);
        city.Count("Enrolments", "of them assigned", city.All<SyntheticEnrolment>().Count(e => e.DueOn is not null));

        if (city.Samples.TryGetValue("learner", out var nip) && city.All<SyntheticEmployee>().FirstOrDefault(e => e.Nip == nip) is { } learner
            && city.All<SyntheticEnrolment>().LastOrDefault(e => e.EmployeeId == learner.Id && e.CompletedAt is null) is { } open)
        {
            city.Samples["enrolment"] = open.Id.ToString();
            city.Samples["lesson"] = city.All<SyntheticCourse>().First(c => c.Slug == open.CourseSlug).LessonKeys[0];
        }

        IEnumerable<Enrolment> Enrolments()
        {
            var threeYears = (int)(city.Now - city.Now.AddYears(-3)).TotalMinutes;
            // A stream of its own, so which enrolments were assigned changes nothing else of the learning.
            var assigning = city.Random("Enrolments.Assigned");
            var learner = city.Samples.GetValueOrDefault("learner");
            foreach (var employee in city.All<SyntheticEmployee>())
            {
                var picks = city.All<SyntheticCourse>().OrderBy(_ => random.Next()).Take(Math.Min(city.All<SyntheticCourse>().Count, 4 + random.Next(10) + 2)).ToList();
                var open = picks.Count > 2 ? 1 + random.Next(2) : 0;
                var supervised = employee.SupervisorId is not null;
                if (supervised && assigning.Next(5) == 0 && picks.Count < city.All<SyntheticCourse>().Count)
                {
                    // Assigned lately and not begun: no lesson done yet.
                    var spare = city.All<SyntheticCourse>().Except(picks).ToList();
                    var course = spare[assigning.Next(spare.Count)];
                    var assignedAt = city.Now.AddDays(-assigning.Next(0, 45)).AddMinutes(-assigning.Next(600));
                    var due = Due(assignedAt, assigning);
                    var fresh = Enrolment.Start(employee.Id, outlines[course.Slug].Course, EnrolmentSource.Assigned, due, assignedAt);
                    city.Add(new SyntheticEnrolment(fresh.Id, employee.Id, course.Slug, assignedAt, null, null, 0, 0, fresh.PathInstanceId, due));
                    yield return fresh;
                }
                for (var i = 0; i < picks.Count; i++)
                {
                    var course = picks[i];
                    var outline = outlines[course.Slug];
                    var finished = i >= open;
                    var startedAt = finished
                        ? city.Now.AddMinutes(-random.Next(threeYears)).AddDays(-random.Next(1, 30))
                        : city.Now.AddDays(-random.Next(1, 60)).AddMinutes(-random.Next(600));
                    var assigned = supervised && (assigning.Next(8) == 0 || (employee.Nip == learner && i == 0 && !finished));
                    DateOnly? dueOn = assigned ? Due(startedAt, assigning) : null;
                    var enrolment = Enrolment.Start(employee.Id, outline.Course, assigned ? EnrolmentSource.Assigned : EnrolmentSource.Self, dueOn, startedAt);
                    var done = finished ? course.LessonKeys.Count : random.Next(1, course.LessonKeys.Count);
                    var at = startedAt;
                    for (var l = 0; l < done; l++)
                    {
                        at = at.AddMinutes(10 + random.Next(60 * 24));
                        if (at > city.Now) at = city.Now;
                        var seconds = outline.Modules[0].Lessons[l].Minutes * 60 + random.Next(-120, 600);
                        enrolment.CompleteLesson(course.LessonKeys[l], Math.Max(60, seconds), at, outline);
                    }
                    lessons += done;
                    decimal? score = null;
                    var failed = random.Next(5) == 0 ? 1 : 0;
                    if (finished)
                    {
                        at = at.AddMinutes(5 + random.Next(60 * 24));
                        if (at > city.Now) at = city.Now;
                        score = 70 + 10 * random.Next(4);
                        if (course.Questions.Count > 0) enrolment.MarkAssessmentPassed(score.Value, at, outline);
                    }
                    else failed = done == course.LessonKeys.Count ? failed : 0;
                    city.Add(new SyntheticEnrolment(enrolment.Id, employee.Id, course.Slug, startedAt,
                        enrolment.CompletedAt, score, failed, done, enrolment.PathInstanceId, dueOn));
                    yield return enrolment;
                }
            }
        }
    }

    /// <summary>An assignment's due date: the end of the month one to three months after it was given.</summary>
    private static DateOnly Due(DateTime assignedAt, Random random)
    {
        var d = DateOnly.FromDateTime(assignedAt).AddMonths(1 + random.Next(3));
        return new DateOnly(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month));
    }

    private static CourseOutline Outline(SyntheticCourse c) => new(
        new CourseSummary(c.Id, c.Slug, c.Title, "", "id", c.Jp, c.Minutes, CourseStatus.Published, c.Version,
            c.Competencies.Select(a => new CompetencyAward(a.Code, a.Level)).ToList()),
        new CertificateRule(c.ValidityMonths, null),
        [new ModuleOutline("", c.LessonKeys.Select(k => new LessonOutline(k, k, Math.Max(5, c.Minutes / Math.Max(1, c.LessonKeys.Count)))).ToList())],
        c.Questions.Count > 0 ? new AssessmentOutline(c.Questions.Count, c.PassMark, c.MaxAttempts, null) : null);
}
