using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Learning.Audit.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Kernel.Text;
using Learning.Paths.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Paths.Definitions;

public sealed record SaveResult(IReadOnlyList<SourceProblem> Problems, StoredPath? Draft)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// The stored path versions: the published one new enrolments start on, drafts coordinators edit, the built-in default path of
/// each course, and the paths/ part of the content folder. Published versions are never changed; publishing makes a new one.
/// </summary>
public sealed class PathLibrary(
    LearningDbContext db, ICourseCatalog catalog, PathSteps steps, IAuditLog audit, TimeProvider clock, IStringLocalizer text)
{
    private static readonly ConcurrentDictionary<Guid, PathDefinition> Parsed = new();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A published (or superseded) version, parsed once: it never changes.</summary>
    public async Task<PathDefinition> Definition(Guid definitionId, CancellationToken ct)
    {
        if (Parsed.TryGetValue(definitionId, out var known)) return known;
        var stored = await db.Set<StoredPath>().AsNoTracking().FirstAsync(p => p.Id == definitionId, ct);
        var definition = Parse(stored, steps);
        if (!stored.IsDraft) Parsed.TryAdd(definitionId, definition);
        return definition;
    }

    /// <summary>
    /// Several versions at once: those not parsed yet are read in one query, not one each (a learner's paths on the home page,
    /// each on its own course's default path, would otherwise cost a command per path on a fresh node).
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, PathDefinition>> Definitions(IEnumerable<Guid> definitionIds, CancellationToken ct)
    {
        var result = new Dictionary<Guid, PathDefinition>();
        var missing = new List<Guid>();
        foreach (var id in definitionIds.Distinct())
            if (Parsed.TryGetValue(id, out var known)) result[id] = known;
            else missing.Add(id);
        if (missing.Count == 0) return result;
        foreach (var stored in await db.Set<StoredPath>().AsNoTracking().Where(p => missing.Contains(p.Id)).ToListAsync(ct))
        {
            var definition = Parse(stored, steps);
            if (!stored.IsDraft) Parsed.TryAdd(stored.Id, definition);
            result[stored.Id] = definition;
        }
        // As Definition: a version that is not there is an error, not a path left out.
        foreach (var id in missing)
            if (!result.ContainsKey(id)) throw new InvalidOperationException($"Stored path {id} is not there.");
        return result;
    }

    public static PathDefinition Parse(StoredPath stored, PathSteps steps)
    {
        var (definition, problems) = PathYaml.Read(steps, $"{stored.Key} v{stored.Version}", stored.Yaml, null, null, stored.Builtin);
        return definition ?? throw new InvalidOperationException(
            $"Stored path {stored.Key} v{stored.Version} does not parse: {string.Join("; ", problems.Select(p => $"{p.Line}: {p.Key}"))}");
    }

    /// <summary>The version new enrolments on the key start on.</summary>
    public Task<StoredPath?> Published(string key, CancellationToken ct) =>
        db.Set<StoredPath>().AsNoTracking().FirstOrDefaultAsync(p => p.Key == key && p.Status == DefinitionStatuses.Published, ct);

    public Task<StoredPath?> Draft(string key, CancellationToken ct) =>
        db.Set<StoredPath>().FirstOrDefaultAsync(p => p.Key == key && p.Status == DefinitionStatuses.Draft, ct);

    /// <summary>Paths coordinators wrote (not the built-in ones), newest version of each.</summary>
    public async Task<IReadOnlyList<StoredPath>> Written(CancellationToken ct)
    {
        var all = await db.Set<StoredPath>().AsNoTracking().Where(p => !p.Builtin).ToListAsync(ct);
        return all.GroupBy(p => p.Key)
            .Select(g => g.FirstOrDefault(p => p.Status == DefinitionStatuses.Published) ?? g.First())
            .OrderBy(p => p.Title, StringComparer.CurrentCulture).ToList();
    }

    // ------------------------------------------------------------------ the built-in default path of a course

    /// <summary>
    /// complete lessons → pass the assessment (when the course has one) → certificate → reassessment (when it has a validity).
    /// Stored like any path, as "default:&lt;slug&gt;", with a new version when the course's shape changes.
    /// </summary>
    public static string DefaultYaml(CourseOutline course)
    {
        var slug = course.Course.Slug;
        var yaml = new StringBuilder()
            .Append("key: ").AppendLine(Quote(StoredPath.DefaultPrefix + slug))
            .Append("title: ").AppendLine(Quote(course.Course.Title))
            .AppendLine("version: 1")
            .AppendLine("steps:")
            .AppendLine("  - id: ikuti-kursus").AppendLine("    kind: complete-course").Append("    course: ").AppendLine(slug);
        if (course.Assessment is not null)
            yaml.AppendLine("  - id: lulus-asesmen").AppendLine("    kind: pass-assessment").Append("    course: ").AppendLine(slug);
        yaml.AppendLine("  - id: terbitkan-sertifikat").AppendLine("    kind: issue-certificate").Append("    course: ").AppendLine(slug);
        if (course.Certificate.ValidityMonths is > 0)
            yaml.AppendLine("  - id: asesmen-ulang").AppendLine("    kind: reassess").Append("    course: ").AppendLine(slug);
        return yaml.ToString();
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public async Task<StoredPath> DefaultFor(string slug, CancellationToken ct)
    {
        var course = await catalog.Find(slug, ct) ?? throw new InvalidOperationException($"Course '{slug}' is not in the catalogue.");
        var key = StoredPath.DefaultPrefix + slug;
        var yaml = DefaultYaml(course);
        for (var tries = 1; ; tries++)
        {
            var latest = db.Set<StoredPath>().Local.Where(p => p.Key == key).MaxBy(p => p.Version)
                ?? await db.Set<StoredPath>().AsNoTracking().Where(p => p.Key == key).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
            if (latest is not null && StoredPath.Fingerprint(latest.Yaml) == StoredPath.Fingerprint(yaml)) return latest;

            var next = StoredPath.PublishedNow(key, (latest?.Version ?? 0) + 1, course.Course.Title, yaml, slug, builtin: true, Now);
            db.Add(next);
            try
            {
                await db.SaveChangesAsync(ct);
                return next;
            }
            catch (DbUpdateException) when (tries < 3)
            {
                // Two first enrolments on the course at once: the other one stored it; use theirs.
                db.Entry(next).State = EntityState.Detached;
            }
        }
    }

    // ------------------------------------------------------------------ the generated path of a class

    /// <summary>
    /// A class's path, generated like a course's default one: the supervisor's approval (when the class asks for it; after three
    /// days unanswered it goes to the coordinators) → attend-class → the course's post-test (when the class requires it and the
    /// course has an assessment) → the certificate with the class's JP and competencies → the course's reassessment (when the
    /// course's certificate has a validity: the class's certificate is the course's, so it is reassessed as the self-paced one,
    /// on the post-test of the class's enrolment). A stand-alone class has no course: attending it earns its certificate (its
    /// title, days, JP and competencies) and no reassessment follows, since there is no assessment of its own to reopen.
    /// </summary>
    public static string ClassYaml(Classes.Contracts.ClassRules rules, bool courseHasAssessment, int? courseValidityMonths = null)
    {
        var yaml = new StringBuilder()
            .Append("key: ").AppendLine(Quote(StoredPath.ClassPrefix + rules.Id))
            .Append("title: ").AppendLine(Quote(rules.Title))
            .AppendLine("version: 1")
            .AppendLine("steps:");
        if (rules.Approval == Classes.Contracts.ClassApprovals.Supervisor)
            yaml.AppendLine("  - id: persetujuan-atasan").AppendLine("    kind: request-approval").AppendLine("    approver: supervisor")
                .AppendLine("    timeout: 3d").AppendLine("    on-timeout: escalate");
        yaml.AppendLine("  - id: ikuti-kelas").AppendLine("    kind: attend-class").Append("    class: ").AppendLine(rules.Id.ToString());
        var slug = rules.CourseSlug;
        if (slug is not null)
        {
            yaml.Append("    course: ").AppendLine(slug);
            if (rules.PostTest && courseHasAssessment)
                yaml.AppendLine("  - id: lulus-post-test").AppendLine("    kind: pass-assessment").Append("    course: ").AppendLine(slug);
        }
        yaml.AppendLine("  - id: terbitkan-sertifikat").AppendLine("    kind: issue-certificate");
        if (slug is not null) yaml.Append("    course: ").AppendLine(slug);
        yaml.Append("    jp: ").AppendLine(rules.Jp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var awards = (rules.Competencies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => a.Split(':')).Where(a => a.Length == 2 && int.TryParse(a[1], out _)).ToList();
        if (awards.Count > 0)
        {
            yaml.AppendLine("    competencies:");
            foreach (var a in awards) yaml.Append("      - code: ").AppendLine(Quote(a[0])).Append("        level: ").AppendLine(a[1]);
        }
        // The reassessment of the course's own default path (DefaultYaml): same period, same window, from the course's rule.
        if (slug is not null && courseValidityMonths is > 0)
            yaml.AppendLine("  - id: asesmen-ulang").AppendLine("    kind: reassess").Append("    course: ").AppendLine(slug);
        return yaml.ToString();
    }

    /// <summary>The class's path as stored now ("class:&lt;id&gt;"): a new version when the class's rules changed since the last one.</summary>
    public async Task<StoredPath> ClassPathFor(Classes.Contracts.ClassRules rules, CancellationToken ct)
    {
        var course = rules.CourseSlug is { } slug ? await catalog.Find(slug, ct) : null;
        var key = StoredPath.ClassPrefix + rules.Id;
        var yaml = ClassYaml(rules, course?.Assessment is not null, course?.Certificate.ValidityMonths);
        var versions = await db.Set<StoredPath>().Where(p => p.Key == key).ToListAsync(ct);
        var latest = versions.MaxBy(p => p.Version);
        if (latest is not null && StoredPath.Fingerprint(latest.Yaml) == StoredPath.Fingerprint(yaml)) return latest;
        // Registrations of one class take turns (the class's row is locked first), so two never publish the same version.
        foreach (var current in versions.Where(p => p.Status == DefinitionStatuses.Published)) current.Supersede();
        var next = StoredPath.PublishedNow(key, (latest?.Version ?? 0) + 1, rules.Title, yaml, rules.CourseSlug ?? "", builtin: true, Now);
        db.Add(next);
        await db.SaveChangesAsync(ct);
        return next;
    }

    // ------------------------------------------------------------------ import and export (paths/ of the content folder)

    public const string Folder = "paths";

    public async Task<ContentSectionRead> ReadFolder(string root, ContentCourses courses, CancellationToken ct)
    {
        var folder = Path.Combine(root, Folder);
        var problems = new List<SourceProblem>();
        var definitions = new List<(PathDefinition Definition, string Yaml)>();
        if (Directory.Exists(folder))
            foreach (var file in Directory.EnumerateFiles(folder, "*.yml").Order(StringComparer.Ordinal))
            {
                var relative = $"{Folder}/{Path.GetFileName(file)}";
                if (new FileInfo(file).Length > SafeYaml.MaxChars * 4L) // never read whole what cannot be accepted
                {
                    problems.Add(new SourceProblem(relative, 1, text["Paths.Import.YamlTooLarge", SafeYaml.MaxChars]));
                    continue;
                }
                string yaml;
                try { yaml = (await File.ReadAllTextAsync(file, ct)).TrimStart('\uFEFF').Replace("\r\n", "\n"); }
                catch (IOException e)
                {
                    problems.Add(new SourceProblem(relative, 1, text["Paths.Import.Unreadable", e.Message]));
                    continue;
                }
                var (definition, found) = PathYaml.Read(steps, relative, yaml, courses, Path.GetFileNameWithoutExtension(file));
                problems.AddRange(found.Select(p => p.Localize(text)));
                if (definition is not null) definitions.Add((definition, yaml));
            }
        return new ContentSectionRead(problems, ct2 => StageImport(definitions, ct2));
    }

    /// <summary>A changed definition becomes a new published version; an unchanged one stays as it is.</summary>
    private async Task<int> StageImport(IReadOnlyList<(PathDefinition Definition, string Yaml)> definitions, CancellationToken ct)
    {
        var changed = 0;
        foreach (var (definition, yaml) in definitions)
        {
            var versions = await db.Set<StoredPath>().Where(p => p.Key == definition.Key && p.Status != DefinitionStatuses.Draft).ToListAsync(ct);
            var current = versions.FirstOrDefault(p => p.Status == DefinitionStatuses.Published);
            if (current is not null && StoredPath.Fingerprint(current.Yaml) == StoredPath.Fingerprint(yaml)) continue;
            var version = versions.Count == 0 ? definition.Version : Math.Max(definition.Version, versions.Max(p => p.Version) + 1);
            current?.Supersede();
            db.Add(StoredPath.PublishedNow(definition.Key, version, definition.Title, yaml, definition.Courses[0], builtin: false, Now));
            changed++;
        }
        return changed;
    }

    public async Task<int> Export(string root, CancellationToken ct)
    {
        var published = await db.Set<StoredPath>().AsNoTracking()
            .Where(p => !p.Builtin && p.Status == DefinitionStatuses.Published).OrderBy(p => p.Key).ToListAsync(ct);
        if (published.Count == 0) return 0;
        Directory.CreateDirectory(Path.Combine(root, Folder));
        foreach (var path in published)
            await File.WriteAllTextAsync(Path.Combine(root, Folder, path.Key + ".yml"), path.Yaml, new UTF8Encoding(false), ct);
        return published.Count;
    }

    // ------------------------------------------------------------------ the coordinators' editor

    public async Task<ContentCourses> KnownCourses(CancellationToken ct)
    {
        var known = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var course in await catalog.All(ct))
            known[course.Slug] = (await catalog.Find(course.Slug, ct))?.Assessment is not null;
        return new ContentCourses(known);
    }

    /// <summary>
    /// Saves the text as the key's draft (new or edited) after the same checks as an import. <paramref name="key"/> null is a
    /// new path: its key comes from the text and must be free.
    /// </summary>
    public async Task<SaveResult> SaveDraft(string? key, string yaml, Guid? by, CancellationToken ct)
    {
        yaml = yaml.Replace("\r\n", "\n");
        var file = key is null ? $"{Folder}/new.yml" : $"{Folder}/{key}.yml";
        var (definition, found) = PathYaml.Read(steps, file, yaml, await KnownCourses(ct), key);
        if (definition is null) return new SaveResult(found.Select(p => p.Localize(text)).ToList(), null);
        if (key is null && await db.Set<StoredPath>().AnyAsync(p => p.Key == definition.Key, ct))
            return new SaveResult([new SourceProblem(file, 1, text["Paths.Import.KeyTaken", definition.Key])], null);

        var draft = await Draft(definition.Key, ct);
        if (draft is null) db.Add(draft = StoredPath.Draft(definition.Key, definition.Title, yaml, definition.Courses[0], by, Now));
        else draft.Edit(definition.Title, yaml, definition.Courses[0], by, Now);
        await db.SaveChangesAsync(ct);
        return new SaveResult([], draft);
    }

    /// <summary>The draft becomes the next published version; the one before goes on for the instances pinned to it.</summary>
    public async Task<StoredPath?> Publish(string key, CancellationToken ct)
    {
        var draft = await Draft(key, ct);
        if (draft is null) return null;
        var versions = await db.Set<StoredPath>().Where(p => p.Key == key && p.Status != DefinitionStatuses.Draft).ToListAsync(ct);
        foreach (var current in versions.Where(p => p.Status == DefinitionStatuses.Published)) current.Supersede();
        draft.Publish(versions.Count == 0 ? 1 : versions.Max(p => p.Version) + 1, Now);
        audit.Record(AuditActions.PathPublished, $"{draft.Title} ({draft.Key})", $"v{draft.Version}");
        await db.SaveChangesAsync(ct);
        return draft;
    }
}
