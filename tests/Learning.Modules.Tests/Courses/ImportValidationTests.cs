using System.Globalization;
using Learning.Courses.Contracts;
using Learning.Modules.Tests.Infrastructure;
using Learning.Kernel.Text;

namespace Learning.Modules.Tests.Courses;

/// <summary>
/// One test per kind of content problem: a valid folder broken in one place is refused with exactly that
/// problem at its file and line, and the database and blob store stay empty. The host is shared: no test
/// here may import successfully.
/// </summary>
public sealed class ImportValidationTests(ModulesHost host) : IClassFixture<ModulesHost>
{
    private const string CourseYml = $"{ContentFolder.CourseDir}/course.yml";
    private const string AssessmentYml = $"{ContentFolder.CourseDir}/assessment.yml";
    private const string Lesson1 = $"{ContentFolder.CourseDir}/01-pengantar.md";
    private const string Lesson2 = $"{ContentFolder.CourseDir}/02-praktik.md";

    private async Task<IReadOnlyList<SourceProblem>> Refused(ContentFolder folder)
    {
        CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
        var result = await host.Import(folder.Root);
        Assert.False(result.Succeeded, "the import should have been refused");
        Assert.Equal(ModulesHost.Empty, await host.Counts());
        return result.Problems;
    }

    /// <summary>Exactly one problem, at file:line, with a reason (in Indonesian) containing the fragment.</summary>
    private async Task ExpectOnly(ContentFolder folder, string location, string reason)
    {
        var problems = await Refused(folder);
        var problem = Assert.Single(problems);
        Assert.Equal(location, $"{problem.File}:{problem.Line}");
        Assert.Contains(reason, problem.Reason);
    }

    [Fact]
    public async Task Should_report_yaml_syntax_error_with_file_and_line()
    {
        using var folder = new ContentFolder().Replace(AssessmentYml, "    answer: [0, 2]", "    answer: [0, 2");
        var problem = Assert.Single(await Refused(folder));
        Assert.Equal(AssessmentYml, problem.File);
        Assert.Equal(17, problem.Line);
        Assert.StartsWith("sintaks YAML salah", problem.Reason);
    }

    [Fact]
    public async Task Should_report_unclosed_quote_on_its_line() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "summary: \"Ringkasan kursus dasar.\"", "summary: \"Ringkasan kursus dasar."),
            $"{CourseYml}:2", "sintaks YAML salah");

    [Fact]
    public async Task Should_refuse_unknown_competency_code() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "  - code: spbe", "  - code: spbx"),
            $"{CourseYml}:7", "kode kompetensi spbx tidak ada di kamus kompetensi");

    [Fact]
    public async Task Should_refuse_competency_level_outside_1_to_5() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "    level: 2", "    level: 6"),
            $"{CourseYml}:8", "level kompetensi harus 1 sampai 5, bukan 6");

    [Fact]
    public async Task Should_refuse_zero_competency_level() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "    level: 1", "    level: 0"),
            $"{CourseYml}:10", "bukan 0");

    [Fact]
    public async Task Should_refuse_missing_lesson_file_listed_in_course_yml() =>
        await ExpectOnly(new ContentFolder().Delete($"{ContentFolder.CourseDir}/03-penutup.md"),
            $"{CourseYml}:22", "berkas pelajaran 03-penutup.md tidak ada");

    [Fact]
    public async Task Should_refuse_extra_lesson_file_not_listed() =>
        await ExpectOnly(new ContentFolder().Write($"{ContentFolder.CourseDir}/04-tambahan.md", ContentFolder.Lesson3),
            $"{ContentFolder.CourseDir}/04-tambahan.md:1", "tidak tercantum di course.yml");

    [Fact]
    public async Task Should_refuse_lesson_listed_twice() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "      - 03-penutup.md", "      - 03-penutup.md\n      - 01-pengantar.md"),
            $"{CourseYml}:23", "pelajaran 01-pengantar.md sudah tercantum di baris 18");

    [Fact]
    public async Task Should_refuse_lesson_file_name_that_is_not_a_key() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "[01-pengantar.md]", "[01-pengantar.md, Lampiran A.md]"),
            $"{CourseYml}:18", "nama berkas pelajaran \"Lampiran A.md\"");

    [Fact]
    public async Task Should_refuse_lesson_without_front_matter() =>
        await ExpectOnly(new ContentFolder().Write(Lesson2, "## Praktik\n\nTanpa front matter.\n"),
            $"{Lesson2}:1", "front matter tidak ada");

    [Fact]
    public async Task Should_refuse_unclosed_front_matter() =>
        await ExpectOnly(new ContentFolder().Replace(Lesson2, "minutes: 30\n---\n", "minutes: 30\n\n"),
            $"{Lesson2}:1", "front matter tidak ditutup");

    [Fact]
    public async Task Should_report_broken_front_matter_yaml_on_its_file_line() =>
        await ExpectOnly(new ContentFolder().Replace(Lesson2, "minutes: 30", "minutes: [30"),
            $"{Lesson2}:3", "sintaks YAML salah");

    [Fact]
    public async Task Should_refuse_lesson_without_title() =>
        await ExpectOnly(new ContentFolder().Replace(Lesson2, "title: \"Praktik\"\n", ""),
            $"{Lesson2}:2", "title wajib diisi");

    [Fact]
    public async Task Should_refuse_lesson_with_empty_title() =>
        await ExpectOnly(new ContentFolder().Replace(Lesson2, "title: \"Praktik\"", "title:"),
            $"{Lesson2}:2", "title wajib diisi");

    [Fact]
    public async Task Should_refuse_lesson_minutes_that_are_not_a_number() =>
        await ExpectOnly(new ContentFolder().Replace(Lesson2, "minutes: 30", "minutes: setengah jam"),
            $"{Lesson2}:3", "minutes harus berupa bilangan bulat, bukan \"setengah jam\"");

    [Fact]
    public async Task Should_refuse_single_answer_index_out_of_range() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "    answer: 1", "    answer: 3"),
            $"{AssessmentYml}:11", "jawaban 3 tidak menunjuk pilihan yang ada: nomor pilihan dari 0 sampai 2");

    [Fact]
    public async Task Should_refuse_multiple_answer_index_out_of_range() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "answer: [0, 2]", "answer: [0, 5]"),
            $"{AssessmentYml}:17", "jawaban 5 tidak menunjuk pilihan");

    [Fact]
    public async Task Should_refuse_negative_answer_index() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "    answer: 1", "    answer: -1"),
            $"{AssessmentYml}:11", "jawaban -1 tidak menunjuk pilihan");

    [Fact]
    public async Task Should_refuse_duplicate_question_id() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "  - id: q03", "  - id: q01"),
            $"{AssessmentYml}:19", "id soal q01 sudah dipakai di baris 4");

    [Fact]
    public async Task Should_refuse_jp_that_is_not_a_number() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "jp: 2", "jp: dua"),
            $"{CourseYml}:4", "jp harus berupa angka, bukan \"dua\"");

    [Fact]
    public async Task Should_refuse_quoted_jp_as_text() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "jp: 2", "jp: \"2\""),
            $"{CourseYml}:4", "jp harus berupa angka");

    [Fact]
    public async Task Should_refuse_course_minutes_that_are_not_a_whole_number() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "minutes: 90", "minutes: 1,5 jam"),
            $"{CourseYml}:5", "minutes harus berupa bilangan bulat");

    [Fact]
    public async Task Should_refuse_pass_mark_above_100() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "pass_mark: 70", "pass_mark: 170"),
            $"{AssessmentYml}:1", "pass_mark harus antara 1 dan 100, bukan 170");

    [Fact]
    public async Task Should_refuse_empty_options() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "options: [\"A\", \"B\", \"C\"]", "options: []"),
            $"{AssessmentYml}:16", "options tidak boleh kosong");

    [Fact]
    public async Task Should_refuse_a_single_option() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "options: [\"A\", \"B\", \"C\"]\n    answer: [0, 2]", "options: [\"A\"]\n    answer: [0]"),
            $"{AssessmentYml}:16", "soal multiple memerlukan paling sedikit 2 pilihan");

    [Fact]
    public async Task Should_refuse_a_blank_option() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "      - \"B\"", "      - \"  \""),
            $"{AssessmentYml}:9", "pilihan ke-1 (dihitung dari 0) kosong");

    [Fact]
    public async Task Should_refuse_true_false_answer_that_is_not_a_boolean() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "answer: true", "answer: ya"),
            $"{AssessmentYml}:22", "jawaban soal true-false harus true atau false, bukan \"ya\"");

    [Fact]
    public async Task Should_refuse_options_on_a_true_false_question() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "    text: \"Benar?\"", "    text: \"Benar?\"\n    options: [\"Ya\", \"Tidak\"]"),
            $"{AssessmentYml}:22", "soal true-false tidak memakai options");

    [Fact]
    public async Task Should_refuse_multiple_question_with_empty_answer_list() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "answer: [0, 2]", "answer: []"),
            $"{AssessmentYml}:17", "paling sedikit satu nomor pilihan");

    [Fact]
    public async Task Should_refuse_multiple_question_with_a_single_index() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "answer: [0, 2]", "answer: 0"),
            $"{AssessmentYml}:17", "harus berupa daftar nomor pilihan");

    [Fact]
    public async Task Should_refuse_single_question_with_a_list_answer() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "    answer: 1", "    answer: [1, 2]"),
            $"{AssessmentYml}:11", "harus satu nomor pilihan");

    [Fact]
    public async Task Should_refuse_unknown_question_type() =>
        await ExpectOnly(new ContentFolder().Replace(AssessmentYml, "type: single", "type: essay"),
            $"{AssessmentYml}:5", "jenis soal harus single, multiple, atau true-false, bukan \"essay\"");

    [Fact]
    public async Task Should_refuse_course_without_title() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "title: \"Kursus Dasar\"\n", ""),
            $"{CourseYml}:1", "title wajib diisi");

    [Fact]
    public async Task Should_refuse_course_without_jp() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "jp: 2\n", ""),
            $"{CourseYml}:1", "jp wajib diisi");

    [Fact]
    public async Task Should_refuse_course_without_modules()
    {
        using var folder = new ContentFolder();
        var course = folder.Read(CourseYml);
        folder.Write(CourseYml, course[..course.IndexOf("modules:", StringComparison.Ordinal)]);
        await ExpectOnly(folder, $"{CourseYml}:1", "modules wajib diisi");
    }

    [Fact]
    public async Task Should_refuse_assessment_without_questions() =>
        await ExpectOnly(new ContentFolder().Write(AssessmentYml, "pass_mark: 70\nquestions: []\n"),
            $"{AssessmentYml}:2", "questions tidak boleh kosong");

    [Fact]
    public async Task Should_refuse_unknown_field_as_likely_typo() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "summary:", "sumary:"),
            $"{CourseYml}:2", "isian sumary tidak dikenal");

    [Fact]
    public async Task Should_refuse_unknown_renew_from() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "renew_from: completion", "renew_from: expiry"),
            $"{CourseYml}:15", "renew_from harus completion, previous-expiry, atau fixed-date, bukan \"expiry\"");

    [Theory]
    [InlineData("13-01")]
    [InlineData("02-30")]
    [InlineData("02-29")]
    [InlineData("1 Januari")]
    public async Task Should_refuse_bad_fixed_date(string date) =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "renew_from: completion", $"renew_from: fixed-date\n    fixed_date: \"{date}\""),
            $"{CourseYml}:16", $"fixed_date harus berbentuk BB-HH yang ada setiap tahun (misalnya \"01-01\"), bukan \"{date}\"");

    [Fact]
    public async Task Should_refuse_fixed_date_renewal_without_a_date() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "renew_from: completion", "renew_from: fixed-date"),
            $"{CourseYml}:14", "fixed_date (BB-HH) wajib diisi");

    [Fact]
    public async Task Should_refuse_recertification_without_validity() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "  validity_months: 24\n", ""),
            $"{CourseYml}:13", "sertifikasi ulang memerlukan certificate.validity_months");

    [Fact]
    public async Task Should_refuse_unknown_status() =>
        await ExpectOnly(new ContentFolder().Replace(CourseYml, "language: id", "language: id\nstatus: live"),
            $"{CourseYml}:4", "status harus draft, published, atau archived");

    [Fact]
    public async Task Should_refuse_image_whose_media_file_is_missing() =>
        await ExpectOnly(new ContentFolder().Replace(Lesson1, "../../media/diagram.png", "../../media/tidak-ada.png"),
            $"{Lesson1}:10", "berkas media ../../media/tidak-ada.png tidak ada");

    [Fact]
    public async Task Should_refuse_link_to_missing_media_file() =>
        await ExpectOnly(new ContentFolder().Replace(Lesson2, "## Praktik", "## Praktik\n\nUnduh [panduan](../../media/panduan.pdf)."),
            $"{Lesson2}:8", "berkas media ../../media/panduan.pdf tidak ada");

    [Fact]
    public async Task Should_refuse_image_outside_the_media_folder() =>
        await ExpectOnly(new ContentFolder().Replace(Lesson1, "../../media/diagram.png", "gambar.png"),
            $"{Lesson1}:10", "gambar.png harus menunjuk berkas di dalam folder media/");

    [Fact]
    public async Task Should_refuse_unsupported_media_type() =>
        await ExpectOnly(new ContentFolder().WriteBytes("media/pasang.exe", [0x4D, 0x5A]),
            "media/pasang.exe:1", "jenis berkas media .exe tidak didukung");

    [Fact]
    public async Task Should_refuse_unknown_competency_type() =>
        await ExpectOnly(new ContentFolder().Replace("competencies.yml", "type: technical", "type: teknis"),
            "competencies.yml:2", "jenis kompetensi harus technical, managerial, atau socio-cultural, bukan \"teknis\"");

    [Fact]
    public async Task Should_refuse_competency_without_all_five_levels() =>
        await ExpectOnly(new ContentFolder().Replace("competencies.yml", "    5: \"Menetapkan arah SPBE\"\n", ""),
            "competencies.yml:4", "uraian level 5 belum ada");

    [Fact]
    public async Task Should_refuse_competency_level_six() =>
        await ExpectOnly(new ContentFolder().Replace("competencies.yml", "    5: \"Menetapkan budaya\"", "    5: \"Menetapkan budaya\"\n    6: \"Lebih\""),
            "competencies.yml:20", "level kompetensi hanya 1 sampai 5, bukan \"6\"");

    [Fact]
    public async Task Should_refuse_duplicate_competency_code() =>
        await ExpectOnly(new ContentFolder().Write("competencies.yml",
                ContentFolder.Competencies + "\n- code: spbe\n  type: technical\n  name: Lagi\n  levels: {1: a, 2: b, 3: c, 4: d, 5: e}\n"),
            "competencies.yml:21", "kode kompetensi spbe sudah dipakai di baris 1");

    [Fact]
    public async Task Should_refuse_course_folder_that_is_not_a_slug()
    {
        using var folder = new ContentFolder();
        Directory.Move(Path.Combine(folder.Root, ContentFolder.CourseDir), Path.Combine(folder.Root, "courses/Kursus_Dasar"));
        await ExpectOnly(folder, "courses/Kursus_Dasar/course.yml:1", "nama folder kursus \"Kursus_Dasar\"");
    }

    [Fact]
    public async Task Should_refuse_course_folder_without_course_yml() =>
        await ExpectOnly(new ContentFolder().Delete(CourseYml), $"{CourseYml}:1", "course.yml tidak ada");

    [Fact]
    public async Task Should_refuse_a_folder_that_is_not_content()
    {
        var empty = Directory.CreateTempSubdirectory("learning-empty-").FullName;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("id-ID");
            var result = await host.Import(empty);
            Assert.Equal(".:1", $"{Assert.Single(result.Problems).File}:{result.Problems[0].Line}");
            Assert.Equal(ModulesHost.Empty, await host.Counts());
        }
        finally { Directory.Delete(empty); }
    }

    [Fact]
    public async Task Should_report_every_problem_of_the_folder_in_file_and_line_order()
    {
        using var folder = new ContentFolder()
            .Replace(CourseYml, "jp: 2", "jp: dua")
            .Replace(CourseYml, "  - code: spbe", "  - code: spbx")
            .Replace(AssessmentYml, "    answer: 1", "    answer: 9")
            .Replace(AssessmentYml, "answer: true", "answer: mungkin")
            .Replace(Lesson2, "title: \"Praktik\"\n", "")
            .Write($"{ContentFolder.CourseDir}/09-lupa.md", ContentFolder.Lesson3)
            .Replace("competencies.yml", "type: managerial", "type: manajerial");
        var problems = await Refused(folder);
        Assert.Equal(
            new[]
            {
                "competencies.yml:12", $"{Lesson2}:2", $"{ContentFolder.CourseDir}/09-lupa.md:1",
                $"{AssessmentYml}:11", $"{AssessmentYml}:22", $"{CourseYml}:4", $"{CourseYml}:7",
            },
            problems.Select(p => $"{p.File}:{p.Line}").ToArray());
    }

    [Fact]
    public async Task Should_word_problems_in_english_for_english_readers()
    {
        using var folder = new ContentFolder().Replace(AssessmentYml, "  - id: q03", "  - id: q01");
        CultureInfo.CurrentUICulture = new CultureInfo("en-US");
        var result = await host.Import(folder.Root);
        Assert.Equal($"{AssessmentYml}:19: question id q01 is already used on line 4", Assert.Single(result.Problems).ToString());
    }
}
