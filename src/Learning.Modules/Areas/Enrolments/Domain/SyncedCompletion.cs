using Learning.Kernel;

namespace Learning.Enrolments.Domain;

/// <summary>
/// A lesson completion made offline and sent later, remembered by the id the learner's device gave it: a device that sends
/// its queue again (a lost answer, a second tab) changes nothing the second time. Unique per person and client id.
/// </summary>
public sealed class SyncedCompletion
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid EmployeeId { get; private set; }
    public Guid ClientId { get; private set; }
    public Guid EnrolmentId { get; private set; }
    public string LessonKey { get; private set; } = "";
    /// <summary>When it counts as done (the device's time, clamped between the enrolment's start and the moment it arrived).</summary>
    public DateTime CompletedAt { get; private set; }
    public DateTime ReceivedAt { get; private set; }

    private SyncedCompletion() { }

    public SyncedCompletion(Guid employeeId, Guid clientId, Guid enrolmentId, string lessonKey, DateTime completedAt, DateTime receivedAt)
    {
        EmployeeId = employeeId; ClientId = clientId; EnrolmentId = enrolmentId; LessonKey = lessonKey;
        CompletedAt = completedAt; ReceivedAt = receivedAt;
    }
}
