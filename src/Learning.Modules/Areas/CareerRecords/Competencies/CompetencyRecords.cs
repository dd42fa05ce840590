using Learning.CareerRecords.Contracts;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Learning.CareerRecords.Competencies;

/// <summary>Each person's competency profile (certificates plus agreed assessments) and the gaps against their position's standard.</summary>
public sealed class CompetencyRecords(LearningDbContext db, IOrganisationDirectory organisation, IPositionStandards standards,
    ICompetencyDictionary dictionary, ICourseCatalog catalog, TimeProvider clock) : ICompetencyGaps
{
    // In chunks: a team or unit report may ask for thousands of people, beyond what one IN list should carry.
    private const int Chunk = 500;

    public DateOnly Today => clock.Today();

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<CompetencyStanding>>> Standings(IReadOnlyCollection<Guid> employeeIds, CancellationToken ct = default)
    {
        var ids = employeeIds.Distinct().ToList();
        var certified = new List<(Guid EmployeeId, CertifiedLevel Level)>();
        var agreed = new List<(Guid EmployeeId, string Code, int Level, DateTime At)>();
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var records = await db.Set<CompetencyRecord>().AsNoTracking().Where(r => chunk.Contains(r.EmployeeId)).ToListAsync(ct);
            certified.AddRange(records.Select(r => (r.EmployeeId, new CertifiedLevel(r.CompetencyCode, r.Level, r.Status, r.ValidUntil, r.CertificateNumber))));
            var ratings = await (from a in db.Set<CompetencyAssessment>().AsNoTracking()
                                 where chunk.Contains(a.EmployeeId) && a.Status == AssessmentStatus.Confirmed
                                 from r in a.Ratings
                                 select new { a.EmployeeId, r.CompetencyCode, r.AgreedLevel, a.ConfirmedAt }).ToListAsync(ct);
            agreed.AddRange(ratings.Where(r => r.AgreedLevel is not null).Select(r => (r.EmployeeId, r.CompetencyCode, r.AgreedLevel!.Value, r.ConfirmedAt!.Value)));
        }
        var today = Today;
        var certifiedBy = certified.ToLookup(c => c.EmployeeId, c => c.Level);
        var agreedBy = agreed.ToLookup(a => a.EmployeeId);
        return ids.ToDictionary(id => id, id =>
        {
            // The latest confirmed assessment of a competency is the agreed level.
            var latest = agreedBy[id].GroupBy(a => a.Code, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.MaxBy(a => a.At).Level, StringComparer.OrdinalIgnoreCase);
            return CompetencyProfile.Of(certifiedBy[id], latest, today);
        });
    }

    public async Task<IReadOnlyList<CompetencyStanding>> StandingOf(Guid employeeId, CancellationToken ct = default) =>
        (await Standings([employeeId], ct))[employeeId];

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<CompetencyGap>>> For(IReadOnlyCollection<Guid> employeeIds, CancellationToken ct = default)
    {
        var ids = employeeIds.Distinct().ToList();
        // No position has a standard (kept with the content): nobody has a gap, and the people are not read for it (the home page
        // asks for every visitor; bench/README.md, fifth round).
        if (ids.Count == 0 || (await standards.All(ct)).Count == 0)
            return ids.ToDictionary(id => id, _ => (IReadOnlyList<CompetencyGap>)[]);
        var found = await Of(await organisation.FindEmployees(ids, ct), ct);
        return ids.ToDictionary(id => id, id => found.GetValueOrDefault(id) ?? []);
    }

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<CompetencyGap>>> Of(IReadOnlyCollection<EmployeeInfo> asked, CancellationToken ct = default)
    {
        var people = asked.DistinctBy(p => p.Id).ToList(); // each person's standing is read and worked out once
        var result = people.ToDictionary(p => p.Id, _ => (IReadOnlyList<CompetencyGap>)[]);
        if (result.Count == 0) return result;
        var required = await standards.For(people.Select(p => p.PositionCode).OfType<string>(), ct);
        var withStandard = people.Where(p => p.PositionCode is not null && required.ContainsKey(p.PositionCode)).ToList();
        if (withStandard.Count == 0) return result;

        var standings = await Standings(withStandard.Select(p => p.Id).ToList(), ct);
        var names = (await dictionary.List(ct)).ToDictionary(c => c.Code, c => c.Name, StringComparer.OrdinalIgnoreCase);
        var published = await catalog.Published(ct);
        var awarding = new Dictionary<(string Code, int Level), IReadOnlyList<string>>();
        foreach (var person in withStandard)
            result[person.Id] = CompetencyProfile.Gaps(required[person.PositionCode!], CompetencyProfile.CurrentLevels(standings[person.Id]), names, published,
                awarding);
        return result;
    }

    /// <summary>
    /// One person's gaps from what the caller has already read (the person and their standing), as <see cref="For"/> answers
    /// for them: the career record page shows both, so neither is read twice.
    /// </summary>
    public async Task<IReadOnlyList<CompetencyGap>> GapsOf(EmployeeInfo? person, IReadOnlyList<CompetencyStanding> standing, CancellationToken ct = default)
    {
        if (person?.PositionCode is not { } position) return [];
        var required = await standards.For([position], ct);
        if (!required.TryGetValue(position, out var standard)) return [];
        var names = (await dictionary.List(ct)).ToDictionary(c => c.Code, c => c.Name, StringComparer.OrdinalIgnoreCase);
        var published = await catalog.Published(ct);
        return CompetencyProfile.Gaps(standard, CompetencyProfile.CurrentLevels(standing), names, published);
    }
}
