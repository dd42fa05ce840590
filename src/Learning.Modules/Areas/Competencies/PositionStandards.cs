using System.Globalization;
using Learning.Audit.Contracts;
using Learning.Competencies.Contracts;
using Learning.Competencies.Domain;
using Learning.Kernel;
using Learning.Kernel.Text;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Competencies;

internal sealed class PositionStandards(LearningDbContext db, IOrganisationDirectory organisation, IAuditLog audit, IStringLocalizer text, ContentCache cache)
    : IPositionStandards
{
    public static readonly string[] Columns = ["position_code", "competency_code", "level"];
    private static readonly StringComparer Codes = StringComparer.OrdinalIgnoreCase;

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<RequiredCompetency>>> For(IEnumerable<string> positionCodes, CancellationToken ct)
    {
        var wanted = positionCodes.Where(c => !string.IsNullOrEmpty(c)).ToHashSet(Codes);
        if (wanted.Count == 0) return new Dictionary<string, IReadOnlyList<RequiredCompetency>>(Codes);
        // Standards are a few hundred lines for a whole city: read them all and match codes without case here.
        return (await All(ct)).Where(s => wanted.Contains(s.PositionCode))
            .ToDictionary(s => s.PositionCode, s => s.Competencies, Codes);
    }

    public Task<IReadOnlyList<PositionStandard>> All(CancellationToken ct) => cache.Get(db, "competencies:standards", () => Load(ct), ct);

    private async Task<IReadOnlyList<PositionStandard>> Load(CancellationToken ct)
    {
        // A subscriber reads the shared catalogue's competencies too: a code may come twice.
        var order = (await db.Set<Competency>().AsNoTracking().Select(c => new { c.Code, c.Order }).ToListAsync(ct))
            .GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.Min(c => c.Order));
        var lines = await db.Set<PositionRequirement>().AsNoTracking().ToListAsync(ct);
        return lines.GroupBy(l => l.PositionCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PositionStandard(g.Key, g.OrderBy(l => order.GetValueOrDefault(l.CompetencyCode, int.MaxValue)).ThenBy(l => l.CompetencyCode)
                .Select(l => new RequiredCompetency(l.CompetencyCode, l.Level)).ToList()))
            .ToList();
    }

    private sealed record Line(int Number, string Position, string Competency, int Level);

    public async Task<StandardsImportResult> Import(string fileName, string content, CancellationToken ct)
    {
        var problems = new List<SourceProblem>();
        void Problem(int line, string reason) => problems.Add(new SourceProblem(fileName, line, reason));

        var positions = (await organisation.Positions(ct)).ToDictionary(p => p.Code, p => p.Code, Codes);
        var competencies = (await db.Set<Competency>().AsNoTracking().Select(c => c.Code).Distinct().ToListAsync(ct)).ToDictionary(c => c, c => c, Codes);
        var lines = new List<Line>();
        var seen = new Dictionary<(string, string), int>();
        foreach (var row in Read(content, Problem))
        {
            string Value(string column) => row.Values.GetValueOrDefault(column, "");
            var ok = true;
            string? position = null, competency = null;
            if (Value("position_code") is not { Length: > 0 } positionCode) { Problem(row.Line, text["Competencies.Standards.Required", "position_code"]); ok = false; }
            else if (!positions.TryGetValue(positionCode, out position)) { Problem(row.Line, text["Competencies.Standards.UnknownPosition", positionCode]); ok = false; }
            if (Value("competency_code") is not { Length: > 0 } competencyCode) { Problem(row.Line, text["Competencies.Standards.Required", "competency_code"]); ok = false; }
            else if (!competencies.TryGetValue(competencyCode, out competency)) { Problem(row.Line, text["Competencies.Standards.UnknownCompetency", competencyCode]); ok = false; }
            if (!int.TryParse(Value("level"), NumberStyles.None, CultureInfo.InvariantCulture, out var level)
                || level is < CompetencyInfo.MinLevel or > CompetencyInfo.MaxLevel)
            {
                Problem(row.Line, text["Competencies.Standards.Level", Value("level"), CompetencyInfo.MinLevel, CompetencyInfo.MaxLevel]);
                ok = false;
            }
            if (position is not null && competency is not null && !seen.TryAdd((position.ToUpperInvariant(), competency.ToUpperInvariant()), row.Line))
            {
                Problem(row.Line, text["Competencies.Standards.Duplicate", position, competency, seen[(position.ToUpperInvariant(), competency.ToUpperInvariant())]]);
                ok = false;
            }
            if (ok) lines.Add(new Line(row.Line, position!, competency!, level));
        }
        if (problems.Count == 0 && lines.Count == 0) Problem(1, text["Competencies.Standards.Empty"]);
        if (problems.Count > 0) return new StandardsImportResult(problems.OrderBy(p => p.Line).ToList(), new StandardsCounts(0, 0, 0, 0, 0));

        var named = lines.Select(l => l.Position).ToHashSet(Codes);
        var stored = (await db.Set<PositionRequirement>().ToListAsync(ct)).Where(r => named.Contains(r.PositionCode)).ToList();
        int added = 0, updated = 0, unchanged = 0, removed = 0;
        foreach (var line in lines)
        {
            var existing = stored.FirstOrDefault(r => Codes.Equals(r.PositionCode, line.Position) && Codes.Equals(r.CompetencyCode, line.Competency));
            if (existing is null) { db.Add(new PositionRequirement(line.Position, line.Competency, line.Level)); added++; }
            else if (existing.Require(line.Level)) updated++;
            else unchanged++;
        }
        foreach (var gone in stored.Where(r => !lines.Any(l => Codes.Equals(r.PositionCode, l.Position) && Codes.Equals(r.CompetencyCode, l.Competency))))
        {
            db.Remove(gone);
            removed++;
        }
        audit.Record(AuditActions.StandardsImported, fileName,
            $"positions: {named.Count}; lines: {added} added, {updated} updated, {removed} removed, {unchanged} unchanged");
        await db.SaveChangesAsync(ct);
        return new StandardsImportResult([], new StandardsCounts(named.Count, added, updated, removed, unchanged));
    }

    /// <summary>Through the shared CSV reader; its refusals worded as standards messages.</summary>
    private IReadOnlyList<CsvRow> Read(string content, Action<int, string> problem)
    {
        var headerShown = false;
        return CsvInput.Read(content, Columns, [], r =>
        {
            if (r.Key is "NoHeader" or "MissingColumn")
            {
                if (!headerShown) problem(1, text["Competencies.Standards.Header", CsvText.Line(Columns)]);
                headerShown = true;
            }
            else problem(r.Line, text["Competencies.Standards." + r.Key, r.Args]);
        }) ?? [];
    }

    /// <summary>The standards in the import format, so a coordinator can download, edit and upload them again.</summary>
    public static string ToCsv(IReadOnlyList<PositionStandard> standards) =>
        CsvText.Write(Columns, standards.SelectMany(s => s.Competencies.Select(c => (IEnumerable<object?>)[s.PositionCode, c.Code, c.Level])));
}
