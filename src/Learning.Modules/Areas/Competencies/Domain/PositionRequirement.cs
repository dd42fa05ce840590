using Learning.Kernel;

namespace Learning.Competencies.Domain;

/// <summary>One line of a position's competency standard: the position requires this competency at this level.</summary>
public sealed class PositionRequirement : IContentRecord
{
    public Guid Id { get; private set; } = Ids.New();
    public string PositionCode { get; private set; } = "";
    public string CompetencyCode { get; private set; } = "";
    public int Level { get; private set; }

    private PositionRequirement() { }

    public PositionRequirement(string positionCode, string competencyCode, int level)
    {
        PositionCode = positionCode;
        CompetencyCode = competencyCode;
        Level = level;
    }

    public bool Require(int level)
    {
        if (Level == level) return false;
        Level = level;
        return true;
    }
}
