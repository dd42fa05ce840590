using Learning.Kernel.Text;

namespace Learning.Competencies.Contracts;

/// <summary>A competency a position requires, at a level from 1 to 5.</summary>
public sealed record RequiredCompetency(string Code, int Level);

/// <summary>The competency standard of a position (standar kompetensi jabatan).</summary>
public sealed record PositionStandard(string PositionCode, IReadOnlyList<RequiredCompetency> Competencies);

public sealed record StandardsCounts(int Positions, int Added, int Updated, int Removed, int Unchanged);

public sealed record StandardsImportResult(IReadOnlyList<SourceProblem> Problems, StandardsCounts Counts)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>Position standards: what other modules read, and the CSV import coordinators run.</summary>
public interface IPositionStandards
{
    /// <summary>The standards of these positions (codes compared without case); positions without one are left out.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<RequiredCompetency>>> For(IEnumerable<string> positionCodes, CancellationToken ct = default);

    /// <summary>Every position that has a standard, by position code; competencies in dictionary order.</summary>
    Task<IReadOnlyList<PositionStandard>> All(CancellationToken ct = default);

    /// <summary>
    /// Imports <c>position_code,competency_code,level</c> lines. The whole file is checked first; with any problem nothing
    /// changes. Each position the file names gets exactly the file's lines; positions it does not name keep theirs, so the
    /// same file imports again without change.
    /// </summary>
    Task<StandardsImportResult> Import(string fileName, string content, CancellationToken ct = default);
}
