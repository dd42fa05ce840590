using Learning.Accounts.Contracts;
using System.Diagnostics;
using System.Globalization;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Hosting;

/// <summary>
/// generate-data --employees N --courses M [--seed S] [--tenant KEY]: a synthetic city for benchmarks, into a tenant that has no
/// data yet (the default one without --tenant; Verbs.Run makes it current, so every part's context writes that tenant's rows and
/// an unfinished run's emptying deletes that tenant's rows only). Each module writes its own tables (<see cref="ISyntheticDataPart"/>);
/// the host only runs the parts in order and reports.
/// </summary>
internal static class GenerateDataVerb
{
    private const string Usage = "Pemakaian: generate-data --employees N --courses M [--seed S] [--tenant KUNCI] [--sample-logins N --sample-file BERKAS]";

    public static async Task<int> Run(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        int? employees = null, courses = null;
        var seed = 1;
        var sampleLogins = 0;
        string? sampleFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
            switch (args[i])
            {
                case "--employees" when value is >= 1 and <= 1_000_000: employees = value; i++; break;
                case "--courses" when value is >= 1 and <= 10_000: courses = value; i++; break;
                case "--seed" when value is not null: seed = value.Value; i++; break;
                case "--sample-logins" when value is >= 1 and <= 1_000_000: sampleLogins = value.Value; i++; break;
                case "--sample-file" when i + 1 < args.Length: sampleFile = args[++i]; break;
                default:
                    await error.WriteLineAsync($"generate-data: '{args[i]}' tidak dikenal atau nilainya salah. {Usage}");
                    return 2;
            }
        }
        if (employees is null || courses is null)
        {
            await error.WriteLineAsync($"generate-data: --employees dan --courses wajib diisi. {Usage}");
            return 2;
        }
        if ((sampleLogins > 0) != (sampleFile is not null))
        {
            await error.WriteLineAsync($"generate-data: --sample-logins dan --sample-file dipakai bersama. {Usage}");
            return 2;
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            // A run killed midway left its marker: what it wrote is half a city, emptied here before starting over.
            if (await SyntheticRun.Unfinished(db, ct))
            {
                await output.WriteLineAsync("generate-data: pembuatan sebelumnya terhenti di tengah jalan; datanya dikosongkan dan dibuat ulang.");
                await SyntheticRun.Clear(db, ct);
            }
            // Empty means empty: no logins, no organisation, no courses (a city that imported its organisation has no logins yet).
            var organisation = scope.ServiceProvider.GetRequiredService<Learning.Organisation.Contracts.IOrganisationDirectory>();
            var catalog = scope.ServiceProvider.GetRequiredService<Learning.Courses.Contracts.ICourseCatalog>();
            if (await db.Set<LearningUser>().AnyAsync(ct) || (await organisation.Units(ct)).Count > 0 || (await catalog.All(ct)).Count > 0)
            {
                await error.WriteLineAsync($"generate-data: tenant {db.TenantKey} sudah berisi data (akun, unit kerja atau kursus); data sintetis hanya dibuat untuk tenant yang masih kosong.");
                return 2;
            }
            await SyntheticRun.Begin(db, ct);
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var city = new SyntheticCity(employees.Value, courses.Value, seed, clock.GetUtcNow().UtcDateTime);
        var total = Stopwatch.StartNew();
        await Generate(services, city, output, ct);
        await using (var scope = services.CreateAsyncScope())
            await SyntheticRun.Finish(scope.ServiceProvider.GetRequiredService<LearningDbContext>(), ct);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Kota sintetis (seed {seed}, tenant {Tenancy.CurrentOrDefault(services).Key}) selesai dalam {total.Elapsed.TotalSeconds:F1} s; kata sandi semua akun: {SyntheticCity.Password}"));
        // One line per sample, for scripts (bench/run.sh reads them).
        foreach (var (key, value) in city.Samples) await output.WriteLineAsync($"sample.{key}={value}");
        if (sampleFile is not null)
        {
            var (learners, supervisors) = await WriteSampleLogins(city, sampleLogins, sampleFile, ct);
            await output.WriteLineAsync($"sample.logins={learners} learners, {supervisors} supervisors in {sampleFile}");
        }
        return 0;
    }

    /// <summary>
    /// For the first-visit benchmark (bench/first-visit.sh): up to N learners, each with a course in progress and its first
    /// lesson, spread over the whole city (every k-th login), and up to N supervisors, largest team first. Tab-separated lines:
    /// "learner NIP enrolment lesson course" and "supervisor NIP team-size". Every login's password is <see cref="SyntheticCity.Password"/>.
    /// </summary>
    private static async Task<(int Learners, int Supervisors)> WriteSampleLogins(SyntheticCity city, int n, string path, CancellationToken ct)
    {
        var withLogin = city.All<Learning.Accounts.Contracts.SyntheticLogin>().Select(l => l.EmployeeId).ToHashSet();
        var employees = city.All<Learning.Organisation.Contracts.SyntheticEmployee>().Where(e => withLogin.Contains(e.Id)).ToList();
        var open = city.All<Learning.Enrolments.Contracts.SyntheticEnrolment>().Where(e => e.CompletedAt is null)
            .GroupBy(e => e.EmployeeId).ToDictionary(g => g.Key, g => g.Last());
        var courses = city.All<Learning.Courses.Contracts.SyntheticCourse>().ToDictionary(c => c.Slug);
        var learners = employees.Where(e => open.ContainsKey(e.Id)).ToList();
        var step = Math.Max(1, learners.Count / n);
        var lines = new List<string>();
        foreach (var e in learners.Where((_, i) => i % step == 0).Take(n))
        {
            var enrolment = open[e.Id];
            lines.Add($"learner\t{e.Nip}\t{enrolment.Id}\t{courses[enrolment.CourseSlug].LessonKeys[0]}\t{enrolment.CourseSlug}");
        }
        var learnerCount = lines.Count;
        var teams = employees.Where(e => e.SupervisorId is not null).GroupBy(e => e.SupervisorId!.Value).ToDictionary(g => g.Key, g => g.Count());
        foreach (var s in employees.Where(e => teams.ContainsKey(e.Id)).OrderByDescending(e => teams[e.Id]).ThenBy(e => e.Nip, StringComparer.Ordinal).Take(n))
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"supervisor\t{s.Nip}\t{teams[s.Id]}"));
        await File.WriteAllLinesAsync(path, lines, ct);
        return (learnerCount, lines.Count - learnerCount);
    }

    /// <summary>Runs every module's part in order, each in a scope of its own; reports each part's time and counts.</summary>
    public static async Task Generate(IServiceProvider services, SyntheticCity city, TextWriter? output, CancellationToken ct)
    {
        List<Type> parts;
        await using (var probe = services.CreateAsyncScope())
            parts = SyntheticDataParts.InOrder(probe.ServiceProvider.GetServices<ISyntheticDataPart>()).Select(p => p.GetType()).ToList();
        foreach (var type in parts)
        {
            var watch = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            var part = scope.ServiceProvider.GetServices<ISyntheticDataPart>().Single(p => p.GetType() == type);
            var before = city.Generated.Count;
            await part.Generate(city, ct);
            var counts = string.Join(", ", city.Generated.Skip(before).Select(g => $"{g.Count.ToString("N0", CultureInfo.InvariantCulture)} {g.What}"));
            if (output is not null)
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{type.Name,-26} {watch.Elapsed.TotalSeconds,7:F1} s  {counts}"));
        }

        // Three years of rows written at once: give the query planner the statistics a city's database would have
        // gathered by itself (PostgreSQL's autovacuum, SQLite's optimize), so the first queries are planned as later ones.
        var analyse = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<LearningDbContext>().Database.ExecuteSqlRawAsync("ANALYZE", ct);
        if (output is not null)
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{"ANALYZE",-26} {analyse.Elapsed.TotalSeconds,7:F1} s"));
    }
}
