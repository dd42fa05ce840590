using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Classes;

/// <summary>
/// The path a registration runs on ended on a refused (or timed-out refused) approval: the registration is rejected, and a place
/// it held goes to the queue. The path engine raises this for class paths too (a stand-alone class's instance carries the
/// registration's id as its enrolment id).
/// </summary>
internal sealed class RejectRegistrationWhenEnrolmentPathRejected(LearningDbContext db, ClassRegistrations registrations)
    : IDomainEventHandler<EnrolmentPathRejected>
{
    public async Task Handle(EnrolmentPathRejected e, CancellationToken ct)
    {
        var registration = db.Set<ClassRegistration>().Local.FirstOrDefault(r => r.PathInstanceId == e.PathInstanceId)
            ?? await db.Set<ClassRegistration>().AsNoTracking().FirstOrDefaultAsync(r => r.PathInstanceId == e.PathInstanceId || r.Id == e.EnrolmentId, ct);
        if (registration is null) return;
        await registrations.Reject(registration.ClassId, registration.EmployeeId, "rejected", ct);
    }
}
