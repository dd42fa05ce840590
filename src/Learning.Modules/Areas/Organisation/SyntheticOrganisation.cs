using System.Globalization;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Organisation.Domain;

namespace Learning.Organisation;

/// <summary>
/// generate-data: a city's units (OPD → bidang → seksi), positions, and employees with valid PNS NIPs, each reporting to the
/// head of their unit. The first seksi has exactly 50 staff, so a load test always finds a supervisor with a team of 50.
/// </summary>
internal sealed class SyntheticOrganisation(LearningDbContext db) : ISyntheticDataPart
{
    public const int LargeTeam = 50;

    public IReadOnlyList<Type> Needs => [];
    public IReadOnlyList<Type> Makes => [typeof(SyntheticUnit), typeof(SyntheticEmployee)];

    private static readonly (string Code, string Name)[] Opd =
    [
        ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"), ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil"),
        ("DISKOMINFO", "Dinas Komunikasi dan Informatika"), ("DISDIK", "Dinas Pendidikan"), ("DINKES", "Dinas Kesehatan"),
        ("DPU", "Dinas Pekerjaan Umum"), ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman"), ("DISHUB", "Dinas Perhubungan"),
        ("DLH", "Dinas Lingkungan Hidup"), ("DINSOS", "Dinas Sosial"), ("DISNAKER", "Dinas Tenaga Kerja"),
        ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"), ("DISPERINDAG", "Dinas Perdagangan"),
        ("DISBUDPAR", "Dinas Kebudayaan dan Pariwisata"), ("DISPORA", "Dinas Kepemudaan dan Olahraga"), ("DISPERTAN", "Dinas Pertanian"),
        ("DISKOPUMKM", "Dinas Koperasi dan Usaha Mikro"), ("DISARPUS", "Dinas Arsip dan Perpustakaan"), ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
        ("DISPENDA", "Badan Pendapatan Daerah"), ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah"), ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah"),
        ("BPBD", "Badan Penanggulangan Bencana Daerah"), ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik"), ("SATPOLPP", "Satuan Polisi Pamong Praja"),
        ("INSPEKTORAT", "Inspektorat"), ("SETDA", "Sekretariat Daerah"), ("SETWAN", "Sekretariat DPRD"), ("DAMKAR", "Dinas Pemadam Kebakaran"),
        ("RSUD", "Rumah Sakit Umum Daerah"),
    ];

    private static readonly string[] Kecamatan =
    [
        "Semarang Tengah", "Semarang Utara", "Semarang Timur", "Semarang Selatan", "Semarang Barat", "Gayamsari", "Candisari", "Gajahmungkur",
        "Genuk", "Pedurungan", "Tembalang", "Banyumanik", "Gunungpati", "Mijen", "Ngaliyan", "Tugu",
    ];

    private static readonly string[] Bidang =
    [
        "Sekretariat", "Bidang Pelayanan", "Bidang Perencanaan dan Evaluasi", "Bidang Pengembangan", "Bidang Data dan Informasi",
        "Bidang Pengawasan", "Bidang Pembinaan",
    ];

    private static readonly string[] Seksi = ["Seksi Administrasi", "Seksi Teknis", "Seksi Layanan", "Seksi Monitoring"];

    private static readonly (string Code, string Name)[] Positions =
    [
        ("KADIS", "Kepala Perangkat Daerah"), ("KABID", "Kepala Bidang"), ("KASI", "Kepala Seksi"),
        ("ANKEB", "Analis Kebijakan"), ("PRAKOM", "Pranata Komputer"), ("ARSIP", "Arsiparis"), ("PERENC", "Perencana"),
        ("ANSDM", "Analis Sumber Daya Manusia Aparatur"), ("PKEU", "Pengelola Keuangan"), ("PUMUM", "Pengadministrasi Umum"),
        ("PLYN", "Pengelola Layanan Operasional"), ("AUDIT", "Auditor"), ("PRAHUM", "Pranata Hubungan Masyarakat"),
        ("STATS", "Statistisi"), ("PENGDATA", "Pengolah Data dan Informasi"), ("VERIF", "Verifikator Keuangan"),
        ("PENYULUH", "Penyuluh"), ("PERAWAT", "Perawat"), ("GURU", "Guru"), ("DOKTER", "Dokter"),
    ];

    private static readonly string[] MaleNames =
    [
        "Agus", "Budi", "Joko", "Slamet", "Bambang", "Eko", "Hendra", "Wahyu", "Teguh", "Rudi", "Dwi", "Ahmad", "Fajar", "Arif", "Yusuf",
        "Bayu", "Dimas", "Rizki", "Andi", "Hadi", "Sigit", "Heru", "Iwan", "Yoga", "Nugroho", "Adi", "Galih", "Imam", "Kurniawan", "Setyo",
    ];

    private static readonly string[] FemaleNames =
    [
        "Sri", "Siti", "Dewi", "Rina", "Wulan", "Ratna", "Endang", "Nur", "Lestari", "Yuni", "Fitri", "Ayu", "Indah", "Puji", "Rahayu",
        "Dian", "Novi", "Retno", "Tri", "Anisa", "Kartika", "Maya", "Putri", "Eka", "Wahyuni", "Sari", "Diah", "Intan", "Nurul", "Laras",
    ];

    private static readonly string[] FamilyNames =
    [
        "Santoso", "Wibowo", "Susanto", "Prasetyo", "Hidayat", "Setiawan", "Nugraha", "Purnomo", "Saputra", "Kusuma", "Wijaya", "Hartono",
        "Handayani", "Rahmawati", "Lestari", "Permata", "Utami", "Pratiwi", "Suryani", "Maharani", "Sulistyo", "Hakim", "Firmansyah",
        "Ramadhan", "Gunawan", "Haryanto", "Sutrisno", "Wardhani", "Kurniasih", "Anggraini",
    ];

    public async Task Generate(SyntheticCity city, CancellationToken ct)
    {
        var random = city.Random("Organisation");
        var positions = Positions.Select(p => new Position(p.Code, p.Name)).ToList();
        city.Count("Organisation", "positions", await SyntheticCity.Save(db, positions, ct));
        Position Pos(string code) => positions.First(p => p.Code == code);
        var staffPositions = positions.Skip(3).ToList();

        // About one OPD per 400 ASN, each with bidang and seksi; the heads supervise the level below.
        var opdCount = Math.Clamp(city.EmployeeCount / 400, 1, Opd.Length + Kecamatan.Length);
        var units = new List<Unit>();
        var heads = new List<(Unit Unit, string Position, Unit? Parent)>();
        var seksiUnits = new List<Unit>();
        for (var o = 0; o < opdCount; o++)
        {
            var (code, name) = o < Opd.Length ? Opd[o] : ($"KEC{o - Opd.Length + 1:D2}", "Kecamatan " + Kecamatan[o - Opd.Length]);
            var opd = new Unit(code, name, null);
            units.Add(opd);
            heads.Add((opd, "KADIS", null));
            var bidangCount = 3 + random.Next(3);
            for (var b = 0; b < bidangCount; b++)
            {
                var bidang = new Unit($"{code}-B{b + 1}", Bidang[b % Bidang.Length], opd.Id);
                units.Add(bidang);
                heads.Add((bidang, "KABID", opd));
                var seksiCount = 2 + random.Next(2);
                for (var s = 0; s < seksiCount; s++)
                {
                    var seksi = new Unit($"{code}-B{b + 1}-S{s + 1}", Seksi[s % Seksi.Length], bidang.Id);
                    units.Add(seksi);
                    seksiUnits.Add(seksi);
                    heads.Add((seksi, "KASI", bidang));
                }
            }
        }
        city.Count("Organisation", "units", await SyntheticCity.Save(db, units, ct));
        city.AddRange(units.Select(u => new SyntheticUnit(u.Id, u.Code, u.Name, u.ParentId)));

        var nips = new HashSet<string>(StringComparer.Ordinal);
        var employees = new List<Employee>(city.EmployeeCount);
        var headOf = new Dictionary<Guid, Employee>();
        Employee Add(Unit unit, Position position, Guid? supervisor, IReadOnlyList<string> roles)
        {
            var female = random.Next(2) == 1;
            var nip = NewNip(random, female, city.Today, nips);
            var first = (female ? FemaleNames : MaleNames)[random.Next(30)];
            var name = $"{first} {FamilyNames[random.Next(FamilyNames.Length)]}";
            var employee = Employee.Register(nip, name, null, unit.Id, position.Id, roles);
            if (supervisor is { } s) employee.ReportTo(s);
            employees.Add(employee);
            city.Add(new SyntheticEmployee(employee.Id, nip.Value, name, female, unit.Id, unit.Code, supervisor, roles));
            return employee;
        }

        foreach (var (unit, position, parent) in heads)
        {
            if (employees.Count >= city.EmployeeCount) break;
            headOf[unit.Id] = Add(unit, Pos(position), parent is null ? null : headOf[parent.Id].Id, []);
        }
        // Staff sit in a seksi under its head; the first seksi gets exactly LargeTeam of them.
        var staffCount = city.EmployeeCount - employees.Count;
        var bkpsdmCoordinators = 0;
        for (var i = 0; i < staffCount; i++)
        {
            var seksi = i < LargeTeam || seksiUnits.Count == 1 ? seksiUnits[0] : seksiUnits[1 + random.Next(seksiUnits.Count - 1)];
            if (!headOf.TryGetValue(seksi.Id, out var head)) break;
            // A few BKPSDM staff coordinate training for the city.
            var roles = seksi.Code.StartsWith("BKPSDM", StringComparison.Ordinal) && i >= LargeTeam && bkpsdmCoordinators++ < 5
                ? new[] { Roles.Coordinator } : [];
            Add(seksi, staffPositions[random.Next(staffPositions.Count)], head.Id, roles);
        }
        city.Count("Organisation", "employees", await SyntheticCity.Save(db, employees, ct));

        if (headOf.TryGetValue(seksiUnits[0].Id, out var largeTeamHead))
        {
            city.Samples["supervisor"] = largeTeamHead.Nip;
            city.Samples["supervisor.team"] = city.All<SyntheticEmployee>().Count(e => e.SupervisorId == largeTeamHead.Id).ToString(CultureInfo.InvariantCulture);
            if (city.All<SyntheticEmployee>().FirstOrDefault(e => e.SupervisorId == largeTeamHead.Id) is { } learner) city.Samples["learner"] = learner.Nip;
        }
    }

    /// <summary>PNS form: birth date, CPNS appointment (year and month, at 20 to 35), gender, a sequence number.</summary>
    private static Nip NewNip(Random random, bool female, DateOnly today, HashSet<string> taken)
    {
        while (true)
        {
            var birth = new DateOnly(1965, 1, 1).AddDays(random.Next(365 * 35));
            var appointed = birth.AddYears(20 + random.Next(16));
            if (appointed > today) appointed = today.AddMonths(-random.Next(1, 24));
            var value = string.Create(CultureInfo.InvariantCulture,
                $"{birth:yyyyMMdd}{appointed:yyyyMM}{(female ? 2 : 1)}{random.Next(1, 1000):D3}");
            if (taken.Add(value) && Nip.TryParse(value, out var nip, out _)) return nip;
        }
    }
}
