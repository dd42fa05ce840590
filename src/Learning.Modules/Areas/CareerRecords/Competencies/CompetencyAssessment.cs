using Learning.Kernel;

namespace Learning.CareerRecords.Competencies;

/// <summary>Draft: saved by the ASN part-way, seen by nobody else until submitted (then it is replaced by the submitted one).</summary>
public enum AssessmentStatus { Submitted, Confirmed, Draft }

/// <summary>
/// An ASN rates themselves against the level descriptors of their position's competencies; their own supervisor
/// confirms or adjusts each rating with a comment. Every assessment is kept: who, when and why.
/// </summary>
public sealed class CompetencyAssessment
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid EmployeeId { get; private set; }
    /// <summary>The supervisor at the time of submission: the only one who may confirm.</summary>
    public Guid SupervisorId { get; private set; }
    public string PositionCode { get; private set; } = "";
    public AssessmentStatus Status { get; private set; }
    /// <summary>When it was submitted; of a draft, when it was last saved.</summary>
    public DateTime SubmittedAt { get; private set; }
    public Guid? ConfirmedBy { get; private set; }
    public string? ConfirmedByName { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }
    public List<AssessmentRating> Ratings { get; private set; } = [];

    private CompetencyAssessment() { }

    public CompetencyAssessment(Guid employeeId, Guid supervisorId, string positionCode, IEnumerable<AssessmentRating> ratings, DateTime now)
    {
        EmployeeId = employeeId;
        SupervisorId = supervisorId;
        PositionCode = positionCode;
        Status = AssessmentStatus.Submitted;
        SubmittedAt = now;
        Ratings = ratings.ToList();
        foreach (var r in Ratings) r.AssessmentId = Id;
    }

    /// <summary>A draft has no supervisor yet (<see cref="Guid.Empty"/>): it is sent to the one there is on submission.</summary>
    public static CompetencyAssessment Draft(Guid employeeId, string positionCode, IEnumerable<AssessmentRating> ratings, DateTime now)
    {
        var draft = new CompetencyAssessment(employeeId, Guid.Empty, positionCode, ratings, now) { Status = AssessmentStatus.Draft };
        return draft;
    }

    /// <summary>Sets the agreed level of every rating; false when already confirmed.</summary>
    public bool Confirm(Guid supervisorId, string supervisorName, IReadOnlyDictionary<string, (int Level, string? Comment)> decisions, DateTime now)
    {
        if (Status != AssessmentStatus.Submitted) return false;
        foreach (var rating in Ratings)
        {
            var (level, comment) = decisions.TryGetValue(rating.CompetencyCode, out var d) ? d : (rating.SelfLevel, null);
            rating.Agree(level, comment);
        }
        Status = AssessmentStatus.Confirmed;
        ConfirmedBy = supervisorId;
        ConfirmedByName = supervisorName;
        ConfirmedAt = now;
        return true;
    }
}

public sealed class AssessmentRating
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid AssessmentId { get; internal set; }
    public string CompetencyCode { get; private set; } = "";
    public int RequiredLevel { get; private set; }
    /// <summary>1–5; in a draft, 0 where no level is chosen yet (a note may already be written).</summary>
    public int SelfLevel { get; private set; }
    /// <summary>What the ASN says shows the level (optional).</summary>
    public string? SelfNote { get; private set; }
    public int? AgreedLevel { get; private set; }
    public string? Comment { get; private set; }

    private AssessmentRating() { }

    public AssessmentRating(string competencyCode, int requiredLevel, int selfLevel, string? selfNote)
    {
        CompetencyCode = competencyCode;
        RequiredLevel = requiredLevel;
        SelfLevel = selfLevel;
        SelfNote = selfNote;
    }

    internal void Agree(int level, string? comment)
    {
        AgreedLevel = level;
        Comment = comment;
    }
}
