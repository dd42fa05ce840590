using System.Collections.Immutable;

namespace Learning.Competencies.Contracts;

public enum CompetencyType { Technical, Managerial, SocioCultural }

/// <summary>The words used for competency types in content files and the API.</summary>
public static class CompetencyTypes
{
    public static readonly ImmutableArray<string> Names = ["technical", "managerial", "socio-cultural"];

    public static string Name(this CompetencyType type) => Names[(int)type];

    public static bool TryParse(string? name, out CompetencyType type)
    {
        var index = Names.IndexOf(name ?? "");
        type = index < 0 ? default : (CompetencyType)index;
        return index >= 0;
    }
}

/// <summary>A competency of the dictionary; <see cref="Levels"/> holds the texts of levels 1 to 5 in order.</summary>
public sealed record CompetencyInfo(string Code, CompetencyType Type, string Name, IReadOnlyList<string> Levels)
{
    public const int MinLevel = 1;
    public const int MaxLevel = 5;
}

public sealed record CompetencyCounts(int Added, int Updated, int Unchanged);

/// <summary>The competency dictionary (kamus kompetensi): what other modules may read.</summary>
public interface ICompetencyDictionary
{
    Task<CompetencyInfo?> Find(string code, CancellationToken ct = default);

    /// <summary>Every competency, in the order of the dictionary file.</summary>
    Task<IReadOnlyList<CompetencyInfo>> List(CancellationToken ct = default);
}

/// <summary>Used by the content import: adds or updates competencies in the caller's unit of work (the caller saves).</summary>
public interface ICompetencyDictionaryWriter
{
    /// <summary>Codes not in <paramref name="competencies"/> are kept: courses and records may still refer to them.</summary>
    Task<CompetencyCounts> Stage(IReadOnlyList<CompetencyInfo> competencies, CancellationToken ct = default);
}
