using Learning.Kernel.Text;
using Learning.Organisation.Contracts;
using Microsoft.Extensions.Localization;

namespace Learning.Organisation.Onboarding;

/// <summary>Reads an onboarding CSV file through the shared reader, wording its refusals as onboarding messages.</summary>
internal static class CsvSheet
{
    /// <summary>
    /// The data lines, or null when the file is too large, the header is missing or lacks a required column. Lines with a
    /// wrong number of fields or an unclosed quote are reported and left out.
    /// </summary>
    public static IReadOnlyList<CsvRow>? Read(CsvFile file, IReadOnlyList<string> required, IReadOnlyList<string> optional,
        Action<int, string> error, IStringLocalizer text)
    {
        var known = CsvText.Line(required.Concat(optional));
        return CsvInput.Read(file.Content, required, optional, r => error(r.Line, r.Key switch
        {
            "NoHeader" => text["Organisation.Onboarding.NoHeader", known],
            "MissingColumn" => text["Organisation.Onboarding.MissingColumn", r.Args[0], known],
            "TooLarge" => text["Organisation.Onboarding.CsvTooLarge", r.Args],
            _ => text["Organisation.Onboarding." + r.Key, r.Args],
        }));
    }
}
