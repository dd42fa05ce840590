using Learning.Kernel;
using Learning.Organisation.Contracts;

namespace Learning.Organisation.Domain;

/// <summary>An organisational unit (OPD, bidang, seksi), in a hierarchy.</summary>
public sealed class Unit : IContentRecord
{
    public Guid Id { get; private set; } = Ids.New();
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public Guid? ParentId { get; private set; }

    private Unit() { }
    public Unit(string code, string name, Guid? parentId) { Code = code; Name = name; ParentId = parentId; }

    public void Update(string name, Guid? parentId) { Name = name; ParentId = parentId; }
}

/// <summary>A position (jabatan); competency standards hang on it.</summary>
public sealed class Position : IContentRecord
{
    public Guid Id { get; private set; } = Ids.New();
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    private Position() { }
    public Position(string code, string name) { Code = code; Name = name; }

    public void Rename(string name) => Name = name;
}

public sealed class Employee : AggregateRoot, IPersonRecord, IContentRecord
{
    public Guid Id { get; private set; } = Ids.New();
    public string Nip { get; private set; } = "";
    public AsnKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid? PositionId { get; private set; }
    public Guid? SupervisorId { get; private set; }
    /// <summary>Extra roles beyond Learner (and Supervisor, which follows from having people).</summary>
    public string Roles { get; private set; } = "";
    /// <summary>Set when the person left (retired, moved away): no login, off team pages and pickers; their records stay.</summary>
    public DateTime? DeactivatedAt { get; private set; }

    private Employee() { }

    public static Employee Register(Nip nip, string name, string? email, Guid unitId, Guid? positionId, IReadOnlyList<string> roles)
    {
        var employee = new Employee
        {
            Nip = nip.Value, Kind = nip.Kind, Name = name, Email = email,
            UnitId = unitId, PositionId = positionId, Roles = RolesText(roles),
        };
        employee.Raise(new EmployeeRegistered(employee.Id, employee.Nip, name, email, roles));
        return employee;
    }

    /// <summary>How roles are stored in <see cref="Roles"/>: one text, comma between them.</summary>
    public static string RolesText(IEnumerable<string> roles) => string.Join(",", roles);

    public IReadOnlyList<string> RoleList => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public void Update(string name, string? email, Guid unitId, Guid? positionId, IReadOnlyList<string> roles)
    {
        var joined = RolesText(roles);
        var detailsChanged = name != Name || email != Email || joined != Roles;
        Name = name; Email = email; UnitId = unitId; PositionId = positionId; Roles = joined;
        if (detailsChanged) Raise(new EmployeeDetailsChanged(Id, Nip, name, email, roles));
    }

    public void ReportTo(Guid? supervisorId)
    {
        if (supervisorId == Id) throw new InvalidOperationException("An employee cannot supervise themselves.");
        if (supervisorId == SupervisorId) return;
        SupervisorId = supervisorId;
        Raise(new SupervisorAssigned(Id, supervisorId));
    }

    public bool IsActive => DeactivatedAt is null;

    public void Deactivate(DateTime at)
    {
        if (DeactivatedAt is not null) return;
        DeactivatedAt = at;
        Raise(new EmployeeDeactivated(Id, Nip, Name));
    }

    public void Reactivate()
    {
        if (DeactivatedAt is null) return;
        DeactivatedAt = null;
        Raise(new EmployeeReactivated(Id, Nip, Name));
    }

    /// <summary>Grants or withdraws one role named in the record (Coordinator, Administrator); Accounts follows.</summary>
    public void SetRole(string role, bool held)
    {
        var roles = RoleList.Where(r => r != role).ToList();
        if (held) roles.Add(role);
        var ordered = Learning.Kernel.Roles.All.Where(roles.Contains).ToList();
        if (RolesText(ordered) == Roles) return;
        Roles = RolesText(ordered);
        Raise(new EmployeeDetailsChanged(Id, Nip, Name, Email, ordered));
    }
}
