using System.Globalization;
using System.Text.Json;
using Learning.CareerRecords.Contracts;
using Learning.Kernel;
using Learning.Kernel.Text;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Learning.CareerRecords;

public sealed record UnitCompliance(string UnitCode, string UnitName, int People, int Compliant, decimal Percent);

public sealed record ComplianceReport(int Year, decimal Required, IReadOnlyList<UnitCompliance> Units, UnitCompliance City);

/// <summary>The ledger, compliance and export read from the same verified lines.</summary>
public sealed class CareerRecordQueries(LearningDbContext db, IOrganisationDirectory organisation, CareerRecordsOptions options)
    : ICareerRecordExport, IJpStanding
{
    private IQueryable<Training> Counted => db.Set<Training>().AsNoTracking().Where(t => t.Status == TrainingStatus.Verified);

    // A person's lines are few: the status is checked in memory, because with "Status = 'Verified'" in the WHERE clause
    // SQLite (no statistics) takes the (Status, Year) index and reads every verified line of the city's year (bench/).
    private IQueryable<Training> OfPeopleInYear(IReadOnlyCollection<Guid> employeeIds, int year) =>
        db.Set<Training>().AsNoTracking().Where(t => t.Year == year && employeeIds.Contains(t.EmployeeId));

    // Compiled: the home page's JP bar asks it on every visit (bench/README.md, fifth round). Summed here: SQLite keeps decimals as text.
    private static readonly CompiledQuery<Func<LearningDbContext, Guid, int, IAsyncEnumerable<decimal>>> JpQuery = new(() =>
        EF.CompileAsyncQuery((LearningDbContext db, Guid employeeId, int year) => db.Set<Training>().AsNoTracking()
            .Where(t => t.EmployeeId == employeeId && t.Year == year && t.Status == TrainingStatus.Verified).Select(t => t.Jp)));

    public async Task<decimal> JpOf(Guid employeeId, int year, CancellationToken ct = default)
    {
        var total = 0m;
        await foreach (var jp in JpQuery.For(db)(db, employeeId, year).WithCancellation(ct)) total += jp;
        return total;
    }

    /// <summary>As <see cref="JpOf(Guid, int, CancellationToken)"/>, from the person's trainings already read.</summary>
    public static decimal JpOf(IEnumerable<Training> trainings, int year) =>
        trainings.Where(t => t.Year == year && t.Status == TrainingStatus.Verified).Sum(t => t.Jp);

    public decimal RequiredPerYear => options.RequiredJpPerYear;

    public async Task<IReadOnlyDictionary<Guid, decimal>> ThisYear(IReadOnlyCollection<Guid> employeeIds, int year, CancellationToken ct = default)
    {
        var ids = employeeIds.Distinct().ToList();
        var totals = ids.ToDictionary(id => id, _ => 0m);
        // In chunks: a city-wide digest asks for thousands of people, beyond what one IN list should carry.
        foreach (var chunk in ids.Chunk(500))
        {
            var lines = await OfPeopleInYear(chunk, year).Select(t => new { t.EmployeeId, t.Status, t.Jp }).ToListAsync(ct);
            foreach (var line in lines.Where(l => l.Status == TrainingStatus.Verified)) totals[line.EmployeeId] += line.Jp;
        }
        return totals;
    }

    public async Task<IReadOnlyList<Training>> TrainingsOf(Guid employeeId, CancellationToken ct = default) =>
        await db.Set<Training>().AsNoTracking().Where(t => t.EmployeeId == employeeId)
            .OrderByDescending(t => t.EndOn).ThenBy(t => t.Title).ToListAsync(ct);

    public async Task<ComplianceReport> Compliance(int year, CancellationToken ct = default)
    {
        var units = await organisation.Units(ct);
        var people = await organisation.EmployeesIn(units.Select(u => u.Id), ct);
        // Summed in memory: SQLite cannot sum decimals in SQL.
        var lines = await Counted.Where(t => t.Year == year).Select(t => new { t.EmployeeId, t.Jp }).ToListAsync(ct);
        var jp = lines.GroupBy(l => l.EmployeeId).ToDictionary(g => g.Key, g => g.Sum(l => l.Jp));
        bool Compliant(EmployeeInfo e) => JpLedger.IsCompliant(jp.GetValueOrDefault(e.Id), options.RequiredJpPerYear);
        UnitCompliance Row(string code, string name, IReadOnlyCollection<EmployeeInfo> members)
        {
            var compliant = members.Count(Compliant);
            return new(code, name, members.Count, compliant, members.Count == 0 ? 0 : Math.Round(compliant * 100m / members.Count, 1));
        }
        var byUnit = people.ToLookup(p => p.UnitId);
        var rows = units.Where(u => byUnit[u.Id].Any()).Select(u => Row(u.Code, u.Name, byUnit[u.Id].ToList())).ToList();
        return new ComplianceReport(year, options.RequiredJpPerYear, rows, Row("", "", people));
    }

    public async Task<IReadOnlyList<SiasnCourseRow>?> Rows(string? unitCode, int? year, CancellationToken ct = default)
    {
        var query = Counted;
        if (year is { } y) query = query.Where(t => t.Year == y);
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            var unit = await organisation.FindUnit(unitCode.Trim().ToUpperInvariant(), ct);
            if (unit is null) return null;
            // A unit's SIASN lines include those who have left since: their training still counts for the year it was done.
            var members = await organisation.EmployeesIncludingDeactivatedIn(await organisation.UnitAndDescendants(unit.Id, ct), ct);
            var ids = members.Select(m => m.Id).ToList();
            query = query.Where(t => ids.Contains(t.EmployeeId));
        }
        // Only the columns the export writes: a city is over 100,000 lines.
        var trainings = await query.OrderBy(t => t.Nip).ThenBy(t => t.StartOn).ThenBy(t => t.CertificateNumber)
            .Select(t => new { t.Nip, t.Institution, t.JenisDiklat, t.JenisKursus, t.Jp, t.Title, t.CertificateNumber, t.Year, t.StartOn, t.EndOn, t.Source, t.CertificateCode })
            .ToListAsync(ct);
        return trainings.Select(t => new SiasnCourseRow(t.Nip, t.Institution, t.JenisDiklat, t.JenisKursus, t.Jp, t.Title,
            t.CertificateNumber, t.Year, t.StartOn, t.EndOn, t.Source == TrainingSource.Platform ? "platform" : "eksternal",
            t.CertificateCode, t.CertificateCode is null ? null : $"{options.PublicUrl.TrimEnd('/')}/certificates/{t.CertificateCode}/pdf")).ToList();
    }

    public static readonly string[] Header =
    [
        "nip", "institusiPenyelenggara", "jenisDiklat", "jenisKursus", "jumlahJam", "namaKursus", "nomorSertipikat",
        "tahunKursus", "tanggalKursus", "tanggalSelesaiKursus", "sumber", "kodeVerifikasi", "sertifikatUrl",
    ];

    public async Task WriteCsv(IReadOnlyList<SiasnCourseRow> rows, TextWriter output, CancellationToken ct = default)
    {
        await output.WriteLineAsync(CsvText.Line(Header));
        foreach (var r in rows)
        {
            // Dates as ISO text and JP with a point, whatever the server's culture (as text, so the JP keeps its two decimals).
            string[] fields =
            [
                r.Nip, r.InstitusiPenyelenggara, r.JenisDiklat, r.JenisKursus, r.JumlahJam.ToString("0.##", CultureInfo.InvariantCulture),
                r.NamaKursus, r.NomorSertipikat, r.TahunKursus.ToString(CultureInfo.InvariantCulture),
                r.TanggalKursus.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.TanggalSelesaiKursus.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.Sumber, r.KodeVerifikasi ?? "", r.SertifikatUrl ?? "",
            ];
            await output.WriteLineAsync(CsvText.Line(fields));
        }
        await output.FlushAsync(ct);
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public Task WriteJson(IReadOnlyList<SiasnCourseRow> rows, Stream output, CancellationToken ct = default) =>
        JsonSerializer.SerializeAsync(output, rows, Json, ct);
}

/// <summary>PDF, JPEG or PNG, told by the first bytes, never by the name the browser sent.</summary>
internal static class ProofFiles
{
    public static string? ContentTypeOf(ReadOnlySpan<byte> head) =>
        head.StartsWith("%PDF-"u8) ? "application/pdf"
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : null;

    public static string Extension(string contentType) => contentType switch
    {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        _ => "png",
    };
}
