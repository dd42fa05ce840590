using Learning.Kernel;

namespace Learning.Classes.Contracts;

/// <summary>A person was present at one session of a class (by check-in code, the roll or a correction); once per person and session.</summary>
public sealed record AttendanceRecorded(Guid ClassId, Guid SessionId, Guid EmployeeId, DateTime At, string Method) : DomainEvent;

/// <summary>A correction took a person's attendance at a session away.</summary>
public sealed record AttendanceWithdrawn(Guid ClassId, Guid SessionId, Guid EmployeeId, DateTime At) : DomainEvent;
