namespace Learning.Organisation.Contracts;

/// <summary>One CSV file to onboard: its name (for messages) and its text.</summary>
public sealed record CsvFile(string Name, string Content);

/// <summary>Any of the three files may be left out; employees may refer to units and positions already stored.</summary>
public sealed record OnboardingFiles(CsvFile? Units, CsvFile? Positions, CsvFile? Employees)
{
    /// <summary>The NIP of the person importing (web): their own roles may not change through their own upload.</summary>
    public string? ActingNip { get; init; }
}

/// <summary>A problem in a file, with its 1-based line number and a message in the reader's language.</summary>
public sealed record OnboardingError(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

public sealed record OnboardingCounts(int Added, int Updated, int Unchanged);

public sealed record OnboardingResult(
    IReadOnlyList<OnboardingError> Errors,
    OnboardingCounts Units, OnboardingCounts Positions, OnboardingCounts Employees)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>How a city brings in its ASN: validated first, imported all-or-nothing, re-runnable.</summary>
public interface IOrganisationOnboarding
{
    Task<OnboardingResult> Import(OnboardingFiles files, CancellationToken ct = default);
}
