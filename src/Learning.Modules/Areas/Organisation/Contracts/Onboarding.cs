using Learning.Kernel.Text;

namespace Learning.Organisation.Contracts;

/// <summary>One CSV file to onboard: its name (for messages) and its text.</summary>
public sealed record CsvFile(string Name, string Content);

/// <summary>Any of the three files may be left out; employees may refer to units and positions already stored.</summary>
public sealed record OnboardingFiles(CsvFile? Units, CsvFile? Positions, CsvFile? Employees)
{
    /// <summary>The NIP of the person importing (web): their own roles may not change through their own upload.</summary>
    public string? ActingNip { get; init; }

    /// <summary>The employees file is the whole roster: stored people of this city not in it are deactivated.</summary>
    public bool DeactivateMissing { get; init; }
}

public sealed record OnboardingCounts(int Added, int Updated, int Unchanged);

public sealed record OnboardingResult(
    IReadOnlyList<SourceProblem> Errors,
    OnboardingCounts Units, OnboardingCounts Positions, OnboardingCounts Employees)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>People deactivated by this import (status "inactive", or missing from a full roster).</summary>
    public int Deactivated { get; init; }

    /// <summary>People deactivated before whom this import marked "active" again.</summary>
    public int Reactivated { get; init; }
}

/// <summary>How a city brings in its ASN: validated first, imported all-or-nothing, re-runnable.</summary>
public interface IOrganisationOnboarding
{
    Task<OnboardingResult> Import(OnboardingFiles files, CancellationToken ct = default);
}
