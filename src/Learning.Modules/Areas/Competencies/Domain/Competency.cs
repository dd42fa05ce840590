using Learning.Kernel;
using Learning.Competencies.Contracts;

namespace Learning.Competencies.Domain;

/// <summary>A competency (PermenPANRB 38/2017 kinds) with what a person shows at each of levels 1 to 5.</summary>
public sealed class Competency : IContentRecord
{
    public Guid Id { get; private set; } = Ids.New();
    public string Code { get; private set; } = "";
    public CompetencyType Type { get; private set; }
    public string Name { get; private set; } = "";
    public List<string> Levels { get; private set; } = [];
    /// <summary>Position in the dictionary file, so an export keeps the authors' order.</summary>
    public int Order { get; private set; }

    private Competency() { }

    public Competency(string code) => Code = code;

    /// <summary>Returns true when anything changed.</summary>
    public bool Define(CompetencyType type, string name, IReadOnlyList<string> levels, int order)
    {
        if (levels.Count != CompetencyInfo.MaxLevel)
            throw new ArgumentException($"A competency has {CompetencyInfo.MaxLevel} levels.", nameof(levels));
        var changed = Type != type || Name != name || !Levels.SequenceEqual(levels) || Order != order;
        Type = type;
        Name = name;
        Levels = [.. levels];
        Order = order;
        return changed;
    }

    public CompetencyInfo ToInfo() => new(Code, Type, Name, Levels.ToArray());
}
