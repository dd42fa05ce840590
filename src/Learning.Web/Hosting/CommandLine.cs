namespace Learning.Web.Hosting;

/// <summary>
/// <c>Learning.Web [VERB [verb arguments]] [--Config:Key=value ...]</c>. Without a verb the host
/// serves. With one, only configuration switches reach the host; the rest belongs to the verb.
/// </summary>
public static class CommandLine
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "import", "export", "seed-demo", "jobs", "generate-data", "import-organisation", "import-position-standards", "tenants",
        "accounts",
    };

    private static readonly string[] HostKeys = ["urls", "environment", "contentRoot", "applicationName", "DataRoot", "ContentRoot", "Demo"];

    /// <summary>The time of <c>--as-of ISO-8601</c> (or <c>--as-of=…</c>) after the jobs verb; null without it.</summary>
    public static DateTimeOffset? AsOf(string[] args)
    {
        if (Verb(args) != "jobs") return null;
        for (var i = 1; i < args.Length; i++)
        {
            var value = args[i].StartsWith("--as-of=", StringComparison.Ordinal) ? args[i]["--as-of=".Length..]
                : args[i] == "--as-of" && i + 1 < args.Length ? args[i + 1] : null;
            if (value is not null && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var asOf)) return asOf;
        }
        return null;
    }

    public static string? Verb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]) ? args[0] : null;

    /// <summary>A verb's standard output is its answer: logs go to standard error, warnings and worse only (switches may override).</summary>
    private static readonly string[] VerbLogging = ["--Logging:LogLevel:Default=Warning", "--Logging:Console:LogToStandardErrorThreshold=Trace"];

    public static string[] HostArguments(string[] args) =>
        Verb(args) is null ? args : VerbLogging.Concat(args.Skip(1).Where(IsHostSwitch)).ToArray();

    public static string[] VerbArguments(string[] args) =>
        Verb(args) is null ? [] : args.Skip(1).Where(a => !IsHostSwitch(a)).ToArray();

    /// <summary>Host switches are written <c>--Key=value</c> with a configuration key.</summary>
    private static bool IsHostSwitch(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal) || !arg.Contains('=')) return false;
        var key = arg[2..arg.IndexOf('=')];
        return key.Contains(':') || HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase);
    }
}
