using Learning.Competencies.Contracts;
using Learning.Competencies.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Competencies;

internal sealed class CompetencyDictionary(LearningDbContext db, ContentCache cache) : ICompetencyDictionary, ICompetencyDictionaryWriter
{
    public async Task<CompetencyInfo?> Find(string code, CancellationToken ct) =>
        (await List(ct)).FirstOrDefault(c => c.Code == code);

    // The dictionary is a few dozen entries that every competency view reads: content, cached.
    public Task<IReadOnlyList<CompetencyInfo>> List(CancellationToken ct) => cache.Get(db, "competencies:dictionary", async () =>
    {
        // A subscriber also reads the shared catalogue's competencies; its own of the same code comes first and wins.
        var tenant = db.TenantKey;
        var all = await db.Set<Competency>().AsNoTracking()
            .Select(c => new { Competency = c, Own = EF.Property<string>(c, Tenancy.Column) == tenant }).ToListAsync(ct);
        return (IReadOnlyList<CompetencyInfo>)all.OrderByDescending(c => c.Own).DistinctBy(c => c.Competency.Code)
            .Select(c => c.Competency).OrderBy(c => c.Order).ThenBy(c => c.Code, StringComparer.Ordinal).Select(c => c.ToInfo()).ToList();
    }, ct);

    public async Task<CompetencyCounts> Stage(IReadOnlyList<CompetencyInfo> competencies, CancellationToken ct)
    {
        var stored = await db.Own<Competency>().ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
        int added = 0, updated = 0, unchanged = 0;
        for (var order = 0; order < competencies.Count; order++)
        {
            var info = competencies[order];
            if (!stored.TryGetValue(info.Code, out var competency))
            {
                competency = new Competency(info.Code);
                competency.Define(info.Type, info.Name, info.Levels, order);
                db.Add(competency);
                stored[info.Code] = competency;
                added++;
            }
            else if (competency.Define(info.Type, info.Name, info.Levels, order)) updated++;
            else unchanged++;
        }
        return new CompetencyCounts(added, updated, unchanged);
    }
}
