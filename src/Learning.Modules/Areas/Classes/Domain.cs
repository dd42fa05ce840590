using Learning.Classes.Contracts;
using Learning.Kernel;

namespace Learning.Classes;

/// <summary>
/// A scheduled class (diklat klasikal or the class part of a blended training): of a course, or stand-alone with its own
/// title, JP and competencies. Capacity counts registered people and unnamed reserved places. Two guards, so that neither kind of
/// change makes the other stale: <see cref="Revision"/> is bumped by the coordinator's edits of the class only (an edit form
/// opened before is refused), <see cref="PlacesRevision"/> by every change to who holds a place (with the row lock
/// ClassRegistrations takes first, two registrations or cancellations at once never both take the last place or both promote
/// the same waitlisted person, and an edit of the capacity saved at that moment loses and is tried again on the places as they are).
/// </summary>
public sealed class Class : AggregateRoot
{
    public Guid Id { get; private set; } = Ids.New();
    /// <summary>The course it is a class of, or null for a stand-alone class.</summary>
    public string? CourseSlug { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public decimal Jp { get; private set; }
    /// <summary>Competencies awarded on completion, "CODE:LEVEL" separated by commas (stand-alone classes; a course's own otherwise).</summary>
    public string? Competencies { get; private set; }
    public int Capacity { get; private set; }
    /// <summary><see cref="ClassApprovals"/>.</summary>
    public string Approval { get; private set; } = ClassApprovals.Supervisor;
    public DateTime? RegistrationOpensAt { get; private set; }
    public DateTime RegistrationClosesAt { get; private set; }
    /// <summary>The share of sessions a person must attend (0..1; 1 = every session).</summary>
    public decimal AttendanceShare { get; private set; } = 1m;
    /// <summary>The course's post-test must be passed (only for a class of a course with an assessment).</summary>
    public bool PostTest { get; private set; }
    /// <summary>The reaction form must be filled in.</summary>
    public bool Evaluation { get; private set; } = true;
    public string Status { get; private set; } = ClassStatuses.Scheduled;
    public Guid CreatedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>Registered people plus reserved places not yet named: never above <see cref="Capacity"/>.</summary>
    public int PlacesTaken { get; private set; }
    /// <summary>The next waitlist number: the queue is served in this order, whoever cancels.</summary>
    public long NextQueueNumber { get; private set; } = 1;
    /// <summary>Bumped by the coordinator's edits of the class (the edit forms carry it), never by registrations.</summary>
    public int Revision { get; private set; }
    /// <summary>Bumped by every change of <see cref="PlacesTaken"/> or the queue (registrations, cancellations, reservations).</summary>
    public int PlacesRevision { get; private set; }

    public List<ClassSession> Sessions { get; private set; } = [];
    public List<ClassTrainer> Trainers { get; private set; } = [];
    public List<ClassAudience> Audience { get; private set; } = [];

    private Class() { }

    public Class(string? courseSlug, string title, decimal jp, int capacity, string approval, DateTime registrationClosesAt,
        Guid createdByUserId, DateTime now)
    {
        CourseSlug = courseSlug; Title = title; Jp = jp; Capacity = capacity; Approval = approval;
        RegistrationClosesAt = registrationClosesAt; CreatedByUserId = createdByUserId; CreatedAt = now; UpdatedAt = now;
    }

    public void Describe(string title, string? description, decimal jp, string? competencies, int capacity, string approval,
        DateTime? opensAt, DateTime closesAt, DateTime now)
    {
        Title = title; Description = description; Jp = jp; Competencies = competencies; Capacity = capacity; Approval = approval;
        RegistrationOpensAt = opensAt; RegistrationClosesAt = closesAt; Touch(now);
    }

    public void Complete(decimal attendanceShare, bool postTest, bool evaluation, DateTime now)
    {
        AttendanceShare = attendanceShare; PostTest = postTest; Evaluation = evaluation; Touch(now);
    }

    public void Cancel(DateTime now) { Status = ClassStatuses.Cancelled; Touch(now); }

    public int PlacesLeft => Math.Max(0, Capacity - PlacesTaken);

    public bool RegistrationOpen(DateTime now) =>
        Status == ClassStatuses.Scheduled && (RegistrationOpensAt is not { } opens || now >= opens) && now < RegistrationClosesAt;

    /// <summary>Takes a place if one is left; the caller saves with the places' revision, so a lost race retries.</summary>
    public bool TakePlace(DateTime now)
    {
        if (PlacesTaken >= Capacity) return false;
        PlacesTaken++; PlacesChanged(now);
        return true;
    }

    public void ReleasePlace(DateTime now)
    {
        if (PlacesTaken > 0) PlacesTaken--;
        PlacesChanged(now);
    }

    public long TakeQueueNumber(DateTime now) { PlacesChanged(now); return NextQueueNumber++; }

    /// <summary>Who holds a place or waits changed (a named reservation, a cancellation): ordered against every other such change.</summary>
    public void PlacesChanged(DateTime now) { UpdatedAt = now; PlacesRevision++; }

    public void Touch(DateTime now) { UpdatedAt = now; Revision++; }
}

/// <summary>One meeting of a class: in a room, online, or both. <see cref="Sequence"/> grows with each change (iCalendar).</summary>
public sealed class ClassSession
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid ClassId { get; private set; }
    /// <summary>1-based, in time order; the API's {n}.</summary>
    public int Number { get; private set; }
    public DateTime StartsAt { get; private set; }
    public DateTime EndsAt { get; private set; }
    public string? Venue { get; private set; }
    public string? OnlineUrl { get; private set; }
    public bool Cancelled { get; private set; }
    public int Sequence { get; private set; }
    /// <summary>The secret the session's rotating check-in codes are derived from; never leaves the server.</summary>
    public byte[] CheckInSecret { get; private set; } = [];

    private ClassSession() { }

    public ClassSession(Guid classId, int number, DateTime startsAt, DateTime endsAt, string? venue, string? onlineUrl, byte[] checkInSecret)
    {
        ClassId = classId; Number = number; StartsAt = startsAt; EndsAt = endsAt; Venue = venue; OnlineUrl = onlineUrl;
        CheckInSecret = checkInSecret;
    }

    public void Move(int number, DateTime startsAt, DateTime endsAt, string? venue, string? onlineUrl)
    {
        if (number == Number && startsAt == StartsAt && endsAt == EndsAt && venue == Venue && onlineUrl == OnlineUrl) return;
        Number = number; StartsAt = startsAt; EndsAt = endsAt; Venue = venue; OnlineUrl = onlineUrl; Sequence++;
    }

    public void Cancel() { if (!Cancelled) { Cancelled = true; Sequence++; } }

    /// <summary>A place in the time order after another session moved (the number alone: what the session is did not change).</summary>
    public void Renumber(int number) => Number = number;

    /// <summary>A session saved without a secret gets one the first time its code is asked for.</summary>
    public bool EnsureCheckInSecret()
    {
        if (CheckInSecret.Length >= 16) return false;
        CheckInSecret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        return true;
    }

    /// <summary>Learners may check in from half an hour before the start until the end.</summary>
    public static readonly TimeSpan CheckInOpensBefore = TimeSpan.FromMinutes(30);

    public DateTime CheckInOpensAt => StartsAt - CheckInOpensBefore;

    public bool CheckInOpen(DateTime now) => !Cancelled && now >= CheckInOpensAt && now <= EndsAt;
}

/// <summary>A person on the platform who teaches the class: they show check-in codes, tick the roll and see the evaluation.</summary>
public sealed class ClassTrainer
{
    public Guid ClassId { get; private set; }
    public Guid EmployeeId { get; private set; }

    private ClassTrainer() { }

    public ClassTrainer(Guid classId, Guid employeeId) { ClassId = classId; EmployeeId = employeeId; }
}

/// <summary>Who may register: no rows means everyone; otherwise people in one of the units (or below) or positions.</summary>
public sealed class ClassAudience
{
    public Guid ClassId { get; private set; }
    /// <summary><see cref="AudienceKinds"/>.</summary>
    public string Kind { get; private set; } = AudienceKinds.Unit;
    public string Code { get; private set; } = "";

    private ClassAudience() { }

    public ClassAudience(Guid classId, string kind, string code) { ClassId = classId; Kind = kind; Code = code; }
}

/// <summary>
/// One person's registration. An open registration (registered, waitlisted, pending approval) is unique per person and class;
/// <see cref="QueueNumber"/> orders the waitlist.
/// </summary>
public sealed class ClassRegistration : AggregateRoot
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid ClassId { get; private set; }
    public Guid EmployeeId { get; private set; }
    public string Status { get; private set; } = RegistrationStatuses.PendingApproval;
    public long? QueueNumber { get; private set; }
    /// <summary>The supervisor's reservation this registration used, if any.</summary>
    public Guid? ReservationId { get; private set; }
    /// <summary>Who registered them: themselves, their supervisor, an assignment's author.</summary>
    public Guid? RegisteredByEmployeeId { get; private set; }
    public Guid? EnrolmentId { get; private set; }
    public Guid? PathInstanceId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? CancelledAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public string? Reason { get; private set; }
    public int Revision { get; private set; }

    private ClassRegistration() { }

    public ClassRegistration(Guid classId, Guid employeeId, Guid? registeredBy, DateTime now)
    {
        ClassId = classId; EmployeeId = employeeId; RegisteredByEmployeeId = registeredBy; CreatedAt = now; UpdatedAt = now;
    }

    public bool IsOpen => RegistrationStatuses.IsOpen(Status);

    public void Link(Guid? enrolmentId, Guid? pathInstanceId) { EnrolmentId = enrolmentId; PathInstanceId = pathInstanceId; }

    public void Register(Guid? reservationId, DateTime now)
    {
        Status = RegistrationStatuses.Registered; QueueNumber = null; ReservationId = reservationId; Touch(now);
    }

    public void Waitlist(long queueNumber, DateTime now) { Status = RegistrationStatuses.Waitlisted; QueueNumber = queueNumber; Touch(now); }

    public void AwaitApproval(DateTime now) { Status = RegistrationStatuses.PendingApproval; Touch(now); }

    public void Cancel(string? reason, DateTime now) { Status = RegistrationStatuses.Cancelled; Reason = reason; CancelledAt = now; Touch(now); }

    public void Reject(string? reason, DateTime now) { Status = RegistrationStatuses.Rejected; Reason = reason; Touch(now); }

    public void Complete(DateTime now) { Status = RegistrationStatuses.Completed; CompletedAt = now; Touch(now); }

    /// <summary>A completed registration whose attendance a correction took away before the certificate: registered again, its place kept.</summary>
    public bool Reopen(DateTime now)
    {
        if (Status != RegistrationStatuses.Completed) return false;
        Status = RegistrationStatuses.Registered; CompletedAt = null; Touch(now);
        return true;
    }

    private void Touch(DateTime now) { UpdatedAt = now; Revision++; }
}

/// <summary>Places a supervisor holds for their team before naming the people; naming one uses a held place.</summary>
public sealed class ClassReservation
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid ClassId { get; private set; }
    public Guid SupervisorId { get; private set; }
    public int Places { get; private set; }
    public int Named { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public int Revision { get; private set; }

    private ClassReservation() { }

    public ClassReservation(Guid classId, Guid supervisorId, int places, DateTime now)
    {
        ClassId = classId; SupervisorId = supervisorId; Places = places; CreatedAt = now;
    }

    public int Unnamed => Math.Max(0, Places - Named);

    public bool Name() { if (Named >= Places) return false; Named++; Revision++; return true; }

    public void Unname() { if (Named > 0) Named--; Revision++; }

    public void Resize(int places) { Places = places; Revision++; }
}

/// <summary>A person present at one session (unique per person and session): by check-in code, the trainer's roll or a correction.</summary>
public sealed class Attendance : AggregateRoot
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid ClassId { get; private set; }
    public Guid SessionId { get; private set; }
    public Guid EmployeeId { get; private set; }
    public DateTime At { get; private set; }
    /// <summary><see cref="AttendanceMethods"/>.</summary>
    public string Method { get; private set; } = AttendanceMethods.Code;
    public Guid? RecordedByEmployeeId { get; private set; }

    private Attendance() { }

    public Attendance(Guid classId, Guid sessionId, Guid employeeId, DateTime at, string method, Guid? recordedBy)
    {
        ClassId = classId; SessionId = sessionId; EmployeeId = employeeId; At = at; Method = method; RecordedByEmployeeId = recordedBy;
        Raise(new AttendanceRecorded(classId, sessionId, employeeId, at, method));
    }

    /// <summary>Taken away (the roll unticked): the caller removes the row in the same save, so the event travels with it.</summary>
    public void Withdraw(DateTime now) => Raise(new AttendanceWithdrawn(ClassId, SessionId, EmployeeId, now));
}

/// <summary>A change to attendance after the session ended (or any roll change): who, what, when and why, kept for audit.</summary>
public sealed class AttendanceCorrection
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid ClassId { get; private set; }
    public Guid SessionId { get; private set; }
    public Guid EmployeeId { get; private set; }
    public bool Present { get; private set; }
    public Guid ByEmployeeId { get; private set; }
    public string? Reason { get; private set; }
    public DateTime At { get; private set; }

    private AttendanceCorrection() { }

    public AttendanceCorrection(Guid classId, Guid sessionId, Guid employeeId, bool present, Guid byEmployeeId, string? reason, DateTime at)
    {
        ClassId = classId; SessionId = sessionId; EmployeeId = employeeId; Present = present; ByEmployeeId = byEmployeeId; Reason = reason; At = at;
    }
}
