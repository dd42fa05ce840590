using System.Globalization;
using System.Text;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Kernel;
using Learning.Competencies.Contracts;

namespace Learning.Courses;

/// <summary>
/// generate-data: published courses on digital public service, each with 2–4 modules of 2–3 Markdown lessons (a few KB,
/// with a list and a table, like the shipped content) and a question bank of ten; most certificates expire and recertify.
/// </summary>
internal sealed class SyntheticCourses(LearningDbContext db) : ISyntheticDataPart
{
    public IReadOnlyList<Type> Needs => [typeof(SyntheticCompetency)];
    public IReadOnlyList<Type> Makes => [typeof(SyntheticCourse)];

    private static readonly string[] Topics =
    [
        "Pelayanan Publik Digital", "Keamanan Informasi", "Pelindungan Data Pribadi", "Tata Kelola SPBE", "Pengelolaan Pengaduan SP4N-LAPOR",
        "Administrasi Kependudukan Daring", "Standar Pelayanan", "Literasi Digital", "Analisis Data Layanan", "Arsip Elektronik",
        "Pengadaan Barang/Jasa Elektronik", "Manajemen Risiko", "Keuangan Daerah", "Komunikasi Publik", "Etika dan Integritas ASN",
        "Manajemen Perubahan", "Survei Kepuasan Masyarakat", "Layanan Inklusif", "Kolaborasi Antarinstansi", "Pengambilan Keputusan Berbasis Data",
    ];

    private static readonly string[] Levels = ["Dasar", "Lanjutan", "Praktis", "untuk Pimpinan", "Studi Kasus", "Kilat", "Terapan", "Intensif", "Tematik", "Mahir"];

    private static readonly string[] Sentences =
    [
        "Pelayanan publik yang baik dimulai dari standar pelayanan yang jelas dan diumumkan kepada masyarakat.",
        "Setiap permohonan dicatat dalam sistem agar dapat ditelusuri dari awal sampai selesai.",
        "Petugas memeriksa kelengkapan berkas sebelum memproses permohonan warga.",
        "Data pribadi warga hanya dipakai untuk tujuan yang disebutkan saat data dikumpulkan.",
        "Kata sandi yang kuat dan autentikasi dua langkah mengurangi risiko akun diambil alih.",
        "Pengaduan yang masuk dijawab dalam waktu yang ditetapkan dan tindak lanjutnya dilaporkan.",
        "Atasan langsung memantau capaian layanan setiap bulan bersama timnya.",
        "Layanan daring harus tetap dapat dipakai pada sambungan internet yang lambat.",
        "Maklumat pelayanan memuat janji penyelenggara untuk memberi layanan sesuai standar.",
        "Evaluasi berkala membantu unit kerja menemukan hambatan sebelum menjadi keluhan.",
        "Dokumen elektronik disimpan dengan penamaan yang konsisten agar mudah ditemukan kembali.",
        "Warga dengan disabilitas berhak atas layanan yang setara dan mudah diakses.",
    ];

    public async Task Generate(SyntheticCity city, CancellationToken ct)
    {
        var random = city.Random("Courses");
        var courses = new List<Course>(city.CourseCount);
        var lessons = 0;
        var questions = 0;
        for (var i = 0; i < city.CourseCount; i++)
        {
            var topic = Topics[i % Topics.Length];
            var level = Levels[i / Topics.Length % Levels.Length];
            var title = $"{topic} {level}" + (i >= Topics.Length * Levels.Length ? $" {i / (Topics.Length * Levels.Length) + 1}" : "");
            var slug = $"kursus-{i + 1:D4}";
            var definition = Definition(random, city, slug, title);
            var course = new Course(slug);
            course.Apply(definition);
            course.Publish(city.Now.AddDays(-random.Next(1100, 1200)));
            courses.Add(course);
            lessons += definition.Lessons.Count();
            questions += definition.Assessment?.Questions.Count ?? 0;
            city.Add(new SyntheticCourse(course.Id, slug, title, course.Version, definition.Jp, definition.Minutes,
                definition.Lessons.Select(l => l.Key).ToList(),
                definition.Assessment?.Questions.Select(q => new SyntheticQuestion(q.Id, q.Type == QuestionType.TrueFalse ? 2 : q.Options.Count)).ToList() ?? [],
                definition.Assessment?.PassMark ?? 0, definition.Assessment?.MaxAttempts, definition.Certificate.ValidityMonths,
                definition.Certificate.Recertification?.WindowDays, definition.Competencies.Select(c => (c.Code, c.Level)).ToList()));
        }
        city.Count("Courses", "courses", await SyntheticCity.SaveGraphs(db, courses, ct));
        city.Count("Courses", "lessons", lessons);
        city.Count("Courses", "questions", questions);
        if (city.All<SyntheticCourse>().Count > 0) city.Samples["course"] = city.All<SyntheticCourse>()[0].Slug;
    }

    private static CourseDefinition Definition(Random random, SyntheticCity city, string slug, string title)
    {
        var codes = city.All<SyntheticCompetency>();
        var modules = new List<ModuleDefinition>();
        var moduleCount = 2 + random.Next(3);
        var n = 0;
        for (var m = 0; m < moduleCount; m++)
        {
            var lessons = new List<LessonDefinition>();
            var lessonCount = 2 + random.Next(2);
            for (var l = 0; l < lessonCount; l++)
            {
                n++;
                var lessonTitle = $"{Sentences[random.Next(Sentences.Length)].Split(' ').Take(4).Aggregate((a, b) => a + " " + b)} ({n})";
                lessons.Add(new LessonDefinition($"{n:D2}-pelajaran-{n}", lessonTitle, 5 + random.Next(16), Markdown(random, lessonTitle)));
            }
            modules.Add(new ModuleDefinition($"Modul {m + 1}", lessons));
        }
        var minutes = modules.Sum(m => m.Lessons.Sum(l => l.Minutes)) + 15;
        var jp = Math.Max(1, Math.Round(minutes / 45m, 0));
        var competencies = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => codes[random.Next(codes.Count)].Code)
            .Distinct().Select(code => new CompetencyAward(code, 1 + random.Next(3))).ToList();
        // Most certificates expire after two or three years and open a recertification window before that.
        var certificate = random.Next(10) < 7
            ? new CertificateRule(random.Next(2) == 0 ? 24 : 36, new RecertificationRule(30 * (1 + random.Next(3)), RenewFrom.Completion, null))
            : new CertificateRule(null, null);
        return new CourseDefinition(slug, title, $"Kursus {title.ToLowerInvariant()} bagi ASN Pemerintah Kota.", "id", jp, minutes,
            CourseStatus.Published, competencies, certificate, modules, Assessment(random));
    }

    private static AssessmentDefinition Assessment(Random random)
    {
        var questions = new List<QuestionDefinition>();
        for (var q = 1; q <= 10; q++)
        {
            var text = $"Pertanyaan {q}: {Sentences[random.Next(Sentences.Length)]} Pernyataan mana yang tepat?";
            questions.Add((q % 3) switch
            {
                0 => new QuestionDefinition($"q{q:D2}", QuestionType.TrueFalse, text, [], [], random.Next(2) == 0),
                1 => new QuestionDefinition($"q{q:D2}", QuestionType.Single, text, Options(random), [random.Next(4)], null),
                _ => new QuestionDefinition($"q{q:D2}", QuestionType.Multiple, text, Options(random), [0, 2], null),
            });
        }
        return new AssessmentDefinition(70, 3, null, questions);
    }

    private static List<string> Options(Random random) =>
        Enumerable.Range(0, 4).Select(i => Sentences[(random.Next(Sentences.Length) + i) % Sentences.Length]).ToList();

    private static string Markdown(Random random, string title)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {title}\n\n");
        for (var p = 0; p < 4; p++)
        {
            for (var s = 0; s < 5; s++) text.Append(Sentences[random.Next(Sentences.Length)]).Append(' ');
            text.Append("\n\n");
            if (p == 1)
            {
                text.Append("## Langkah kerja\n\n");
                for (var s = 1; s <= 4; s++) text.Append(CultureInfo.InvariantCulture, $"{s}. {Sentences[random.Next(Sentences.Length)]}\n");
                text.Append('\n');
            }
        }
        text.Append("| Tahap | Waktu | Penanggung jawab |\n|---|---|---|\n");
        for (var r = 1; r <= 4; r++) text.Append(CultureInfo.InvariantCulture, $"| Tahap {r} | {r * 2} hari kerja | Seksi {r} |\n");
        return text.ToString();
    }
}
