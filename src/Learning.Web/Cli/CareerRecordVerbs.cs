using System.Globalization;
using Learning.CareerRecords.Contracts;

namespace Learning.Web.Hosting;

/// <summary>export career-records --format csv|json [--unit CODE] [--year YYYY]: SIASN course records to standard output.</summary>
internal static class CareerRecordVerbs
{
    private const string Usage = "Pemakaian: export career-records --format csv|json [--unit KODE] [--year TTTT]";

    public static async Task<int> Export(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        string? format = "csv", unit = null;
        int? year = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--format" when value is "csv" or "json": format = value; i++; break;
                case "--unit" when value is { Length: > 0 }: unit = value; i++; break;
                case "--year" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 9999: year = y; i++; break;
                // A known option with a wrong or missing value is not "unknown": name the value.
                case "--format" or "--unit" or "--year":
                    await error.WriteLineAsync($"export career-records: nilai {args[i]} '{value}' tidak sah. {Usage}");
                    return 2;
                default:
                    await error.WriteLineAsync($"export career-records: '{args[i]}' tidak dikenal. {Usage}");
                    return 2;
            }
        }
        await using var scope = services.CreateAsyncScope();
        var export = scope.ServiceProvider.GetRequiredService<ICareerRecordExport>();
        var rows = await export.Rows(unit, year, ct);
        if (rows is null)
        {
            await error.WriteLineAsync($"export career-records: unit '{unit}' tidak ditemukan.");
            return 2;
        }
        if (format == "json")
        {
            using var json = new MemoryStream();
            await export.WriteJson(rows, json, ct);
            await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(json.ToArray()));
        }
        else await export.WriteCsv(rows, output, ct);
        return 0;
    }
}
