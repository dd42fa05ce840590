using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Learning.Classes.Contracts;
using Learning.Competencies.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.Extensions.Localization;

namespace Learning.Classes;

/// <summary>One session as sent: times as text (ISO 8601 with offset from the API, the city's wall clock from a form).</summary>
public sealed record SessionInput(string? Start, string? End, string? Venue, string? OnlineUrl);

public sealed record CompetencyInput(string? Code, int? Level);

/// <summary>A class as a coordinator asks for it (API or form), before any check.</summary>
public sealed record ClassInput
{
    public string? Course { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public decimal? Jp { get; init; }
    public IReadOnlyList<CompetencyInput>? Competencies { get; init; }
    public int? Capacity { get; init; }
    public string? Approval { get; init; }
    public string? RegistrationOpens { get; init; }
    public string? RegistrationCloses { get; init; }
    public IReadOnlyList<SessionInput>? Sessions { get; init; }
    public IReadOnlyList<string>? Trainers { get; init; }
    public decimal? Attendance { get; init; }
    public bool? PostTest { get; init; }
    public bool? Evaluation { get; init; }
    public IReadOnlyList<string>? Units { get; init; }
    public IReadOnlyList<string>? Positions { get; init; }
}

/// <summary>A refusal naming the field it is about (API: "sessions[0].start"; pages show it beside the input).</summary>
public sealed record FieldProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

public sealed record PlannedSession(DateTime StartsAt, DateTime EndsAt, string? Venue, string? OnlineUrl);

/// <summary>A class that passed every check: what is written.</summary>
public sealed record ClassPlan(
    string? CourseSlug, string Title, string? Description, decimal Jp, string? Competencies, int Capacity, string Approval,
    DateTime? OpensAt, DateTime ClosesAt, IReadOnlyList<PlannedSession> Sessions, IReadOnlyList<EmployeeInfo> Trainers,
    decimal Attendance, bool PostTest, bool Evaluation, IReadOnlyList<string> Units, IReadOnlyList<string> Positions);

/// <summary>
/// The one set of rules for scheduling a class, for the API and the coordinator's pages alike: every problem is found before
/// anything is written, each in Indonesian (or English) naming its field.
/// </summary>
public sealed partial class ClassPlanning(LearningDbContext db, ICourseCatalog catalog, IOrganisationDirectory directory,
    ICompetencyDictionary dictionary, TimeProvider clock, IStringLocalizer text)
{
    public const int MaxSessions = 30;
    public const int MaxCapacity = 1000;
    public const decimal MaxJp = 200;
    public const int MaxTrainers = 20;
    public const int MaxAudience = 100;
    /// <summary>A class's JSON is a few kilobytes; anything far above is not a class.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>How times are written: ISO 8601 with an offset (API), or the city's wall clock as a date-time input sends it.</summary>
    public enum Times { WithOffset, CityClock }

    public async Task<(ClassPlan? Plan, IReadOnlyList<FieldProblem> Problems)> Check(ClassInput input, Times times, CancellationToken ct)
    {
        var problems = new List<FieldProblem>();
        void Add(string field, string key, params object[] args) => problems.Add(new(field, text[key, args].Value));

        CourseOutline? course = null;
        var slug = Clean(input.Course);
        if (slug is not null)
        {
            course = await catalog.Find(slug, ct);
            if (course is null || course.Course.Status != CourseStatus.Published) { Add("course", "Classes.Errors.UnknownCourse", slug); course = null; }
        }

        var title = Clean(input.Title) ?? course?.Course.Title;
        if (title is null && slug is null) Add("title", "Classes.Errors.TitleRequired");
        else if (title is { Length: > ClassesModule.MaxTitle }) Add("title", "Classes.Errors.TooLong", ClassesModule.MaxTitle);
        var description = Clean(input.Description);
        if (description is { Length: > ClassesModule.MaxText }) Add("description", "Classes.Errors.TooLong", ClassesModule.MaxText);

        var jp = input.Jp ?? course?.Course.Jp;
        if (jp is null) { if (slug is null) Add("jp", "Classes.Errors.JpRequired"); }
        else if (jp < 0 || jp > MaxJp) Add("jp", "Classes.Errors.JpRange", MaxJp, Number(jp.Value));

        var competencies = new List<string>();
        foreach (var (c, i) in (input.Competencies ?? []).Select((c, i) => (c, i)))
        {
            var code = Clean(c?.Code);
            if (code is null || await dictionary.Find(code, ct) is null) Add($"competencies[{i}].code", "Classes.Errors.UnknownCompetency", code ?? "");
            else if (c!.Level is not (>= CompetencyInfo.MinLevel and <= CompetencyInfo.MaxLevel)) Add($"competencies[{i}].level", "Classes.Errors.Level", code);
            else if (competencies.All(x => !x.StartsWith(code + ":", StringComparison.Ordinal))) competencies.Add($"{code}:{c.Level}");
        }

        if (input.Capacity is not { } capacity) { Add("capacity", "Classes.Errors.CapacityRequired", MaxCapacity); capacity = 0; }
        else if (capacity is < 1 or > MaxCapacity) Add("capacity", "Classes.Errors.CapacityRange", MaxCapacity, capacity);

        var approval = Clean(input.Approval) ?? ClassApprovals.Supervisor;
        if (!ClassApprovals.All.Contains(approval)) Add("approval", "Classes.Errors.Approval", approval);

        var sessions = new List<PlannedSession>();
        var sent = input.Sessions ?? [];
        if (sent.Count == 0) Add("sessions", "Classes.Errors.NoSessions");
        else if (sent.Count > MaxSessions) Add("sessions", "Classes.Errors.TooManySessions", MaxSessions, sent.Count);
        else
            for (var i = 0; i < sent.Count; i++)
                if (CheckSession(sent[i], $"sessions[{i}]", i + 1, times, problems) is { } s) sessions.Add(s);

        var closes = Instant(input.RegistrationCloses, "registrationCloses", times, endOfDay: true, problems, required: true);
        var opens = Instant(input.RegistrationOpens, "registrationOpens", times, endOfDay: false, problems, required: false);
        // Checked against the sessions that are readable, so every problem shows at once.
        var first = sessions.Count > 0 ? sessions.Min(s => s.StartsAt) : (DateTime?)null;
        if (closes is { } c1 && first is { } f && c1 > f)
            Add("registrationCloses", "Classes.Errors.ClosesAfterStart", new CityFormat(clock).DateAndTime(f));
        if (opens is { } o && closes is { } c2 && o >= c2) Add("registrationOpens", "Classes.Errors.OpensAfterCloses");

        var trainers = await Trainers(input.Trainers ?? [], problems, ct);

        var attendance = input.Attendance ?? 1m;
        if (attendance is < 0 or > 1) Add("completion.attendance", "Classes.Errors.Attendance", Number(attendance));
        var postTest = input.PostTest ?? false;
        if (postTest && course?.Assessment is null && !problems.Any(p => p.Field == "course"))
            Add("completion.postTest", slug is null ? "Classes.Errors.PostTestStandAlone" : "Classes.Errors.PostTestNoAssessment");

        var (units, positions) = await Audience(input.Units ?? [], input.Positions ?? [], problems, ct);

        if (problems.Count > 0) return (null, problems);
        return (new ClassPlan(course?.Course.Slug, title!, description, jp ?? 0, competencies.Count == 0 ? null : string.Join(",", competencies),
            capacity, approval, opens, closes!.Value, sessions.OrderBy(s => s.StartsAt).ToList(), trainers, attendance, postTest,
            input.Evaluation ?? true, units, positions), problems);
    }

    /// <summary>Writes the class with its sessions, trainers and audience in one save.</summary>
    public async Task<Class> Create(ClassPlan plan, Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cls = new Class(plan.CourseSlug, plan.Title, plan.Jp, plan.Capacity, plan.Approval, plan.ClosesAt, userId, now);
        cls.Describe(plan.Title, plan.Description, plan.Jp, plan.Competencies, plan.Capacity, plan.Approval, plan.OpensAt, plan.ClosesAt, now);
        cls.Complete(plan.Attendance, plan.PostTest, plan.Evaluation, now);
        var number = 1;
        foreach (var s in plan.Sessions) cls.Sessions.Add(NewSession(cls.Id, number++, s));
        foreach (var t in plan.Trainers) cls.Trainers.Add(new ClassTrainer(cls.Id, t.Id));
        foreach (var u in plan.Units) cls.Audience.Add(new ClassAudience(cls.Id, AudienceKinds.Unit, u));
        foreach (var p in plan.Positions) cls.Audience.Add(new ClassAudience(cls.Id, AudienceKinds.Position, p));
        db.Add(cls);
        await db.SaveChangesAsync(ct);
        return cls;
    }

    public static ClassSession NewSession(Guid classId, int number, PlannedSession s) =>
        new(classId, number, s.StartsAt, s.EndsAt, s.Venue, s.OnlineUrl, RandomNumberGenerator.GetBytes(32));

    /// <summary>One session's times, place and link; null (with the problems added) when any is wrong.</summary>
    public PlannedSession? CheckSession(SessionInput? s, string field, int number, Times times, List<FieldProblem> problems)
    {
        var before = problems.Count;
        var start = Instant(s?.Start, field + ".start", times, endOfDay: false, problems, required: true, session: number);
        var end = Instant(s?.End, field + ".end", times, endOfDay: false, problems, required: true, session: number);
        if (start is { } a && end is { } b && a >= b) problems.Add(new(field + ".end", text["Classes.Errors.EndBeforeStart", number].Value));
        var venue = Clean(s?.Venue);
        var url = Clean(s?.OnlineUrl);
        if (venue is null && url is null) problems.Add(new(field + ".venue", text["Classes.Errors.VenueOrUrl", number].Value));
        if (venue is { Length: > ClassesModule.MaxVenue }) problems.Add(new(field + ".venue", text["Classes.Errors.TooLong", ClassesModule.MaxVenue].Value));
        if (url is not null && (url.Length > ClassesModule.MaxUrl || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
                                || string.IsNullOrEmpty(uri.Host)))
            problems.Add(new(field + ".onlineUrl", text["Classes.Errors.OnlineUrl", number].Value));
        return problems.Count == before ? new PlannedSession(start!.Value, end!.Value, venue, url) : null;
    }

    /// <summary>The trainers by NIP: each must be a person of this city, still active; the same NIP twice counts once.</summary>
    public async Task<IReadOnlyList<EmployeeInfo>> Trainers(IReadOnlyList<string> nips, List<FieldProblem> problems, CancellationToken ct)
    {
        var found = new List<EmployeeInfo>();
        if (nips.Count > MaxTrainers) { problems.Add(new("trainers", text["Classes.Errors.TooManyTrainers", MaxTrainers].Value)); return found; }
        for (var i = 0; i < nips.Count; i++)
        {
            var nip = Nip.Normalise(nips[i]);
            if (nip.Length == 0) continue;
            var person = nip.Length == 18 && nip.All(char.IsAsciiDigit) ? await directory.FindEmployeeByNip(nip, ct) : null;
            if (person is not { Active: true }) problems.Add(new($"trainers[{i}]", text["Classes.Errors.UnknownTrainer", nip].Value));
            else if (found.All(f => f.Id != person.Id)) found.Add(person);
        }
        return found;
    }

    public async Task<(IReadOnlyList<string> Units, IReadOnlyList<string> Positions)> Audience(IReadOnlyList<string> units, IReadOnlyList<string> positions,
        List<FieldProblem> problems, CancellationToken ct)
    {
        if (units.Count + positions.Count > MaxAudience)
        {
            problems.Add(new("audience", text["Classes.Errors.TooManyAudience", MaxAudience].Value));
            return ([], []);
        }
        var knownUnits = units.Count == 0 ? [] : (await directory.Units(ct)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var knownPositions = positions.Count == 0 ? [] : (await directory.Positions(ct)).Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        var u = new List<string>();
        var p = new List<string>();
        foreach (var (code, i) in units.Select((c, i) => (c?.Trim() ?? "", i)).Where(x => x.Item1.Length > 0))
            if (!knownUnits.Contains(code)) problems.Add(new($"audience.units[{i}]", text["Classes.Errors.UnknownUnit", code].Value));
            else if (!u.Contains(code)) u.Add(code);
        foreach (var (code, i) in positions.Select((c, i) => (c?.Trim() ?? "", i)).Where(x => x.Item1.Length > 0))
            if (!knownPositions.Contains(code)) problems.Add(new($"audience.positions[{i}]", text["Classes.Errors.UnknownPosition", code].Value));
            else if (!p.Contains(code)) p.Add(code);
        return (u, p);
    }

    /// <summary>
    /// An instant from text: with <see cref="Times.WithOffset"/> ISO 8601 carrying its offset (a date alone is allowed where
    /// <paramref name="endOfDay"/>: the end of that day in the city); with <see cref="Times.CityClock"/> the city's wall clock.
    /// </summary>
    public DateTime? Instant(string? value, string field, Times times, bool endOfDay, List<FieldProblem> problems, bool required, int? session = null)
    {
        var raw = Clean(value);
        var what = session is { } n ? text["Classes.Errors.SessionTime", n].Value : text["Classes.Field." + field].Value;
        if (raw is null)
        {
            if (required) problems.Add(new(field, text["Classes.Errors.TimeRequired", what].Value));
            return null;
        }
        if (endOfDay && DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), clock.LocalTimeZone);
        if (times == Times.WithOffset)
        {
            if (WithOffset().IsMatch(raw) && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) return at.UtcDateTime;
            problems.Add(new(field, text["Classes.Errors.TimeWithOffset", what, raw].Value));
            return null;
        }
        if (DateTime.TryParseExact(raw, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), clock.LocalTimeZone);
        problems.Add(new(field, text["Classes.Errors.TimeLocal", what, raw].Value));
        return null;
    }

    /// <summary>The city's wall clock as a date-time input shows it.</summary>
    public string LocalInput(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();
}
