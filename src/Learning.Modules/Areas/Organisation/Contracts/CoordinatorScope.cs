namespace Learning.Organisation.Contracts;

/// <summary>
/// Which coordinators look after whom (Team:CoordinatorScope): the whole city ("City", the default), or with "OwnUnit" a
/// coordinator's own unit and the units below it. The team pages, assigning, reports and the path engine all ask here, so
/// the rule is read in one place.
/// </summary>
public interface ICoordinatorScope
{
    /// <summary>The units a coordinator looks after: null for the whole city; empty when they are not in the organisation.</summary>
    Task<IReadOnlySet<Guid>?> UnitsOf(Guid? coordinatorId, CancellationToken ct = default);

    /// <summary>
    /// The coordinators who look after a person: the whole city's, or with OwnUnit those of the person's unit or a unit
    /// above it. Never the person themself.
    /// </summary>
    Task<IReadOnlyList<EmployeeInfo>> CoordinatorsOf(Guid employeeId, CancellationToken ct = default);
}
