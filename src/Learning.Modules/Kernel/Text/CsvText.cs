using System.Globalization;
using System.Text;

namespace Learning.Kernel.Text;

/// <summary>
/// The one CSV writer of every export (reports, compliance, career records, standards, SIASN): RFC 4180 quoting, numbers
/// and dates written the same whatever the server's culture, and text that a spreadsheet would run as a formula (starting
/// with = + - @, a tab or a carriage return) prefixed with an apostrophe so it stays text. Someone's course title or name
/// typed as <c>=HYPERLINK(...)</c> must never become a live link in a coordinator's spreadsheet.
/// </summary>
public static class CsvText
{
    /// <summary>What every CSV download is served as.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>One cell: text is neutralised and quoted when needed; numbers and dates are written invariantly as they are.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        string s => Text(s),
        decimal d => d.ToString("0.###", CultureInfo.InvariantCulture),
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Text(value.ToString() ?? ""),
    };

    /// <summary>A text cell: a formula starter gets an apostrophe before it; quotes, commas, semicolons and line breaks get quoted.</summary>
    public static string Text(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",;\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Line(IEnumerable<object?> cells) => string.Join(",", cells.Select(Cell));

    /// <summary>A whole file: the header, then one line per row, each ended by a line feed.</summary>
    public static string Write(IEnumerable<string> header, IEnumerable<IEnumerable<object?>> rows)
    {
        var csv = new StringBuilder().Append(Line(header)).Append('\n');
        foreach (var row in rows) csv.Append(Line(row)).Append('\n');
        return csv.ToString();
    }

    /// <summary>UTF-8 bytes of a file, for a download.</summary>
    public static byte[] Bytes(string csv) => Encoding.UTF8.GetBytes(csv);
}
