using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Accounts.Contracts;
using Learning.Enrolments.Contracts;

namespace Learning.Assignments;

/// <summary>
/// generate-data: the assignments behind the enrolments Enrolments marked assigned. A supervisor gives a course to those of
/// their people with the same due date in one assignment; each item is done when its enrolment finished, in progress once a
/// lesson was done, overdue (and escalated in that day's digest) when its due date passed first, as the daily job left them.
/// </summary>
internal sealed class SyntheticAssignments(LearningDbContext db) : ISyntheticDataPart
{
    public IReadOnlyList<Type> Needs => [typeof(SyntheticEmployee), typeof(SyntheticLogin), typeof(SyntheticEnrolment)];
    public IReadOnlyList<Type> Makes => [];

    public async Task Generate(SyntheticCity city, CancellationToken ct)
    {
        var supervisors = city.All<SyntheticEmployee>().Where(e => e.SupervisorId is not null).ToDictionary(e => e.Id, e => e.SupervisorId!.Value);
        var today = city.Today;
        long items = 0, overdue = 0, completed = 0;
        city.Count("Assignments", "assignments", await SyntheticCity.Save(db, Assignments(), ct, a => a.Items));
        city.Count("Assignments", "items", items);
        city.Count("Assignments", "completed", completed);
        city.Count("Assignments", "overdue now", overdue);

        IEnumerable<Assignment> Assignments()
        {
            var logins = city.All<SyntheticLogin>().ToDictionary(l => l.EmployeeId, l => l.UserId);
            var groups = city.All<SyntheticEnrolment>()
                .Where(e => e.DueOn is not null && supervisors.ContainsKey(e.EmployeeId))
                .GroupBy(e => (Supervisor: supervisors[e.EmployeeId], e.CourseSlug, DueOn: e.DueOn!.Value));
            foreach (var group in groups)
            {
                var supervisor = group.Key.Supervisor;
                var at = group.Min(e => e.StartedAt);
                var assignment = new Assignment(group.Key.CourseSlug, null, AssignmentTarget.People, null,
                    group.Key.DueOn, null, supervisor, logins.GetValueOrDefault(supervisor), at);
                foreach (var e in group)
                {
                    var item = assignment.Add(e.EmployeeId, e.Id, e.PathInstanceId, started: e.LessonsDone > 0, completed: false, at);
                    var lateFrom = e.DueOn!.Value.AddDays(1);
                    // The daily job marks it overdue the day after its due date and the supervisor's digest of that day escalates it.
                    if (lateFrom <= (e.CompletedAt is { } done ? DateOnly.FromDateTime(done) : today) && item.MarkOverdue(lateFrom))
                        item.Escalate(lateFrom);
                    if (e.CompletedAt is { } completedAt) { item.Complete(completedAt); completed++; }
                    else if (item.Status == AssignmentStatuses.Overdue) overdue++;
                    items++;
                }
                yield return assignment;
            }
        }
    }
}
