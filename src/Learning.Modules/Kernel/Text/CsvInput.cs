using CsvHelper;

namespace Learning.Kernel.Text;

/// <summary>One data line of a CSV file: its physical line number (header = 1) and its values by column name.</summary>
public sealed record CsvRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    public string this[string column] => Values.GetValueOrDefault(column, "");
}

/// <summary>
/// Why a line was refused; <see cref="Key"/> names the reason (the importing module words it): "TooLarge" {max chars},
/// "TooManyRows" {max rows}, "NoHeader", "MissingColumn" {column}, "UnclosedQuote", "FieldCount" {found, expected}.
/// </summary>
public sealed record CsvRefusal(int Line, string Key, object[] Args);

/// <summary>
/// The one CSV reader of every import (organisation onboarding, position standards): header required, comma or semicolon
/// (as Excel in Indonesian locale writes), values trimmed, every problem with its line, and limits on size and row count
/// so an upload cannot hold the server for long.
/// </summary>
public static class CsvInput
{
    public const int MaxChars = 10 * 1024 * 1024;
    public const int MaxRows = 200_000;

    /// <summary>
    /// The data lines, or null when the text is too large or too long, the header is missing or lacks a required column. Lines with a wrong
    /// number of fields or an unclosed quote are reported and left out; a file of more than <see cref="MaxRows"/> lines is refused whole.
    /// </summary>
    public static IReadOnlyList<CsvRow>? Read(string content, IReadOnlyList<string> required, IReadOnlyList<string> optional, Action<CsvRefusal> refuse)
    {
        content = content.TrimStart('\uFEFF');
        if (content.Length > MaxChars)
        {
            refuse(new CsvRefusal(1, "TooLarge", [MaxChars]));
            return null;
        }
        var unclosed = new HashSet<long>();
        var options = new CsvReaderOptions
        {
            Separator = SeparatorOf(content),
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            OnMalformedRecord = m =>
            {
                if (m.Reason is CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.LineBreakInQuotes) unclosed.Add(m.LineNumber);
            },
        };
        using var reader = CsvReader.Create(new StringReader(content), options);

        var headers = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (headers.All(h => h.Length == 0))
        {
            refuse(new CsvRefusal(1, "NoHeader", []));
            return null;
        }
        var missing = required.Where(c => !headers.Contains(c)).ToList();
        foreach (var column in missing) refuse(new CsvRefusal(1, "MissingColumn", [column]));
        if (missing.Count > 0) return null;

        var columns = required.Concat(optional)
            .Select(c => (Name: c, Index: Array.IndexOf(headers, c)))
            .Where(c => c.Index >= 0).ToList();
        var rows = new List<CsvRow>();
        var read = 0;
        while (reader.Read())
        {
            var number = (int)reader.LineNumber;
            if (++read > MaxRows)
            {
                refuse(new CsvRefusal(number, "TooManyRows", [MaxRows]));
                return null;
            }
            if (unclosed.Contains(reader.LineNumber))
            {
                refuse(new CsvRefusal(number, "UnclosedQuote", []));
                continue;
            }
            // Excel sometimes adds empty cells at the end of a line: those are harmless.
            var fields = reader.FieldCount;
            while (fields > headers.Length && reader.GetString(fields - 1).Trim().Length == 0) fields--;
            if (fields != headers.Length)
            {
                refuse(new CsvRefusal(number, "FieldCount", [fields, headers.Length]));
                continue;
            }
            rows.Add(new CsvRow(number, columns.ToDictionary(c => c.Name, c => reader.GetString(c.Index).Trim())));
        }
        return rows;
    }

    /// <summary>The header decides: more semicolons than commas means an Excel export in Indonesian locale.</summary>
    private static char SeparatorOf(string content)
    {
        var end = content.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? content : content[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }
}
