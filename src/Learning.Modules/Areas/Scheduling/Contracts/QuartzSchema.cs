namespace Learning.Scheduling.Contracts;

/// <summary>
/// The DDL Quartz ships for its ADO.NET job store (idempotent: it creates only what is missing),
/// split into statements and given our table prefix, so our migrations create the tables.
/// </summary>
public static class QuartzSchema
{
    public const string TablePrefix = "Scheduling_QRTZ_";

    public static IReadOnlyList<string> Statements(string provider)
    {
        var resource = provider switch
        {
            "Sqlite" => "Quartz.Impl.AdoJobStore.Schema.create_sqlite.sql",
            "Postgres" => "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql",
            _ => throw new ArgumentException($"No Quartz schema for provider '{provider}'.", nameof(provider)),
        };
        using var stream = typeof(Quartz.IJob).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Quartz.dll does not carry {resource}.");
        var sql = new StreamReader(stream).ReadToEnd()
            .Replace("{0}", TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", TablePrefix, StringComparison.Ordinal);
        return sql.Split("\n--;;", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => string.Join('\n', s.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(s => s.Length > 0)
            .ToList();
    }
}
