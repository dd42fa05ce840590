namespace Learning.Modules.Tests.Courses;

/// <summary>
/// A small valid content folder in a temporary directory; a test breaks one thing and expects exactly that
/// problem, at the line the comments below give.
/// </summary>
public sealed class ContentFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("learning-content-").FullName;

    public const string Competencies = """
        - code: spbe
          type: technical
          name: SPBE
          levels:
            1: "Mengenal SPBE"
            2: "Menerapkan SPBE"
            3: "Menyusun usulan SPBE"
            4: "Mengoordinasikan SPBE"
            5: "Menetapkan arah SPBE"

        - code: integritas
          type: managerial
          name: Integritas
          levels:
            1: "Jujur"
            2: "Menepati komitmen"
            3: "Menjadi contoh"
            4: "Membangun sistem"
            5: "Menetapkan budaya"

        """;

    // line 7: first competency code, 8: its level, 15: renew_from, 18: first lesson list, 21-22: second list.
    public const string Course = """
        title: "Kursus Dasar"
        summary: "Ringkasan kursus dasar."
        language: id
        jp: 2
        minutes: 90
        competencies:
          - code: spbe
            level: 2
          - code: integritas
            level: 1
        certificate:
          validity_months: 24
          recertification:
            window_days: 60
            renew_from: completion
        modules:
          - title: "Modul Satu"
            lessons: [01-pengantar.md]
          - title: "Modul Dua"
            lessons:
              - 02-praktik.md
              - 03-penutup.md

        """;

    // line 10: the image.
    public const string Lesson1 = """
        ---
        title: "Pengantar"
        minutes: 30
        ---

        # Pengantar

        Teks pengantar.

        ![Diagram](../../media/diagram.png)

        """;

    public const string Lesson2 = """
        ---
        title: "Praktik"
        minutes: 30
        ---

        ## Praktik

        | Langkah | Siapa |
        |---|---|
        | Isi | Petugas |

        """;

    public const string Lesson3 = """
        ---
        title: "Penutup"
        minutes: 30
        ---

        Lihat [pengantar](01-pengantar.md).

        """;

    // lines 4-11: q01 (answer on 11), 13-17: q02 (options 16, answer 17), 19-22: q03 (answer 22).
    public const string Assessment = """
        pass_mark: 70
        max_attempts: 3
        questions:
          - id: q01
            type: single
            text: "Pilih satu?"
            options:
              - "A"
              - "B"
              - "C"
            answer: 1

          - id: q02
            type: multiple
            text: "Pilih beberapa?"
            options: ["A", "B", "C"]
            answer: [0, 2]

          - id: q03
            type: true-false
            text: "Benar?"
            answer: true

        """;

    public const string CourseDir = "courses/dasar";

    public ContentFolder()
    {
        Write("competencies.yml", Competencies);
        Write($"{CourseDir}/course.yml", Course);
        Write($"{CourseDir}/01-pengantar.md", Lesson1);
        Write($"{CourseDir}/02-praktik.md", Lesson2);
        Write($"{CourseDir}/03-penutup.md", Lesson3);
        Write($"{CourseDir}/assessment.yml", Assessment);
        WriteBytes("media/diagram.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]);
    }

    public ContentFolder Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public ContentFolder WriteBytes(string relative, byte[] bytes)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return this;
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    /// <summary>Replaces text that must be there (so a fixture typo fails loudly instead of testing nothing).</summary>
    public ContentFolder Replace(string relative, string old, string replacement)
    {
        var text = Read(relative);
        if (!text.Contains(old, StringComparison.Ordinal)) throw new ArgumentException($"'{old}' is not in {relative}.");
        return Write(relative, text.Replace(old, replacement, StringComparison.Ordinal));
    }

    public ContentFolder Delete(string relative)
    {
        File.Delete(Path.Combine(Root, relative));
        return this;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
