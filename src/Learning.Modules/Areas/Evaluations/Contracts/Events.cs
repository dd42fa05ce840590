using Learning.Kernel;

namespace Learning.Evaluations.Contracts;

/// <summary>What an evaluation is of: a class (<see cref="SubjectId"/> its id) or a self-paced course (its slug).</summary>
public static class EvaluationSubjects
{
    public const string Class = "class";
    public const string Course = "course";
}

/// <summary>A person filled in the reaction form of a class or a course (once per person and subject).</summary>
public sealed record EvaluationSubmitted(string SubjectKind, string SubjectId, Guid EmployeeId, DateTime At) : DomainEvent;
