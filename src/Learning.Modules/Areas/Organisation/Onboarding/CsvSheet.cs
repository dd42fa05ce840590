using CsvHelper;
using Learning.Organisation.Contracts;
using Microsoft.Extensions.Localization;

namespace Learning.Organisation.Onboarding;

/// <summary>One data line of a CSV file: its physical line number (header = 1) and its values by column name.</summary>
internal sealed record CsvLine(int Number, IReadOnlyDictionary<string, string> Values)
{
    public string this[string column] => Values.GetValueOrDefault(column, "");
}

/// <summary>Reads an onboarding CSV file: header required, comma or semicolon (as Excel in Indonesian locale writes), UTF-8.</summary>
internal static class CsvSheet
{
    /// <summary>
    /// The data lines, or null when the header is missing or lacks a required column. Lines with a wrong
    /// number of fields or an unclosed quote are reported and left out.
    /// </summary>
    public static IReadOnlyList<CsvLine>? Read(CsvFile file, IReadOnlyList<string> required, IReadOnlyList<string> optional,
        Action<int, string> error, IStringLocalizer text)
    {
        var unclosed = new HashSet<long>();
        var options = new CsvReaderOptions
        {
            Separator = SeparatorOf(file.Content),
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            OnMalformedRecord = m =>
            {
                if (m.Reason is CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.LineBreakInQuotes) unclosed.Add(m.LineNumber);
            },
        };
        using var reader = CsvReader.Create(new StringReader(file.Content), options);

        var headers = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (headers.All(h => h.Length == 0))
        {
            error(1, text["Organisation.Onboarding.NoHeader", string.Join(",", required.Concat(optional))]);
            return null;
        }
        var missing = required.Where(c => !headers.Contains(c)).ToList();
        foreach (var column in missing)
            error(1, text["Organisation.Onboarding.MissingColumn", column, string.Join(",", required.Concat(optional))]);
        if (missing.Count > 0) return null;

        var columns = required.Concat(optional)
            .Select(c => (Name: c, Index: Array.IndexOf(headers, c)))
            .Where(c => c.Index >= 0).ToList();
        var lines = new List<CsvLine>();
        while (reader.Read())
        {
            var number = (int)reader.LineNumber;
            if (unclosed.Contains(reader.LineNumber))
            {
                error(number, text["Organisation.Onboarding.UnclosedQuote"]);
                continue;
            }
            // Excel sometimes adds empty cells at the end of a line: those are harmless.
            var fields = reader.FieldCount;
            while (fields > headers.Length && reader.GetString(fields - 1).Trim().Length == 0) fields--;
            if (fields != headers.Length)
            {
                error(number, text["Organisation.Onboarding.FieldCount", fields, headers.Length]);
                continue;
            }
            lines.Add(new CsvLine(number, columns.ToDictionary(c => c.Name, c => reader.GetString(c.Index).Trim())));
        }
        return lines;
    }

    /// <summary>The header decides: more semicolons than commas means an Excel export in Indonesian locale.</summary>
    private static char SeparatorOf(string content)
    {
        var end = content.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? content : content[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }
}
