namespace Learning.CareerRecords.Contracts;

/// <summary>One course record as BKN's SIASN takes it (riwayat kursus), plus where to find its certificate.</summary>
public sealed record SiasnCourseRow(
    string Nip, string InstitusiPenyelenggara, string JenisDiklat, string JenisKursus, decimal JumlahJam, string NamaKursus,
    string NomorSertipikat, int TahunKursus, DateOnly TanggalKursus, DateOnly TanggalSelesaiKursus,
    string Sumber, string? KodeVerifikasi, string? SertifikatUrl);

/// <summary>Verified trainings (platform certificates and external ones a coordinator accepted), for the CLI verb and the API.</summary>
public interface ICareerRecordExport
{
    /// <summary>Null when <paramref name="unitCode"/> names no unit. A unit includes the units below it.</summary>
    Task<IReadOnlyList<SiasnCourseRow>?> Rows(string? unitCode, int? year, CancellationToken ct = default);

    Task WriteCsv(IReadOnlyList<SiasnCourseRow> rows, TextWriter output, CancellationToken ct = default);

    Task WriteJson(IReadOnlyList<SiasnCourseRow> rows, Stream output, CancellationToken ct = default);
}

/// <summary>JP arithmetic: 1 JP = 45 minutes unless CareerRecords:MinutesPerJp says otherwise.</summary>
public static class JpLedger
{
    public static decimal FromMinutes(int minutes, int minutesPerJp) =>
        minutesPerJp <= 0 ? throw new ArgumentOutOfRangeException(nameof(minutesPerJp)) : Math.Round(minutes / (decimal)minutesPerJp, 2);

    public static decimal FromHours(decimal hours, int minutesPerJp) =>
        minutesPerJp <= 0 ? throw new ArgumentOutOfRangeException(nameof(minutesPerJp)) : Math.Round(hours * 60 / minutesPerJp, 2);

    public static bool IsCompliant(decimal total, decimal required) => total >= required;
}
