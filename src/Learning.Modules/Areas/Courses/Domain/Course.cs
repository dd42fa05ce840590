using Learning.Courses.Contracts;
using Learning.Kernel;

namespace Learning.Courses.Domain;

/// <summary>A course: modules of lessons, a question bank, JP, competencies awarded and its certificate rule.</summary>
public sealed class Course : AggregateRoot, IContentRecord
{
    public Guid Id { get; private set; } = Ids.New();
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string Language { get; private set; } = "id";
    public decimal Jp { get; private set; }
    public int Minutes { get; private set; }
    public CourseStatus Status { get; private set; } = CourseStatus.Draft;
    /// <summary>Counts publications: 0 until first published, then 1, 2, …</summary>
    public int Version { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public int? ValidityMonths { get; private set; }
    public int? RecertificationWindowDays { get; private set; }
    public RenewFrom? RenewFrom { get; private set; }
    /// <summary>"MM-DD" when certificates renew to a fixed calendar date.</summary>
    public string? RenewFixedDate { get; private set; }
    /// <summary>The course opts into testing out: its assessment may come first, and passing it completes the course.</summary>
    public bool TestOut { get; private set; }

    public List<CourseCompetency> Competencies { get; private set; } = [];
    public List<CourseModule> Modules { get; private set; } = [];
    public List<Lesson> Lessons { get; private set; } = [];
    public Assessment? Assessment { get; private set; }
    /// <summary>
    /// Concurrency token of the whole course (settings, structure, lessons, questions), carried by every authoring form: a
    /// save made on an older revision is refused, naming what changed since, instead of overwriting it.
    /// </summary>
    public int Revision { get; private set; }
    public DateTime? RevisedAt { get; private set; }
    public Guid? RevisedBy { get; private set; }
    /// <summary>What the last authoring save changed: settings, structure, status, lesson:KEY, question:ID, questions.</summary>
    public string? RevisedPart { get; private set; }

    private Course() { }

    /// <summary>An authoring save: the next revision, with who changed which part.</summary>
    public void Revise(string part, Guid? by, DateTime at)
    {
        Revision++;
        RevisedAt = at;
        RevisedBy = by;
        RevisedPart = part.Length > 120 ? part[..120] : part;
    }

    public Course(string slug) => Slug = slug;

    /// <summary>Sets the content to the definition; keeps lessons and questions by key so their ids stay.</summary>
    public void Apply(CourseDefinition definition)
    {
        Title = definition.Title;
        Summary = definition.Summary;
        Language = definition.Language;
        Jp = definition.Jp;
        Minutes = definition.Minutes;
        ValidityMonths = definition.Certificate.ValidityMonths;
        var recertification = definition.Certificate.Recertification;
        RecertificationWindowDays = recertification?.WindowDays;
        RenewFrom = recertification?.RenewFrom;
        RenewFixedDate = recertification?.FixedDate;
        TestOut = definition.TestOut;

        ApplyCompetencies(definition.Competencies);
        ApplyModules(definition.Modules);
        if (definition.Assessment is null) Assessment = null;
        else (Assessment ??= new Assessment(Id)).Apply(definition.Assessment);
    }

    private void ApplyCompetencies(IReadOnlyList<CompetencyAward> awards)
    {
        Competencies.RemoveAll(c => awards.All(a => a.Code != c.Code));
        for (var i = 0; i < awards.Count; i++)
        {
            var existing = Competencies.FirstOrDefault(c => c.Code == awards[i].Code);
            if (existing is null) Competencies.Add(new CourseCompetency(Id, awards[i].Code, awards[i].Level, i));
            else existing.Set(awards[i].Level, i);
        }
    }

    private void ApplyModules(IReadOnlyList<ModuleDefinition> modules)
    {
        // Modules have no key of their own: they are matched by position.
        Modules.Sort((a, b) => a.Order.CompareTo(b.Order));
        for (var i = 0; i < modules.Count; i++)
        {
            if (i < Modules.Count) Modules[i].Set(modules[i].Title, i);
            else Modules.Add(new CourseModule(Id, modules[i].Title, i));
        }

        var wanted = modules.SelectMany((m, i) => m.Lessons.Select(l => (Module: Modules[i], Lesson: l))).ToList();
        Lessons.RemoveAll(l => wanted.All(w => w.Lesson.Key != l.Key));
        for (var order = 0; order < wanted.Count; order++)
        {
            var (module, definition) = wanted[order];
            var lesson = Lessons.FirstOrDefault(l => l.Key == definition.Key);
            if (lesson is null) Lessons.Add(lesson = new Lesson(Id, definition.Key));
            lesson.Set(module.Id, definition.Title, definition.Minutes, definition.Markdown, order);
        }
        if (Modules.Count > modules.Count) Modules.RemoveRange(modules.Count, Modules.Count - modules.Count);
    }

    /// <summary>Makes the current content the version learners take.</summary>
    public void Publish(DateTime now)
    {
        Status = CourseStatus.Published;
        Version++;
        PublishedAt = now;
        Raise(new CoursePublished(Id, Slug, Version));
    }

    public void Unpublish()
    {
        if (Status == CourseStatus.Draft) return;
        var wasPublished = Status == CourseStatus.Published;
        Status = CourseStatus.Draft;
        if (wasPublished) Raise(new CourseUnpublished(Id, Slug));
    }

    public void Archive()
    {
        if (Status == CourseStatus.Archived) return;
        Status = CourseStatus.Archived;
        Raise(new CourseArchived(Id, Slug));
    }

    public CourseDefinition ToDefinition()
    {
        var lessons = Lessons.OrderBy(l => l.Order).ToList();
        return new CourseDefinition(
            Slug, Title, Summary, Language, Jp, Minutes, Status,
            Competencies.OrderBy(c => c.Order).Select(c => new CompetencyAward(c.Code, c.Level)).ToList(),
            new CertificateRule(ValidityMonths, RenewFrom is { } renewFrom
                ? new RecertificationRule(RecertificationWindowDays ?? 0, renewFrom, RenewFixedDate)
                : null),
            Modules.OrderBy(m => m.Order).Select(m => new ModuleDefinition(m.Title,
                lessons.Where(l => l.ModuleId == m.Id)
                    .Select(l => new LessonDefinition(l.Key, l.Title, l.Minutes, l.Markdown)).ToList())).ToList(),
            Assessment?.ToDefinition()) { TestOut = TestOut };
    }
}

public sealed class CourseCompetency : IContentRecord
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid CourseId { get; private set; }
    public string Code { get; private set; } = "";
    public int Level { get; private set; }
    public int Order { get; private set; }

    private CourseCompetency() { }

    internal CourseCompetency(Guid courseId, string code, int level, int order)
    {
        CourseId = courseId; Code = code; Level = level; Order = order;
    }

    internal void Set(int level, int order) { Level = level; Order = order; }
}

public sealed class CourseModule : IContentRecord
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid CourseId { get; private set; }
    public string Title { get; private set; } = "";
    public int Order { get; private set; }

    private CourseModule() { }

    internal CourseModule(Guid courseId, string title, int order) { CourseId = courseId; Title = title; Order = order; }

    internal void Set(string title, int order) { Title = title; Order = order; }
}

/// <summary>A lesson; its <see cref="Key"/> (file name without .md) never changes, so progress recorded against it survives new versions.</summary>
public sealed class Lesson : IContentRecord
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid CourseId { get; private set; }
    public Guid ModuleId { get; private set; }
    public string Key { get; private set; } = "";
    public string Title { get; private set; } = "";
    public int Minutes { get; private set; }
    public string Markdown { get; private set; } = "";
    /// <summary>Position in the course, across modules.</summary>
    public int Order { get; private set; }

    private Lesson() { }

    internal Lesson(Guid courseId, string key) { CourseId = courseId; Key = key; }

    internal void Set(Guid moduleId, string title, int minutes, string markdown, int order)
    {
        ModuleId = moduleId; Title = title; Minutes = minutes; Markdown = markdown; Order = order;
    }
}

public sealed class Assessment : IContentRecord
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid CourseId { get; private set; }
    /// <summary>Percent of questions right needed to pass.</summary>
    public int PassMark { get; private set; }
    public int? MaxAttempts { get; private set; }
    public int? TimeLimitMinutes { get; private set; }
    public List<Question> Questions { get; private set; } = [];

    private Assessment() { }

    internal Assessment(Guid courseId) => CourseId = courseId;

    internal void Apply(AssessmentDefinition definition)
    {
        PassMark = definition.PassMark;
        MaxAttempts = definition.MaxAttempts;
        TimeLimitMinutes = definition.TimeLimitMinutes;
        Questions.RemoveAll(q => definition.Questions.All(d => d.Id != q.Key));
        for (var order = 0; order < definition.Questions.Count; order++)
        {
            var d = definition.Questions[order];
            var question = Questions.FirstOrDefault(q => q.Key == d.Id);
            if (question is null) Questions.Add(question = new Question(Id, d.Id));
            question.Set(d.Type, d.Text, d.Options, d.Answer, d.TrueFalse, order);
        }
    }

    internal AssessmentDefinition ToDefinition() => new(PassMark, MaxAttempts, TimeLimitMinutes,
        Questions.OrderBy(q => q.Order)
            .Select(q => new QuestionDefinition(q.Key, q.Type, q.Text, q.Options.ToList(), q.Answer.ToList(), q.TrueFalse)).ToList());
}

/// <summary>A question of the bank. The answer stays on the server: only the grader reads it.</summary>
public sealed class Question : IContentRecord
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid AssessmentId { get; private set; }
    /// <summary>The id in assessment.yml ("q01"), stable across versions.</summary>
    public string Key { get; private set; } = "";
    public int Order { get; private set; }
    public QuestionType Type { get; private set; }
    public string Text { get; private set; } = "";
    public List<string> Options { get; private set; } = [];
    /// <summary>Indexes of the right options (single, multiple).</summary>
    public List<int> Answer { get; private set; } = [];
    /// <summary>The answer of a true-false question.</summary>
    public bool? TrueFalse { get; private set; }

    private Question() { }

    internal Question(Guid assessmentId, string key) { AssessmentId = assessmentId; Key = key; }

    internal void Set(QuestionType type, string text, IReadOnlyList<string> options, IReadOnlyList<int> answer, bool? isTrue, int order)
    {
        Type = type; Text = text; Order = order; TrueFalse = isTrue;
        if (!Options.SequenceEqual(options)) Options = [.. options];
        if (!Answer.SequenceEqual(answer)) Answer = [.. answer];
    }
}

/// <summary>A file of the content folder's media/, stored in the blob store under a content-addressed name.</summary>
public sealed class MediaFile : IContentRecord
{
    public Guid Id { get; private set; } = Ids.New();
    /// <summary>Path under media/ as lessons refer to it ("arsitektur-spbe.svg").</summary>
    public string Path { get; private set; } = "";
    public string BlobName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Length { get; private set; }

    private MediaFile() { }

    public MediaFile(string path) => Path = path;

    /// <summary>Returns true when the file changed.</summary>
    public bool Set(string blobName, string contentType, long length)
    {
        var changed = BlobName != blobName || ContentType != contentType || Length != length;
        BlobName = blobName; ContentType = contentType; Length = length;
        return changed;
    }
}
