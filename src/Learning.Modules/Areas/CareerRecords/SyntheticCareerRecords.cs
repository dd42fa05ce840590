using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Certification.Contracts;

namespace Learning.CareerRecords;

/// <summary>
/// generate-data: the training line each certificate writes, and trainings taken elsewhere (about one per two employees),
/// most verified by a coordinator, some rejected, some still waiting.
/// </summary>
internal sealed class SyntheticCareerRecords(LearningDbContext db, CareerRecordsOptions options) : ISyntheticDataPart
{
    public IReadOnlyList<Type> Needs => [typeof(SyntheticEmployee), typeof(SyntheticCertificate)];
    public IReadOnlyList<Type> Makes => [];

    private static readonly string[] Organisers =
    [
        "BPSDM Provinsi Jawa Tengah", "Lembaga Administrasi Negara", "Kementerian Komunikasi dan Digital", "BKN Kantor Regional I",
        "Badan Siber dan Sandi Negara", "Kementerian PANRB", "Universitas Diponegoro",
    ];

    private static readonly string[] Titles =
    [
        "Pelatihan Kepemimpinan Pengawas", "Bimbingan Teknis Penyusunan SKP", "Workshop Keamanan Siber", "Seminar Reformasi Birokrasi",
        "Pelatihan Analis Kebijakan", "Sosialisasi Manajemen Talenta ASN", "Diklat Pengadaan Barang/Jasa", "Pelatihan Pelayanan Prima",
    ];

    public async Task Generate(SyntheticCity city, CancellationToken ct)
    {
        var random = city.Random("CareerRecords");
        var fromCertificates = city.All<SyntheticCertificate>().Select(c => Training.FromCertificate(c.EmployeeId, c.Nip, c.UnitCode, c.Id, c.Number, c.Code,
            c.CourseTitle, options.Institution, options.PlatformJenisDiklat, options.PlatformJenisKursus, c.Jp, c.StartedOn, c.IssuedOn,
            c.PdfBlobName, c.IssuedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)));
        city.Count("CareerRecords", "trainings from certificates", await SyntheticCity.Save(db, fromCertificates, ct));
        city.Count("CareerRecords", "external trainings", await SyntheticCity.Save(db, External(), ct));

        IEnumerable<Training> External()
        {
            var reviewer = city.All<SyntheticEmployee>().FirstOrDefault(e => e.Roles.Contains(Roles.Coordinator))?.Id ?? Guid.Empty;
            foreach (var e in city.All<SyntheticEmployee>())
            {
                if (random.Next(2) == 0) continue;
                var end = city.Today.AddDays(-random.Next(30, 365 * 3));
                var start = end.AddDays(-random.Next(0, 5));
                var jp = 2 + random.Next(30);
                var training = Training.External(e.Id, e.Nip, e.UnitCode, Titles[random.Next(Titles.Length)], Organisers[random.Next(Organisers.Length)],
                    TrainingKinds.JenisDiklat[random.Next(TrainingKinds.JenisDiklat.Count)], TrainingKinds.JenisKursus[random.Next(2)], jp,
                    start, end, $"{random.Next(100, 999)}/SERT/{end.Year}", $"synthetic/proofs/{e.Nip}-{end:yyyyMMdd}.pdf", "application/pdf",
                    end.AddDays(3).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
                var decision = random.Next(10);
                if (decision < 8) training.Review(decision < 7, decision < 7 ? null : "Bukti tidak terbaca.", reviewer,
                    end.AddDays(10).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
                yield return training;
            }
        }
    }
}
