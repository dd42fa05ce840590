using Learning.Competencies.Contracts;
using Learning.Competencies.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Competencies;

/// <summary>generate-data: the managerial and socio-cultural competencies of PermenPANRB 38/2017 and a set of technical ones.</summary>
internal sealed class SyntheticCompetencies(LearningDbContext db) : ISyntheticDataPart
{
    public IReadOnlyList<Type> Needs => [];
    public IReadOnlyList<Type> Makes => [typeof(SyntheticCompetency)];

    private static readonly (string Code, CompetencyType Type, string Name)[] Dictionary =
    [
        ("integritas", CompetencyType.Managerial, "Integritas"), ("kerja-sama", CompetencyType.Managerial, "Kerja Sama"),
        ("komunikasi", CompetencyType.Managerial, "Komunikasi"), ("orientasi-pada-hasil", CompetencyType.Managerial, "Orientasi pada Hasil"),
        ("pelayanan-publik", CompetencyType.Managerial, "Pelayanan Publik"),
        ("pengembangan-diri-dan-orang-lain", CompetencyType.Managerial, "Pengembangan Diri dan Orang Lain"),
        ("mengelola-perubahan", CompetencyType.Managerial, "Mengelola Perubahan"),
        ("pengambilan-keputusan", CompetencyType.Managerial, "Pengambilan Keputusan"),
        ("perekat-bangsa", CompetencyType.SocioCultural, "Perekat Bangsa"),
        ("literasi-digital", CompetencyType.Technical, "Literasi Digital"), ("keamanan-informasi", CompetencyType.Technical, "Keamanan Informasi"),
        ("pelindungan-data-pribadi", CompetencyType.Technical, "Pelindungan Data Pribadi"),
        ("tata-kelola-spbe", CompetencyType.Technical, "Tata Kelola SPBE"), ("pengelolaan-pengaduan", CompetencyType.Technical, "Pengelolaan Pengaduan"),
        ("administrasi-kependudukan", CompetencyType.Technical, "Administrasi Kependudukan"),
        ("analisis-data", CompetencyType.Technical, "Analisis Data"), ("pengelolaan-arsip-elektronik", CompetencyType.Technical, "Pengelolaan Arsip Elektronik"),
        ("pengadaan-barang-jasa", CompetencyType.Technical, "Pengadaan Barang/Jasa"), ("penyusunan-standar-pelayanan", CompetencyType.Technical, "Penyusunan Standar Pelayanan"),
        ("manajemen-risiko", CompetencyType.Technical, "Manajemen Risiko"), ("pengelolaan-keuangan-daerah", CompetencyType.Technical, "Pengelolaan Keuangan Daerah"),
    ];

    public async Task Generate(SyntheticCity city, CancellationToken ct)
    {
        var existing = await db.Own<Competency>().Select(c => c.Code).ToListAsync(ct);
        var added = new List<Competency>();
        for (var i = 0; i < Dictionary.Length; i++)
        {
            var (code, type, name) = Dictionary[i];
            city.Add(new SyntheticCompetency(code));
            if (existing.Contains(code)) continue;
            var competency = new Competency(code);
            competency.Define(type, name, Enumerable.Range(1, CompetencyInfo.MaxLevel)
                .Select(level => $"Level {level}: menunjukkan {name.ToLowerInvariant()} pada lingkup {Scope[level - 1]}.").ToList(), i);
            added.Add(competency);
        }
        city.Count("Competencies", "competencies", await SyntheticCity.SaveGraphs(db, added, ct));
    }

    private static readonly string[] Scope = ["tugas sendiri", "tim kerja", "unit kerja", "perangkat daerah", "instansi dan antarinstansi"];
}
