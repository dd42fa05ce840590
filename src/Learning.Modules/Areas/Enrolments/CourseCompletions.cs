using Learning.Enrolments.Contracts;
using Learning.Enrolments.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Enrolments;

public sealed class CourseCompletions(LearningDbContext db) : ICourseCompletions
{
    public Task<bool> HasCompleted(Guid employeeId, string courseSlug, CancellationToken ct = default) =>
        db.Set<Enrolment>().AnyAsync(e => e.EmployeeId == employeeId && e.CourseSlug == courseSlug && e.CompletedAt != null, ct);

    public Task<int> CompletedPeople(string courseSlug, CancellationToken ct = default) =>
        db.Set<Enrolment>().Where(e => e.CourseSlug == courseSlug && e.CompletedAt != null).Select(e => e.EmployeeId).Distinct().CountAsync(ct);
}
