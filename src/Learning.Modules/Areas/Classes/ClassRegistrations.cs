
namespace Learning.Classes;

/// <summary>The outcome of a registration: its id and status word (RegistrationStatuses), or a problem in Indonesian.</summary>
public sealed record RegistrationResult(Guid? Id, string? Status, string? Problem, int StatusCode);

/// <summary>
/// Registering and cancelling (the one place that decides who holds a place): capacity, the waitlist served in order, supervisors'
/// reserved places, the enrolment and path every registration runs on. Pages and the API both call it.
/// </summary>
public sealed class ClassRegistrations
{
    /// <summary>Registers <paramref name="employeeId"/> (by themselves, or by <paramref name="byEmployeeId"/>: their supervisor).</summary>
    public Task<RegistrationResult> Register(Guid classId, Guid employeeId, Guid? byEmployeeId, CancellationToken ct) =>
        throw new NotImplementedException("class-registrations branch");

    /// <summary>Cancels a registration (the learner or their supervisor) while registration is open; the first waitlisted moves up.</summary>
    public Task<RegistrationResult> Cancel(Guid registrationId, Guid byEmployeeId, CancellationToken ct) =>
        throw new NotImplementedException("class-registrations branch");
}
