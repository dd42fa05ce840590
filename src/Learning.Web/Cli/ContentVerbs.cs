using System.Diagnostics;
using System.Globalization;
using Learning.Courses.Contracts;
using Microsoft.Extensions.Localization;

namespace Learning.Web.Hosting;

/// <summary><c>import PATH</c>, <c>export course SLUG --out DIR</c> and <c>export content --out DIR</c>.</summary>
internal static class ContentVerbs
{
    private const int Refused = 2;

    public static async Task<int> Import(IServiceProvider services, string[] args, CancellationToken ct)
    {
        UseIndonesian();
        await using var scope = services.CreateAsyncScope();
        var text = scope.ServiceProvider.GetRequiredService<IStringLocalizer>();
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync(text["Courses.Import.Usage"]);
            return Refused;
        }

        var watch = Stopwatch.StartNew();
        var result = await scope.ServiceProvider.GetRequiredService<IContentImporter>().Import(args[0], ct);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems) await Console.Error.WriteLineAsync(problem.ToString());
            await Console.Error.WriteLineAsync(text["Courses.Import.Refused", result.Problems.Count]);
            return Refused;
        }
        var c = result.Counts;
        await Console.Out.WriteLineAsync(text["Courses.Import.Done", watch.ElapsedMilliseconds,
            c.CompetenciesAdded + c.CompetenciesUpdated + c.CompetenciesUnchanged, c.CompetenciesAdded, c.CompetenciesUpdated,
            c.CoursesAdded + c.CoursesUpdated + c.CoursesUnchanged, c.CoursesAdded, c.CoursesUpdated, c.CoursesUnchanged,
            c.Lessons, c.Questions, c.MediaFiles]);
        return 0;
    }

    public static async Task<int> Export(IServiceProvider services, string[] args, CancellationToken ct)
    {
        UseIndonesian();
        await using var scope = services.CreateAsyncScope();
        var text = scope.ServiceProvider.GetRequiredService<IStringLocalizer>();
        var exporter = scope.ServiceProvider.GetRequiredService<IContentExporter>();
        var (rest, output) = TakeOut(args);
        ExportResult result;
        switch (rest)
        {
            case ["course", var slug] when output is not null:
                result = await exporter.ExportCourse(slug, output, ct);
                break;
            case ["content"] when output is not null:
                result = await exporter.ExportAll(output, ct);
                break;
            default:
                await Console.Error.WriteLineAsync(text["Courses.Export.Usage"]);
                return Refused;
        }
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync(result.Problem);
            return Refused;
        }
        await Console.Out.WriteLineAsync(text["Courses.Export.Done", result.Courses.Count, result.MediaFiles, Path.GetFullPath(output)]);
        return 0;
    }

    /// <summary>Separates "--out DIR" (or "--out=DIR") from the other arguments.</summary>
    private static (string[] Words, string? Output) TakeOut(string[] args)
    {
        var rest = new List<string>();
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--out" && i + 1 < args.Length) output = args[++i];
            else if (args[i].StartsWith("--out=", StringComparison.Ordinal)) output = args[i]["--out=".Length..];
            else rest.Add(args[i]);
        }
        return (rest.ToArray(), output);
    }

    /// <summary>Operators read Bahasa Indonesia, whatever the machine's locale.</summary>
    private static void UseIndonesian() =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = LearningHost.Cultures[0];
}
