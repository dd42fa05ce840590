using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Courses.Rendering;
using YamlDotNet.RepresentationModel;

namespace Learning.Courses.Content;

/// <summary>A file of media/, hashed for its content-addressed blob name.</summary>
internal sealed record MediaSource(string Path, string FullPath, string BlobName, string ContentType, long Length);

internal sealed record ContentSet(IReadOnlyList<CompetencyInfo>? Competencies, IReadOnlyList<CourseDefinition> Courses, IReadOnlyList<MediaSource> Media);

/// <summary>Names and shapes of the content format (DESIGN.md, "Content format").</summary>
internal static partial class ContentFormat
{
    public const string CompetenciesFile = "competencies.yml";
    public const string CoursesFolder = "courses";
    public const string MediaFolder = "media";
    public const string CourseFile = "course.yml";
    public const string AssessmentFile = "assessment.yml";
    public const string LessonExtension = ".md";
    public const string DefaultLanguage = "id";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex Slug();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*\\.md$")]
    public static partial Regex LessonFile();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    public static partial Regex QuestionId();

    [GeneratedRegex("^[a-z]{2}$")]
    public static partial Regex Language();

    [GeneratedRegex("^[0-9]{2}-[0-9]{2}$")]
    public static partial Regex MonthDay();

    [GeneratedRegex("[^a-z0-9._-]+")]
    private static partial Regex UnsafeBlobCharacters();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();

    /// <summary>What a lesson may show or link to, by file extension.</summary>
    public static readonly IReadOnlyDictionary<string, string> MediaTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif",
        [".webp"] = "image/webp", [".svg"] = "image/svg+xml", [".pdf"] = "application/pdf",
        [".mp4"] = "video/mp4", [".webm"] = "video/webm", [".mp3"] = "audio/mpeg", [".m4a"] = "audio/mp4",
        [".ogg"] = "audio/ogg", [".vtt"] = "text/vtt",
    };

    /// <summary>
    /// "media/&lt;first 16 hex of SHA-256&gt;-&lt;sanitised path&gt;": the same bytes always get the same name, so
    /// writing a blob twice is harmless and a changed file never overwrites the one an older version shows.
    /// </summary>
    public static string MediaBlobName(string path, byte[] sha256)
    {
        var name = Dashes().Replace(UnsafeBlobCharacters().Replace(path.ToLowerInvariant().Replace('/', '-'), "-"), "-");
        if (name.Length > 80) name = name[^80..];
        name = name.Trim('-', '.');
        if (name.Length == 0) name = "file";
        return $"media/{Convert.ToHexStringLower(sha256)[..16]}-{name}";
    }
}

/// <summary>
/// Reads and validates a whole content folder, collecting every problem with its file and line instead of
/// stopping at the first. A definition is returned only for what is free of problems.
/// </summary>
internal sealed class ContentReader(string root, ProblemList problems)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly HashSet<string> _knownCodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _mediaPaths = new(StringComparer.Ordinal);

    public ContentSet Read(IEnumerable<string> storedCompetencyCodes)
    {
        if (!Directory.Exists(root))
        {
            problems.Add(".", 1, "FolderMissing", root);
            return new ContentSet(null, [], []);
        }
        var competenciesFile = Path.Combine(root, ContentFormat.CompetenciesFile);
        var coursesFolder = Path.Combine(root, ContentFormat.CoursesFolder);
        // A folder of paths alone is content too (the Paths module reads paths/).
        if (!File.Exists(competenciesFile) && !Directory.Exists(coursesFolder) && !Directory.Exists(Path.Combine(root, "paths")))
        {
            problems.Add(".", 1, "NotContentFolder");
            return new ContentSet(null, [], []);
        }

        _knownCodes.UnionWith(storedCompetencyCodes);
        var competencies = File.Exists(competenciesFile) ? ReadCompetencies() : null;
        var media = ReadMedia();
        var courses = new List<CourseDefinition>();
        if (Directory.Exists(coursesFolder))
            foreach (var folder in Directory.EnumerateDirectories(coursesFolder).Order(StringComparer.Ordinal))
                if (ReadCourse(folder) is { } course) courses.Add(course);
        return new ContentSet(competencies, courses, media);
    }

    /// <summary>No content file is read whole beyond this (YAML and Markdown have tighter limits of their own).</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    private string? ReadText(string relative)
    {
        try
        {
            if (new FileInfo(Path.Combine(root, relative)).Length > MaxFileBytes)
            {
                problems.Add(relative, 1, "FileTooLarge", MaxFileBytes / 1024 / 1024);
                return null;
            }
            var text = File.ReadAllText(Path.Combine(root, relative), StrictUtf8);
            return text.TrimStart('\uFEFF').Replace("\r\n", "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            problems.Add(relative, 1, "Unreadable", e is DecoderFallbackException ? "UTF-8" : e.Message);
            return null;
        }
    }

    /// <summary>
    /// Every symbolic link under the root (file or folder) that points outside it, nowhere, or to a folder that holds it (a
    /// loop), as a problem: an import reads only what is inside the folder it was given. Links are never walked into here.
    /// </summary>
    public static bool RefuseLinksOutside(string root, ProblemList problems)
    {
        var before = problems.Count;
        var top = new DirectoryInfo(root);
        var realRoot = Path.TrimEndingDirectorySeparator((top.LinkTarget is null ? top : top.ResolveLinkTarget(true) ?? top).FullName);
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(realRoot)]);
        while (pending.Count > 0)
            foreach (var entry in pending.Pop().EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is null)
                {
                    if (entry is DirectoryInfo folder) pending.Push(folder);
                    continue;
                }
                var relative = Path.GetRelativePath(realRoot, entry.FullName).Replace(Path.DirectorySeparatorChar, '/');
                var target = entry.ResolveLinkTarget(returnFinalTarget: true);
                var targetPath = target is { Exists: true } ? Path.TrimEndingDirectorySeparator(target.FullName) : null;
                if (targetPath is null || !Inside(targetPath, realRoot))
                    problems.Add(relative, 1, "LinkOutside", entry.LinkTarget);
                else if (target is DirectoryInfo && Inside(entry.FullName, targetPath))
                    problems.Add(relative, 1, "LinkLoop", entry.LinkTarget);
            }
        return problems.Count > before;
    }

    private static bool Inside(string path, string folder) =>
        path == folder || path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // ------------------------------------------------------------------ competencies.yml

    private List<CompetencyInfo> ReadCompetencies()
    {
        var result = new List<CompetencyInfo>();
        var file = ContentFormat.CompetenciesFile;
        if (ReadText(file) is not { } text) return result;
        var doc = new YamlDoc(file, 0, problems);
        if (doc.Load(text) is not { } rootNode || doc.List(rootNode, file) is not { } list) return result;

        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in list.Children)
        {
            if (doc.Map(item, "code", "type", "name", "levels") is not { } map) continue;
            var before = problems.Count;
            var code = map.Text("code", true, out var codeNode);
            if (code is not null)
            {
                if (!ContentFormat.Slug().IsMatch(code)) doc.Problem(codeNode!, "BadCode", code);
                else if (firstLine.TryGetValue(code, out var line)) doc.Problem(codeNode!, "DuplicateCompetency", code, line);
                else firstLine[code] = doc.Line(codeNode!);
                _knownCodes.Add(code);
            }
            var typeText = map.Text("type", true, out var typeNode);
            var type = default(CompetencyType);
            if (typeText is not null && !CompetencyTypes.TryParse(typeText, out type))
                doc.Problem(typeNode!, "CompetencyType", typeText);
            var name = map.Text("name");
            var levels = ReadLevels(doc, map);
            if (problems.Count == before) result.Add(new CompetencyInfo(code!, type, name!, levels!));
        }
        return result;
    }

    private static string[]? ReadLevels(YamlDoc doc, YamlMap competency)
    {
        if (competency.Get("levels", true) is not { } node) return null;
        if (node is not YamlMappingNode mapping)
        {
            doc.Problem(node, "NotMapping");
            return null;
        }
        var texts = new string?[CompetencyInfo.MaxLevel];
        var ok = true;
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } k } || !int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var level)
                || level is < CompetencyInfo.MinLevel or > CompetencyInfo.MaxLevel)
            {
                doc.Problem(key, "CompetencyLevelKey", YamlDoc.Show(key));
                ok = false;
                continue;
            }
            var field = $"levels.{level}";
            if (YamlDoc.IsNull(value)) { doc.Problem(key, "Required", field); ok = false; continue; }
            texts[level - 1] = doc.Text(value, field);
            ok &= texts[level - 1] is not null;
        }
        for (var level = CompetencyInfo.MinLevel; level <= CompetencyInfo.MaxLevel; level++)
            if (texts[level - 1] is null && mapping.Children.All(c => (c.Key as YamlScalarNode)?.Value != level.ToString(CultureInfo.InvariantCulture)))
            {
                doc.Problems.Add(doc.File, competency.LineOf("levels"), "CompetencyLevelMissing", level);
                ok = false;
            }
        return ok ? texts.Select(t => t!).ToArray() : null;
    }

    // ------------------------------------------------------------------ media/

    private List<MediaSource> ReadMedia()
    {
        var result = new List<MediaSource>();
        var folder = Path.Combine(root, ContentFormat.MediaFolder);
        if (!Directory.Exists(folder)) return result;
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Path: Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/')))
            .Where(f => !f.Path.Split('/').Any(segment => segment.StartsWith('.'))) // .gitkeep, .DS_Store
            .OrderBy(f => f.Path, StringComparer.Ordinal);
        foreach (var (full, path) in files)
        {
            var relative = $"{ContentFormat.MediaFolder}/{path}";
            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (!ContentFormat.MediaTypes.TryGetValue(extension, out var contentType))
            {
                problems.Add(relative, 1, "MediaType", extension.Length > 0 ? extension : path);
                continue;
            }
            try
            {
                using var stream = File.OpenRead(full);
                var hash = SHA256.HashData(stream);
                result.Add(new MediaSource(path, full, ContentFormat.MediaBlobName(path, hash), contentType, stream.Length));
                _mediaPaths.Add(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(relative, 1, "Unreadable", e.Message);
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ courses/<slug>/

    private CourseDefinition? ReadCourse(string folder)
    {
        var slug = Path.GetFileName(folder);
        var dir = $"{ContentFormat.CoursesFolder}/{slug}";
        var courseFile = $"{dir}/{ContentFormat.CourseFile}";
        if (!ContentFormat.Slug().IsMatch(slug))
        {
            problems.Add(courseFile, 1, "BadSlug", slug);
            return null;
        }
        var before = problems.Count;

        // Every lesson file is checked, listed or not, so one run reports all of them.
        var lessons = Directory.EnumerateFiles(folder, "*" + ContentFormat.LessonExtension)
            .Select(Path.GetFileName).OfType<string>()
            .Where(name => name.EndsWith(ContentFormat.LessonExtension, StringComparison.Ordinal)) // "*.md" alone may match ".mdx"
            .Order(StringComparer.Ordinal)
            .ToDictionary(name => name, name => ReadLesson($"{dir}/{name}"), StringComparer.Ordinal);

        var assessment = File.Exists(Path.Combine(folder, ContentFormat.AssessmentFile))
            ? ReadAssessment($"{dir}/{ContentFormat.AssessmentFile}")
            : null;

        if (!File.Exists(Path.Combine(folder, ContentFormat.CourseFile)))
        {
            problems.Add(courseFile, 1, "CourseFileMissing");
            return null;
        }
        if (ReadText(courseFile) is not { } text) return null;
        var doc = new YamlDoc(courseFile, 0, problems);
        if (doc.Load(text) is not { } rootNode
            || doc.Map(rootNode, "title", "summary", "language", "status", "jp", "minutes", "competencies", "certificate", "modules", "test_out") is not { } map)
            return null;

        var title = map.Text("title");
        var summary = map.Text("summary", false) ?? "";
        var language = map.Text("language", false, out var languageNode) ?? ContentFormat.DefaultLanguage;
        if (languageNode is not null && !ContentFormat.Language().IsMatch(language)) doc.Problem(languageNode, "Language", language);
        var statusText = map.Text("status", false, out var statusNode) ?? CourseStatus.Published.Name();
        var status = (CourseStatus)Math.Max(0, CourseWords.Statuses.IndexOf(statusText));
        if (statusNode is not null && !CourseWords.Statuses.Contains(statusText)) doc.Problem(statusNode, "Status", statusText);
        var jp = map.PositiveNumber("jp", true);
        var minutes = map.Int("minutes", true, 1, 100_000);
        var competencies = ReadAwards(doc, map);
        var certificate = ReadCertificate(doc, map);
        var modules = ReadModules(doc, map, lessons);
        var testOut = ReadTestOut(doc, map, assessment is not null || File.Exists(Path.Combine(folder, ContentFormat.AssessmentFile)));

        if (problems.Count > before) return null;
        return new CourseDefinition(slug, title!, summary, language, jp!.Value, minutes!.Value, status,
            competencies, certificate, modules, assessment) { TestOut = testOut };
    }

    /// <summary>"test_out": true or false (default); only a course with an assessment can be tested out of.</summary>
    private static bool ReadTestOut(YamlDoc doc, YamlMap course, bool hasAssessment)
    {
        if (course.Get("test_out", false) is not { } node) return false;
        if (node is not YamlScalarNode { Value: "true" or "false" } scalar || !YamlDoc.IsPlain(scalar))
        {
            doc.Problem(node, "NotBoolean", "test_out", YamlDoc.Show(node));
            return false;
        }
        if (scalar.Value == "true" && !hasAssessment) doc.Problem(node, "TestOutNeedsAssessment");
        return scalar.Value == "true";
    }

    private List<CompetencyAward> ReadAwards(YamlDoc doc, YamlMap course)
    {
        var awards = new List<CompetencyAward>();
        if (course.List("competencies", false) is not { } list) return awards;
        foreach (var item in list.Children)
        {
            if (doc.Map(item, "code", "level") is not { } map) continue;
            var code = map.Text("code", true, out var codeNode);
            if (code is not null)
            {
                if (!_knownCodes.Contains(code)) doc.Problem(codeNode!, "UnknownCompetency", code);
                else if (awards.Any(a => a.Code == code)) doc.Problem(codeNode!, "DuplicateAward", code);
            }
            int? level = null;
            if (map.Get("level", true) is { } levelNode && doc.Int(levelNode, "level") is { } value)
            {
                if (value is >= CompetencyInfo.MinLevel and <= CompetencyInfo.MaxLevel) level = value;
                else doc.Problem(levelNode, "LevelOutOfRange", value);
            }
            if (code is not null && level is not null) awards.Add(new CompetencyAward(code, level.Value));
        }
        return awards;
    }

    private static CertificateRule ReadCertificate(YamlDoc doc, YamlMap course)
    {
        if (course.Map("certificate", false, "validity_months", "recertification") is not { } certificate)
            return new CertificateRule(null, null);
        var validity = certificate.Int("validity_months", false, 1, 1200);
        if (certificate.Map("recertification", false, "window_days", "renew_from", "fixed_date") is not { } map)
            return new CertificateRule(validity, null);

        var window = map.Int("window_days", true, 1, 3650);
        var renewText = map.Text("renew_from", true, out var renewNode);
        var renewFrom = (RenewFrom)Math.Max(0, CourseWords.RenewFromNames.IndexOf(renewText ?? ""));
        if (renewText is not null && !CourseWords.RenewFromNames.Contains(renewText)) doc.Problem(renewNode!, "RenewFrom", renewText);

        var fixedDate = map.Text("fixed_date", false, out var fixedNode);
        if (renewFrom == RenewFrom.FixedDate && renewText is not null)
        {
            if (fixedNode is null) doc.Problems.Add(doc.File, map.Line, "FixedDateRequired");
            else if (fixedDate is not null && !IsMonthDay(fixedDate)) doc.Problem(fixedNode, "FixedDate", fixedDate);
        }
        else if (fixedNode is not null) doc.Problem(fixedNode, "FixedDateNotAllowed");

        if (certificate.Get("validity_months", false) is null) doc.Problems.Add(doc.File, map.Line, "RecertificationNeedsValidity");
        return new CertificateRule(validity, new RecertificationRule(window ?? 0, renewFrom,
            renewFrom == RenewFrom.FixedDate ? fixedDate : null));
    }

    /// <summary>"MM-DD" of a day every year has (so not 02-29).</summary>
    internal static bool IsMonthDay(string value) =>
        ContentFormat.MonthDay().IsMatch(value)
        && DateOnly.TryParseExact($"2001-{value}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private List<ModuleDefinition> ReadModules(YamlDoc doc, YamlMap course, Dictionary<string, LessonDefinition?> files)
    {
        var modules = new List<ModuleDefinition>();
        if (course.List("modules", true) is not { } list) return modules;
        var listedAt = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in list.Children)
        {
            if (doc.Map(item, "title", "lessons") is not { } map) continue;
            var title = map.Text("title");
            var lessons = new List<LessonDefinition>();
            if (map.List("lessons", true) is { } names)
                foreach (var nameNode in names.Children)
                {
                    if (doc.Text(nameNode, "lessons") is not { } name) continue;
                    if (!ContentFormat.LessonFile().IsMatch(name)) doc.Problem(nameNode, "BadLessonName", name);
                    else if (listedAt.TryGetValue(name, out var first)) doc.Problem(nameNode, "LessonListedTwice", name, first);
                    else if (!files.TryGetValue(name, out var lesson)) doc.Problem(nameNode, "LessonFileMissing", name);
                    else if (lesson is not null) lessons.Add(lesson);
                    listedAt.TryAdd(name, doc.Line(nameNode));
                }
            if (title is not null) modules.Add(new ModuleDefinition(title, lessons));
        }
        var courseDir = doc.File[..doc.File.LastIndexOf('/')];
        foreach (var name in files.Keys.Where(n => !listedAt.ContainsKey(n)))
            problems.Add($"{courseDir}/{name}", 1, "LessonNotListed", ContentFormat.CourseFile);
        return modules;
    }

    // ------------------------------------------------------------------ NN-name.md

    private LessonDefinition? ReadLesson(string file)
    {
        if (ReadText(file) is not { } text) return null;
        var lines = text.Split('\n');
        if (lines[0].TrimEnd() != "---")
        {
            problems.Add(file, 1, "FrontMatterMissing");
            return null;
        }
        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() is "---" or "...");
        if (close < 0)
        {
            problems.Add(file, 1, "FrontMatterUnclosed");
            return null;
        }
        var before = problems.Count;
        var frontMatter = string.Join('\n', lines[1..close]);
        string? title = null;
        int? minutes = null;
        if (string.IsNullOrWhiteSpace(frontMatter))
            problems.Add(file, 1, "Required", "title");
        else
        {
            var doc = new YamlDoc(file, 1, problems);
            if (doc.Load(frontMatter) is { } node && doc.Map(node, "title", "minutes") is { } map)
            {
                title = map.Text("title");
                minutes = map.Int("minutes", true, 1, 10_000);
            }
        }

        // The body is kept byte for byte (after line-ending normalisation) so export gives it back unchanged.
        var body = string.Join('\n', lines[(close + 1)..]);
        if (LessonHtml.Check(body) is { } refusal)
        {
            problems.Add(file, refusal.Line + close + 1, refusal.Key, refusal.Args);
            return null;
        }
        CheckLinks(file, body, bodyFirstLine: close + 2);
        return problems.Count > before ? null : new LessonDefinition(Path.GetFileNameWithoutExtension(file), title!, minutes!.Value, body);
    }

    /// <summary>Images must come from media/, and a relative link into media/ must name a file that is there.</summary>
    private void CheckLinks(string file, string markdown, int bodyFirstLine)
    {
        foreach (var link in LessonHtml.Links(markdown))
        {
            if (LessonUrls.Classify(link.Url) != UrlKind.Relative) continue;
            var (path, _) = LessonUrls.SplitSuffix(link.Url);
            if (path.Length == 0) continue;
            var line = link.Line + bodyFirstLine;
            var resolved = LessonUrls.Resolve(path);
            if (resolved is null) problems.Add(file, line, "MediaOutside", link.Url);
            else if (LessonUrls.MediaPath(resolved) is { } media)
            {
                if (!_mediaPaths.Contains(media)) problems.Add(file, line, "MediaMissing", link.Url);
            }
            else if (link.IsImage) problems.Add(file, line, "MediaOutside", link.Url);
        }
    }

    // ------------------------------------------------------------------ assessment.yml

    private AssessmentDefinition? ReadAssessment(string file)
    {
        if (ReadText(file) is not { } text) return null;
        var before = problems.Count;
        var doc = new YamlDoc(file, 0, problems);
        if (doc.Load(text) is not { } rootNode
            || doc.Map(rootNode, "pass_mark", "max_attempts", "time_limit_minutes", "questions") is not { } map)
            return null;
        var passMark = map.Int("pass_mark", true, 1, 100);
        var maxAttempts = map.Int("max_attempts", false, 1, int.MaxValue);
        var timeLimit = map.Int("time_limit_minutes", false, 1, int.MaxValue);
        var questions = new List<QuestionDefinition>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        if (map.List("questions", true) is { } list)
            foreach (var item in list.Children)
                if (ReadQuestion(doc, item, firstLine) is { } question) questions.Add(question);
        return problems.Count > before ? null : new AssessmentDefinition(passMark!.Value, maxAttempts, timeLimit, questions);
    }

    private QuestionDefinition? ReadQuestion(YamlDoc doc, YamlNode item, Dictionary<string, int> firstLine)
    {
        var before = problems.Count;
        if (doc.Map(item, "id", "type", "text", "options", "answer") is not { } map) return null;
        var id = map.Text("id", true, out var idNode);
        if (id is not null)
        {
            if (!ContentFormat.QuestionId().IsMatch(id)) doc.Problem(idNode!, "BadQuestionId", id);
            else if (firstLine.TryGetValue(id, out var line)) doc.Problem(idNode!, "DuplicateQuestion", id, line);
            else firstLine[id] = doc.Line(idNode!);
        }
        var typeText = map.Text("type", true, out var typeNode);
        var typeIndex = typeText is null ? -1 : QuestionTypes.Names.IndexOf(typeText);
        if (typeText is not null && typeIndex < 0) doc.Problem(typeNode!, "QuestionType", typeText);
        var type = (QuestionType)Math.Max(0, typeIndex);
        var text = map.Text("text");

        var options = new List<string>();
        var answer = new List<int>();
        bool? trueFalse = null;
        if (typeIndex < 0) { /* options and answer cannot be judged without a type */ }
        else if (type == QuestionType.TrueFalse)
        {
            if (map.Get("options", false) is { } optionsNode) doc.Problem(optionsNode, "TrueFalseOptions");
            if (map.Get("answer", true) is { } answerNode)
            {
                if (answerNode is YamlScalarNode s && YamlDoc.IsPlain(s) && bool.TryParse(s.Value, out var value)) trueFalse = value;
                else doc.Problem(answerNode, "TrueFalseAnswer", YamlDoc.Show(answerNode));
            }
        }
        else
        {
            var optionsKnown = ReadOptions(doc, map, type, options);
            if (map.Get("answer", true) is { } answerNode)
                ReadChoiceAnswer(doc, answerNode, type, optionsKnown ? options.Count : null, answer);
        }
        return problems.Count > before ? null : new QuestionDefinition(id!, type, text!, options, answer, trueFalse);
    }

    /// <summary>Returns true when the options could be read (so answers can be checked against them).</summary>
    private static bool ReadOptions(YamlDoc doc, YamlMap question, QuestionType type, List<string> options)
    {
        if (question.List("options", true) is not { } list) return false;
        var ok = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var node = list.Children[i];
            var text = YamlDoc.IsNull(node) ? null : doc.Text(node, $"options[{i}]");
            if (text is null || text.Trim().Length == 0)
            {
                if (YamlDoc.IsNull(node) || text is not null) doc.Problem(node, "EmptyOption", i);
                ok = false;
            }
            else options.Add(text);
        }
        if (list.Children.Count < 2) doc.Problem(list, "TooFewOptions", type.Name());
        return ok;
    }

    private static void ReadChoiceAnswer(YamlDoc doc, YamlNode node, QuestionType type, int? optionCount, List<int> answer)
    {
        IReadOnlyList<YamlNode> items;
        if (type == QuestionType.Single)
        {
            if (node is not YamlScalarNode)
            {
                doc.Problem(node, "SingleAnswer", YamlDoc.Show(node));
                return;
            }
            items = [node];
        }
        else
        {
            if (node is not YamlSequenceNode sequence)
            {
                doc.Problem(node, "MultipleAnswerList", YamlDoc.Show(node));
                return;
            }
            if (sequence.Children.Count == 0)
            {
                doc.Problem(node, "MultipleAnswerEmpty");
                return;
            }
            items = sequence.Children.ToList();
        }
        foreach (var item in items)
        {
            if (doc.Int(item, "answer") is not { } index) continue;
            if (optionCount is { } count && (index < 0 || index >= count)) doc.Problem(item, "AnswerOutOfRange", index, count - 1);
            else if (answer.Contains(index)) doc.Problem(item, "DuplicateAnswer", index);
            else answer.Add(index);
        }
    }
}
