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

    // The operator's language; printed before the host is built (no database, no localisation needed to answer).
    private static readonly (string Verb, string Use)[] Help =
    [
        ("import FOLDER", "impor konten (kursus, bank soal, jalur, kompetensi) dari folder"),
        ("export course SLUG --out FOLDER | export content --out FOLDER", "ekspor konten ke folder"),
        ("export career-records [--format csv|json] ...", "ekspor riwayat diklat dan JP (format SIASN)"),
        ("import-organisation --units F --positions F --employees F", "impor unit kerja, jabatan, dan pegawai"),
        ("import-position-standards FILE", "impor standar kompetensi jabatan"),
        ("jobs list | jobs run NAMA [--as-of WAKTU]", "daftar dan jalankan tugas terjadwal"),
        ("generate-data --employees N --courses M [--seed S]", "isi kota sintetis (menghapus data tenant itu)"),
        ("tenants list | tenants add|set KUNCI ...", "kelola tenant (pemerintah kota)"),
        ("accounts activation-codes --unit KODE|--all --out BERKAS", "kode aktivasi bagi pegawai yang belum punya kata sandi"),
        ("seed-demo", "isi data demo"),
    ];

    /// <summary>
    /// Answers <c>--help</c> (0) and a first word that is no verb (2, with the list) before the host is built: a typo
    /// must not start a web server. Null when the arguments are for the host or a verb.
    /// </summary>
    public static int? Usage(string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["--help" or "-h" or "help" or "/?", ..])
        {
            WriteUsage(output);
            return 0;
        }
        if (args is [var first, ..] && !first.StartsWith('-') && !first.Contains('=') && !Verbs.Contains(first))
        {
            error.WriteLine($"Perintah '{first}' tidak dikenal.");
            WriteUsage(error);
            return 2;
        }
        return null;
    }

    private static void WriteUsage(TextWriter writer)
    {
        writer.WriteLine("Pemakaian: Learning.Web [PERINTAH [argumen]] [--tenant KUNCI] [--Kunci:Konfigurasi=nilai ...]");
        writer.WriteLine("Tanpa perintah: menjalankan server web. Perintah:");
        foreach (var (verb, use) in Help) writer.WriteLine($"  {verb,-62} {use}");
        writer.WriteLine("Setiap perintah menerima --tenant KUNCI (tanpa itu: tenant bawaan). Kode keluar: 0 selesai, 2 masukan ditolak.");
    }

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

    public static string[] HostArguments(string[] args)
    {
        var host = Verb(args) is null ? args : VerbLogging.Concat(args.Skip(1).Where(IsHostSwitch)).ToArray();
        return host.Select(ContentSwitch).ToArray();
    }

    /// <summary>
    /// The switch for the content folder has always been <c>--ContentRoot=</c>, but configuration keys ignore case and
    /// ASP.NET Core reads that key as its own content root (where appsettings.json and wwwroot are): it is rewritten to
    /// <see cref="ContentFolder.Key"/> before the host builder sees it. ASP.NET's <c>--contentRoot=</c> (lower c) stays its own.
    /// </summary>
    private static string ContentSwitch(string arg) =>
        arg.StartsWith("--ContentRoot=", StringComparison.Ordinal) ? $"--{ContentFolder.Key}={arg["--ContentRoot=".Length..]}" : arg;

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
