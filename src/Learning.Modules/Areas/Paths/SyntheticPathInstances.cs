using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Learning.Paths.Steps;
using Learning.Organisation.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Certification.Contracts;

namespace Learning.Paths;

/// <summary>
/// generate-data: every enrolment runs on its course's built-in default path, as the engine would have left it. The default
/// path of each course is stored as the engine stores it (version 1, published when the first enrolment started). An
/// unfinished enrolment waits on its lessons step with the lessons done so far; a finished one went through its steps to the
/// certificate and waits on reassessment while that is valid, or ended "lapsed" the day its certificate expired (a course
/// without a validity ends with the certificate). History is kept short: started, certificate issued, ended.
/// </summary>
internal sealed class SyntheticPathInstances(LearningDbContext db, ICourseCatalog catalog, PathSteps steps) : ISyntheticDataPart
{
    public IReadOnlyList<Type> Needs => [typeof(SyntheticEmployee), typeof(SyntheticCourse), typeof(SyntheticEnrolment), typeof(SyntheticCertificate)];
    public IReadOnlyList<Type> Makes => [];

    public async Task Generate(SyntheticCity city, CancellationToken ct)
    {
        if (city.All<SyntheticEnrolment>().Count == 0) return;
        var firstStart = city.All<SyntheticEnrolment>().GroupBy(e => e.CourseSlug).ToDictionary(g => g.Key, g => g.Min(e => e.StartedAt));
        var paths = new Dictionary<string, (StoredPath Stored, PathDefinition Definition)>();
        foreach (var course in city.All<SyntheticCourse>())
        {
            // The same text the engine writes for the course's first enrolment, so it finds this version and never adds another.
            var outline = await catalog.Find(course.Slug, ct) ?? throw new InvalidOperationException($"Course '{course.Slug}' was not written.");
            var stored = StoredPath.PublishedNow(StoredPath.DefaultPrefix + course.Slug, 1, outline.Course.Title, PathLibrary.DefaultYaml(outline),
                course.Slug, builtin: true, firstStart.GetValueOrDefault(course.Slug, city.Now));
            paths[course.Slug] = (stored, PathLibrary.Parse(stored, steps));
        }
        city.Count("Paths", "default paths", await SyntheticCity.Save(db, paths.Values.Select(p => p.Stored), ct));

        var courses = city.All<SyntheticCourse>().ToDictionary(c => c.Slug);
        var employees = city.All<SyntheticEmployee>().ToDictionary(e => e.Id);
        var certificates = city.All<SyntheticCertificate>().ToDictionary(c => c.EnrolmentId);
        var history = new List<HistoryEntry>(4);
        long lines = 0, waiting = 0, ended = 0;
        city.Count("Paths", "path instances", await SyntheticCity.Save(db, Instances(), ct, _ =>
        {
            lines += history.Count;
            var rows = history.ToArray();
            history.Clear();
            return rows;
        }));
        city.Count("Paths", "waiting on reassessment", waiting);
        city.Count("Paths", "ended", ended);
        city.Count("Paths", "history lines", lines);

        IEnumerable<PathInstance> Instances()
        {
            foreach (var e in city.All<SyntheticEnrolment>())
            {
                var course = courses[e.CourseSlug];
                var (stored, definition) = paths[e.CourseSlug];
                var instance = new PathInstance(e.PathInstanceId, stored, e.EmployeeId, e.Id, e.CourseSlug, definition.First.Id, e.StartedAt);
                var facts = new InstanceFacts();
                var person = employees[e.EmployeeId];
                var actor = e.DueOn is null ? new Actor($"{person.Name} ({person.Nip})", person.Id) : new Actor("penugasan", null);
                history.Add(new HistoryEntry(instance.Id, e.StartedAt, HistoryKinds.Started, null, actor.Name, actor.Id, $"{stored.Key} v{stored.Version}"));
                var done = e.CompletedAt is null ? e.LessonsDone : course.LessonKeys.Count;
                if (done > 0) facts.Lessons[e.CourseSlug] = course.LessonKeys.Take(done).ToList();
                if (e.FailedAttempts > 0) facts.Failures[e.CourseSlug] = e.FailedAttempts;

                if (e.CompletedAt is not { } completedAt)
                {
                    // Lessons all done but the assessment not passed yet: the engine has moved on to the assessment step.
                    if (done == course.LessonKeys.Count && definition.NextOf(definition.First) is { } next
                        && definition.Step(next)?.Kind == StepKinds.PassAssessment)
                        instance.MoveTo(next);
                    instance.Wait();
                }
                else
                {
                    facts.Completed[e.CourseSlug] = new CourseCompletion(e.Id, course.Jp, course.Minutes, e.StartedAt, completedAt);
                    if (e.Score is { } score) facts.Passed[e.CourseSlug] = score;
                    var issue = definition.Steps.First(s => s.Kind == StepKinds.IssueCertificate);
                    var certificate = certificates[e.Id];
                    facts.Certificates[e.CourseSlug] = certificate.Id;
                    history.Add(new HistoryEntry(instance.Id, completedAt, HistoryKinds.CertificateIssued, issue.Id, Actor.System.Name, null, certificate.Number));
                    instance.Touch(completedAt);
                    if (definition.Steps.FirstOrDefault(s => s.Kind == StepKinds.Reassess) is not { } reassess)
                    {
                        instance.MoveTo(issue.Id);
                        instance.Complete(completedAt);
                        history.Add(new HistoryEntry(instance.Id, completedAt, HistoryKinds.Completed, null, Actor.System.Name, null, ""));
                        ended++;
                    }
                    else if (certificate.ExpiredOn is { } expiredOn)
                    {
                        var at = expiredOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                        instance.MoveTo(reassess.Id);
                        instance.Touch(at);
                        instance.Complete(at, Outcomes.Lapsed);
                        history.Add(new HistoryEntry(instance.Id, at, HistoryKinds.Completed, reassess.Id, Actor.System.Name, null, Outcomes.Lapsed));
                        ended++;
                    }
                    else
                    {
                        instance.MoveTo(reassess.Id);
                        instance.Wait();
                        waiting++;
                    }
                }
                instance.Keep(facts);
                yield return instance;
            }
        }
    }
}
