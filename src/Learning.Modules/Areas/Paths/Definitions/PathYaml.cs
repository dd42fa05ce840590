using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Learning.Courses.Contracts;
using Learning.Kernel.Text;
using Learning.Paths.Steps;
using Microsoft.Extensions.Localization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Learning.Paths.Definitions;

/// <summary>A problem before it is put in words: the text is "Paths.Import.{Key}" in Strings.*.json.</summary>
public sealed record PathProblem(string File, int Line, string Key, object[] Args)
{
    public SourceProblem Localize(IStringLocalizer text) => new(File, Line, text[$"Paths.Import.{Key}", Args]);
}

/// <summary>
/// Reads and validates one path definition (content/paths/&lt;key&gt;.yml, or the text a coordinator edits), collecting every
/// problem with its line: unknown step kinds and courses, missing approvers and fields, duplicate ids, bad durations, steps
/// that can never be reached. A definition comes back only when there is no problem.
/// </summary>
public sealed partial class PathYaml
{
    private static readonly string[] TopFields = ["key", "title", "version", "steps"];
    private static readonly string[] CommonFields = ["id", "kind", "title", "next"];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex Key();

    [GeneratedRegex(@"^(\d{1,4})\s*(d|h|m|hari|jam|menit|days?|hours?|minutes?)$")]
    private static partial Regex ShortDuration();

    private readonly string _file;
    /// <summary>Null trusts every course (a stored definition, checked when it was written).</summary>
    private readonly ContentCourses? _courses;
    private readonly bool _builtin;
    private readonly PathSteps _steps;
    private readonly List<PathProblem> _problems = [];

    private PathYaml(string file, ContentCourses? courses, bool builtin, PathSteps steps)
    {
        _file = file;
        _courses = courses;
        _builtin = builtin;
        _steps = steps;
    }

    public IReadOnlyList<PathProblem> Problems => _problems;

    /// <summary>
    /// <paramref name="expectedKey"/> is the file name without ".yml" (null for the browser editor and built-in paths, which
    /// are checked elsewhere). <paramref name="steps"/> are the kinds a step may be; each reads its own fields.
    /// </summary>
    public static (PathDefinition? Definition, IReadOnlyList<PathProblem> Problems) Read(
        PathSteps steps, string file, string text, ContentCourses? courses, string? expectedKey, bool builtin = false)
    {
        var reader = new PathYaml(file, courses, builtin, steps);
        var definition = reader.ReadText(text, expectedKey);
        return (reader._problems.Count == 0 ? definition : null, reader._problems);
    }

    private void Problem(int line, string key, params object[] args) => _problems.Add(new(_file, line, key, args));

    private void Problem(YamlNode node, string key, params object[] args) => Problem(Line(node), key, args);

    private static int Line(YamlNode node) => (int)Math.Max(1, node.Start.Line);

    private PathDefinition? ReadText(string text, string? expectedKey)
    {
        var root = SafeYaml.Load(text, out var refusal);
        if (refusal is not null)
        {
            Problem(refusal.Line, refusal.Key, refusal.Args);
            return null;
        }
        if (root is null || IsNull(root))
        {
            Problem(1, "EmptyFile");
            return null;
        }
        if (Map(root, TopFields) is not { } top) return null;

        var key = Text(top, "key", required: true);
        if (key is not null && !Key().IsMatch(key) && !(_builtin && (key.StartsWith(StoredPath.DefaultPrefix, StringComparison.Ordinal) || key.StartsWith(StoredPath.ClassPrefix, StringComparison.Ordinal))))
            Problem(top.LineOf("key"), "BadKey", key);
        else if (key is not null && expectedKey is not null && key != expectedKey) Problem(top.LineOf("key"), "KeyNotFileName", key, expectedKey);
        var title = Text(top, "title", required: true);
        var version = Int(top, "version", required: true, 1, 100_000);
        var steps = ReadSteps(top);
        if (_problems.Count > 0 || key is null || title is null || version is null) return null;
        return new PathDefinition(key, title, version.Value, steps);
    }

    private List<PathStep> ReadSteps(Fields top)
    {
        var steps = new List<PathStep>();
        if (top.Get("steps", required: true) is not { } node) return steps;
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            Problem(node, "StepsNotList");
            return steps;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.Children)
            if (ReadStep(item, ids) is { } step) steps.Add(step);
        if (steps.Count != list.Children.Count) return steps;
        CheckLinks(steps);
        CheckOrder(steps);
        return steps;
    }

    private PathStep? ReadStep(YamlNode node, HashSet<string> ids)
    {
        if (node is not YamlMappingNode mapping)
        {
            Problem(node, "StepNotMapping");
            return null;
        }
        // The kind decides which fields are known, so read it before the rest.
        var kindNode = mapping.Children.FirstOrDefault(p => p.Key is YamlScalarNode { Value: "kind" }).Value;
        var kind = kindNode is YamlScalarNode { Value: { Length: > 0 } k } ? k : null;
        if (kind is null)
        {
            Problem(kindNode ?? mapping, "Required", "kind");
            return null;
        }
        // A kind nobody registered is refused here, so the engine only ever meets kinds it can run.
        if (_steps.Of(kind) is not { } own)
        {
            Problem(kindNode!, "UnknownKind", kind, string.Join(", ", _steps.Kinds));
            return null;
        }
        var map = Map(mapping, [.. CommonFields, .. own.Fields])!;
        var before = _problems.Count;
        var id = Text(map, "id", required: true);
        if (id is not null && !Key().IsMatch(id)) Problem(map.LineOf("id"), "BadStepId", id);
        else if (id is not null && !ids.Add(id)) Problem(map.LineOf("id"), "DuplicateStep", id);

        var step = new PathStep(id ?? "", kind, map.Line)
        {
            Next = Text(map, "next", required: false),
            Title = Text(map, "title", required: false),
        };
        step = own.Read(map, step);
        return _problems.Count > before ? null : step;
    }

    private List<string> ReadCourses(Fields map)
    {
        var courses = new List<string>();
        var one = map.Get("course", false);
        var many = map.Get("courses", false);
        if (one is null && many is null)
        {
            Problem(map.Line, "MissingCourse");
            return courses;
        }
        if (one is not null && many is not null) Problem(map.LineOf("courses"), "CourseAndCourses");
        if (one is not null && Course(one) is { } slug) courses.Add(slug);
        if (many is YamlSequenceNode list && list.Children.Count > 0)
        {
            foreach (var item in list.Children)
                if (Course(item) is { } s)
                {
                    if (courses.Contains(s)) Problem(item, "CourseTwice", s);
                    else courses.Add(s);
                }
        }
        else if (many is not null) Problem(many, "NotList", "courses");
        return courses;
    }

    private string? Course(YamlNode node)
    {
        if (node is not YamlScalarNode { Value: { Length: > 0 } slug })
        {
            Problem(node, "NotText", "course");
            return null;
        }
        if (_courses is null || _courses.Exists(slug)) return slug;
        Problem(node, "UnknownCourse", slug);
        return null;
    }

    /// <summary>The step's one course; optional ones fall back to the path's first course (checked once all steps are read).</summary>
    private List<string> OneCourse(Fields map, bool required)
    {
        if (map.Get("course", required) is not { } node) return [];
        return Course(node) is { } slug ? [slug] : [];
    }

    private List<CompetencyAward>? ReadAwards(Fields map, string field)
    {
        if (map.Get(field, false) is not { } node) return null;
        if (node is not YamlSequenceNode list)
        {
            Problem(node, "NotList", field);
            return null;
        }
        var awards = new List<CompetencyAward>();
        foreach (var item in list.Children)
        {
            if (Map(item, ["code", "level"]) is not { } award) continue;
            var code = Text(award, "code", required: true);
            var level = Int(award, "level", true, 1, 5);
            if (code is not null && level is not null) awards.Add(new CompetencyAward(code, level.Value));
        }
        return awards;
    }

    /// <summary><c>next</c> and <c>on-reject</c> name steps that exist, and every step can be reached from the first.</summary>
    private void CheckLinks(List<PathStep> steps)
    {
        var byId = steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (step.Next is { } next && !byId.ContainsKey(next)) Problem(step.Line, "UnknownNext", step.Id, "next", next);
            if (step.OnReject is { } target && !byId.ContainsKey(target)) Problem(step.Line, "UnknownNext", step.Id, "on-reject", target);
        }
        if (_problems.Count > 0) return;
        var definition = new PathDefinition("", "", 1, steps);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<PathStep>([steps[0]]);
        while (queue.TryDequeue(out var step))
        {
            if (!reached.Add(step.Id)) continue;
            foreach (var target in new[] { definition.NextOf(step), step.OnReject }.OfType<string>()) queue.Enqueue(byId[target]);
        }
        foreach (var step in steps.Where(s => !reached.Contains(s.Id)))
            Problem(step.Line, "Unreachable", step.Id);
    }

    /// <summary>A certificate is for a course the path completes, and a reassessment follows a certificate.</summary>
    private void CheckOrder(List<PathStep> steps)
    {
        // Attending a class of a course completes that course as lessons do (the class's path, PathLibrary.ClassYaml).
        var completes = steps.Where(s => s.Kind is StepKinds.CompleteCourse or StepKinds.AttendClass).SelectMany(s => s.Courses).ToHashSet(StringComparer.Ordinal);
        // A stand-alone class has no course: its path is attending it (and the approval before).
        if (completes.Count == 0 && _builtin && steps.Any(s => s.Kind == StepKinds.AttendClass) && !steps.Any(s => s.Courses.Count > 0)) return;
        if (completes.Count == 0)
        {
            Problem(steps[0].Line, "NoCourse");
            return;
        }
        var first = steps.SelectMany(s => s.Courses).First();
        var certified = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in steps.Where(s => s.Kind == StepKinds.IssueCertificate))
        {
            var course = step.Course ?? first;
            if (!completes.Contains(course)) Problem(step.Line, "CertificateWithoutCourse", step.Id, course);
            certified.Add(course);
        }
        foreach (var step in steps.Where(s => s.Kind == StepKinds.Reassess))
            if (!certified.Contains(step.Course ?? first)) Problem(step.Line, "ReassessWithoutCertificate", step.Id, step.Course ?? first);
    }

    // ------------------------------------------------------------------ small readers

    private Fields? Map(YamlNode node, string[] known)
    {
        if (node is YamlMappingNode mapping) return new Fields(this, mapping, known);
        Problem(node, "NotMapping");
        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private string? Text(Fields map, string field, bool required)
    {
        if (map.Get(field, required) is not { } node) return null;
        if (node is YamlScalarNode { Value: { } value }) return value;
        Problem(node, "NotText", field);
        return null;
    }

    private int? Int(Fields map, string field, bool required, int min, int max)
    {
        if (map.Get(field, required) is not { } node) return null;
        if (node is YamlScalarNode { Value: { } raw } scalar && scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
            && int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max) return value;
            Problem(node, "OutOfRange", field, min, max, value);
            return null;
        }
        Problem(node, "NotWholeNumber", field, Show(node));
        return null;
    }

    private decimal? PositiveNumber(Fields map, string field)
    {
        if (map.Get(field, false) is not { } node) return null;
        if (node is YamlScalarNode { Value: { } raw }
            && decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 10_000)
            return value;
        Problem(node, "NotPositive", field, Show(node));
        return null;
    }

    /// <summary>ISO 8601 (P3D, PT12H) or short ("3d", "12h", "30m", "3 hari").</summary>
    private TimeSpan? Duration(Fields map, string field)
    {
        if (map.Get(field, false) is not { } node) return null;
        var raw = (node as YamlScalarNode)?.Value?.Trim() ?? "";
        if (ParseDuration(raw) is { } value) return value;
        Problem(node, "BadDuration", field, Show(node));
        return null;
    }

    public static TimeSpan? ParseDuration(string raw)
    {
        TimeSpan? value = null;
        if (raw.StartsWith('P'))
        {
            try { value = XmlConvert.ToTimeSpan(raw); }
            catch (FormatException) { }
            catch (OverflowException) { }
        }
        else if (ShortDuration().Match(raw.ToLowerInvariant()) is { Success: true } m)
        {
            var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            value = m.Groups[2].Value[0] switch { 'd' => TimeSpan.FromDays(n), 'h' => TimeSpan.FromHours(n), 'j' => TimeSpan.FromHours(n), _ => TimeSpan.FromMinutes(n) };
        }
        return value is { } v && v > TimeSpan.Zero && v <= TimeSpan.FromDays(3650) ? v : null;
    }

    /// <summary>How a duration is written back: ISO 8601.</summary>
    public static string FormatDuration(TimeSpan value) => XmlConvert.ToString(value);

    private static string Show(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode => "[…]",
        _ => "{…}",
    };

    /// <summary>
    /// A mapping read field by field; unknown fields are reported (usually typos). A step kind reads its fields through it, each
    /// problem with its line.
    /// </summary>
    public sealed class Fields
    {
        private readonly PathYaml _reader;
        private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);

        internal Fields(PathYaml reader, YamlMappingNode node, string[] known)
        {
            _reader = reader;
            Line = PathYaml.Line(node);
            foreach (var (key, value) in node.Children)
            {
                if (key is not YamlScalarNode { Value: { } name } scalar || !known.Contains(name, StringComparer.Ordinal))
                {
                    reader.Problem(key, "UnknownField", Show(key), string.Join(", ", known));
                    continue;
                }
                _fields[name] = (scalar, value);
            }
        }

        public int Line { get; }

        public int LineOf(string field) => _fields.TryGetValue(field, out var entry) ? PathYaml.Line(entry.Key) : Line;

        public YamlNode? Get(string field, bool required)
        {
            var present = _fields.TryGetValue(field, out var entry);
            if (present && !IsNull(entry.Value)) return entry.Value;
            if (required) _reader.Problem(present ? PathYaml.Line(entry.Key) : Line, "Required", field);
            return null;
        }

        /// <summary>A problem "Paths.Import.{key}" on a line.</summary>
        public void Problem(int line, string key, params object[] args) => _reader.Problem(line, key, args);

        public void Problem(YamlNode node, string key, params object[] args) => _reader.Problem(node, key, args);

        public string? Text(string field, bool required) => _reader.Text(this, field, required);

        public int? Int(string field, bool required, int min, int max) => _reader.Int(this, field, required, min, max);

        /// <summary>A number above 0 and below 10 000 (decimals allowed).</summary>
        public decimal? PositiveNumber(string field) => _reader.PositiveNumber(this, field);

        /// <summary>ISO 8601 (P3D, PT12H) or short ("3d", "12h", "30m", "3 hari").</summary>
        public TimeSpan? Duration(string field) => _reader.Duration(this, field);

        /// <summary><c>course</c> or <c>courses</c>: one or more known courses, at least one.</summary>
        public List<string> Courses() => _reader.ReadCourses(this);

        /// <summary>The step's one <c>course</c>; optional ones fall back to the path's first course.</summary>
        public List<string> OneCourse(bool required) => _reader.OneCourse(this, required);

        /// <summary>A known course without an assessment (false when the courses are trusted, as for a stored definition).</summary>
        public bool LacksAssessment(string slug) => _reader._courses is { } courses && !courses.HasAssessment[slug];

        /// <summary>A list of <c>code</c> and <c>level</c> (1–5) pairs.</summary>
        public List<CompetencyAward>? Awards(string field) => _reader.ReadAwards(this, field);
    }
}
