namespace Learning.Competencies.Contracts;

/// <summary>A competency of the dictionary the synthetic city (<c>generate-data</c>) wrote, for the courses that build it.</summary>
public sealed record SyntheticCompetency(string Code);
