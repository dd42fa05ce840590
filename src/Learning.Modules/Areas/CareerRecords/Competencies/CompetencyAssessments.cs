using Learning.Audit.Contracts;
using Learning.Competencies.Contracts;
using Learning.Kernel;
using Learning.Notifications.Contracts;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.CareerRecords.Competencies;

public sealed record RatingInput(string? Code, int? Level, string? Note);

/// <summary>One competency of the person's position standard, with the descriptors to rate against and where they stand.</summary>
public sealed record StandardLine(CompetencyInfo Competency, int RequiredLevel, CompetencyStanding? Standing)
{
    public int? CurrentLevel => Standing is { Counts: true } s ? s.Level : null;
}

/// <summary>What the self-assessment page and API show one ASN; <paramref name="Draft"/> is their own saved, unsent one.</summary>
public sealed record AssessmentSheet(EmployeeInfo Employee, IReadOnlyList<StandardLine> Lines, CompetencyAssessment? Pending,
    IReadOnlyList<CompetencyAssessment> History, CompetencyAssessment? Draft = null);

/// <summary>Self-assessment by the ASN, confirmation by their own supervisor; the caller saves.</summary>
public sealed class CompetencyAssessments(LearningDbContext db, IOrganisationDirectory organisation, IPositionStandards standards,
    ICompetencyDictionary dictionary, CompetencyRecords records, INotifier notifier, IAuditLog audit, TimeProvider clock, IStringLocalizer text)
{
    public const int MaxTextLength = 500;

    public async Task<AssessmentSheet?> SheetOf(Guid employeeId, CancellationToken ct = default)
    {
        if (await organisation.FindEmployee(employeeId, ct) is not { } employee) return null;
        var lines = await LinesOf(employee, ct);
        var all = await db.Set<CompetencyAssessment>().AsNoTracking().Include(a => a.Ratings)
            .Where(a => a.EmployeeId == employeeId).OrderByDescending(a => a.SubmittedAt).ToListAsync(ct);
        await InDictionaryOrder(all, ct);
        var history = all.Where(a => a.Status != AssessmentStatus.Draft).ToList();
        return new AssessmentSheet(employee, lines,
            history.FirstOrDefault(a => a.Status == AssessmentStatus.Submitted && a.SupervisorId == employee.SupervisorId), history,
            all.FirstOrDefault(a => a.Status == AssessmentStatus.Draft));
    }

    /// <summary>Ratings come back from the database in no particular order: show them in the dictionary's, as the standard is.</summary>
    private async Task InDictionaryOrder(IEnumerable<CompetencyAssessment> assessments, CancellationToken ct)
    {
        var order = (await dictionary.List(ct)).Select((c, i) => (c.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.OrdinalIgnoreCase);
        foreach (var a in assessments)
            a.Ratings.Sort((x, y) => order.GetValueOrDefault(x.CompetencyCode, int.MaxValue).CompareTo(order.GetValueOrDefault(y.CompetencyCode, int.MaxValue)));
    }

    private async Task<IReadOnlyList<StandardLine>> LinesOf(EmployeeInfo employee, CancellationToken ct)
    {
        if (employee.PositionCode is null) return [];
        var standard = (await standards.For([employee.PositionCode], ct)).GetValueOrDefault(employee.PositionCode) ?? [];
        if (standard.Count == 0) return [];
        var competencies = (await dictionary.List(ct)).ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        var standings = (await records.StandingOf(employee.Id, ct)).ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
        return standard.Where(r => competencies.ContainsKey(r.Code))
            .Select(r => new StandardLine(competencies[r.Code], r.Level, standings.GetValueOrDefault(r.Code))).ToList();
    }

    public async Task<(CompetencyAssessment? Assessment, IReadOnlyList<string> Errors)> Submit(Guid employeeId, IReadOnlyList<RatingInput> ratings, CancellationToken ct = default)
    {
        if (await organisation.FindEmployee(employeeId, ct) is not { } employee) return (null, [text["CareerRecords.NoEmployee"]]);
        if (employee.SupervisorId is not { } supervisorId) return (null, [text["CareerRecords.Assessment.NoSupervisor"]]);
        var lines = await LinesOf(employee, ct);
        if (lines.Count == 0) return (null, [text["CareerRecords.Assessment.NoStandard"]]);
        // One waiting at a time; one left with a former supervisor (who may no longer confirm it) does not block a new one.
        if (await db.Set<CompetencyAssessment>().AnyAsync(a => a.EmployeeId == employeeId && a.Status == AssessmentStatus.Submitted && a.SupervisorId == supervisorId, ct))
            return (null, [text["CareerRecords.Assessment.AlreadyPending"]]);

        var (chosen, errors) = Read(lines, ratings, draft: false);
        if (errors.Count > 0) return (null, errors);

        await RemoveDrafts(employeeId, ct); // what was saved part-way is now sent
        var assessment = new CompetencyAssessment(employee.Id, supervisorId, employee.PositionCode!, chosen, clock.GetUtcNow().UtcDateTime);
        db.Add(assessment);
        await notifier.NotifyEmployee(supervisorId, new Notice($"competency-assessment:{assessment.Id:N}:submitted",
            "CareerRecords.Notices.AssessmentSubmitted", [employee.Name, employee.Nip], "/career-record/assessment/team", NoticeKind.Approvals), ct);
        return (assessment, []);
    }

    /// <summary>
    /// Keeps the ratings given so far (any number, even none) as the ASN's one draft, replacing an earlier draft; nobody else
    /// sees it. Levels given must still be 1–5 and notes short enough.
    /// </summary>
    /// <remarks>
    /// Saved here, not by the caller: two saves at once meet the one-draft index, and the loser runs again on what the winner
    /// wrote (replacing it), so the later save is the draft and nobody sees an error.
    /// </remarks>
    public Task<(CompetencyAssessment? Draft, IReadOnlyList<string> Errors)> SaveDraft(Guid employeeId, IReadOnlyList<RatingInput> ratings, CancellationToken ct = default) =>
        db.Retrying(async c =>
        {
            var staged = await StageDraft(employeeId, ratings, c);
            if (staged.Draft is not null) await db.SaveChangesAsync(c);
            return staged;
        }, ct);

    private async Task<(CompetencyAssessment? Draft, IReadOnlyList<string> Errors)> StageDraft(Guid employeeId, IReadOnlyList<RatingInput> ratings, CancellationToken ct)
    {
        if (await organisation.FindEmployee(employeeId, ct) is not { } employee) return (null, [text["CareerRecords.NoEmployee"]]);
        var lines = await LinesOf(employee, ct);
        if (lines.Count == 0) return (null, [text["CareerRecords.Assessment.NoStandard"]]);
        if (await db.Set<CompetencyAssessment>().AnyAsync(a => a.EmployeeId == employeeId && a.Status == AssessmentStatus.Submitted && a.SupervisorId == employee.SupervisorId, ct))
            return (null, [text["CareerRecords.Assessment.AlreadyPending"]]);
        var (chosen, errors) = Read(lines, ratings, draft: true);
        if (errors.Count > 0) return (null, errors);

        await RemoveDrafts(employeeId, ct);
        var draft = CompetencyAssessment.Draft(employee.Id, employee.PositionCode!, chosen, clock.GetUtcNow().UtcDateTime);
        db.Add(draft);
        return (draft, []);
    }

    private async Task RemoveDrafts(Guid employeeId, CancellationToken ct) =>
        db.RemoveRange(await db.Set<CompetencyAssessment>().Include(a => a.Ratings)
            .Where(a => a.EmployeeId == employeeId && a.Status == AssessmentStatus.Draft).ToListAsync(ct));

    /// <summary>
    /// The ratings posted, in the standard's order. Submitted, every competency needs a level; a draft keeps those with a level
    /// or a note (level 0: not chosen yet).
    /// </summary>
    private (List<AssessmentRating> Chosen, List<string> Errors) Read(IReadOnlyList<StandardLine> lines, IReadOnlyList<RatingInput> ratings, bool draft)
    {
        var errors = new List<string>();
        var given = new Dictionary<string, RatingInput>(StringComparer.OrdinalIgnoreCase);
        foreach (var rating in ratings)
        {
            if (rating.Code is null || !lines.Any(l => string.Equals(l.Competency.Code, rating.Code, StringComparison.OrdinalIgnoreCase)))
                errors.Add(text["CareerRecords.Assessment.NotInStandard", rating.Code ?? ""]);
            else if (!given.TryAdd(rating.Code, rating)) errors.Add(text["CareerRecords.Assessment.Twice", rating.Code]);
        }
        var chosen = new List<AssessmentRating>();
        foreach (var line in lines)
        {
            var rating = given.GetValueOrDefault(line.Competency.Code);
            var note = rating?.Note?.Trim();
            var level = rating?.Level;
            if (draft && level is null && string.IsNullOrEmpty(note)) continue;
            if (level is not (>= CompetencyInfo.MinLevel and <= CompetencyInfo.MaxLevel) && !(draft && level is null))
            {
                errors.Add(text["CareerRecords.Assessment.LevelNeeded", line.Competency.Name, CompetencyInfo.MinLevel, CompetencyInfo.MaxLevel]);
                continue;
            }
            if (note?.Length > MaxTextLength) errors.Add(text["CareerRecords.Assessment.NoteTooLong", line.Competency.Name, MaxTextLength]);
            chosen.Add(new AssessmentRating(line.Competency.Code, line.RequiredLevel, level ?? 0, string.IsNullOrEmpty(note) ? null : note));
        }
        return (chosen, errors);
    }

    /// <summary>Submitted assessments of the people who report to this supervisor now, oldest first.</summary>
    public async Task<IReadOnlyList<(EmployeeInfo Person, CompetencyAssessment Assessment)>> AwaitingConfirmation(Guid supervisorId, CancellationToken ct = default)
    {
        var people = (await organisation.Subordinates(supervisorId, indirect: false, ct)).ToDictionary(p => p.Id);
        // Most people supervise no one: no reports, nothing to confirm (spares the home page two reads; bench/README.md).
        if (people.Count == 0) return [];
        var ids = people.Keys.ToList();
        var pending = await db.Set<CompetencyAssessment>().AsNoTracking().Include(a => a.Ratings)
            .Where(a => a.SupervisorId == supervisorId && a.Status == AssessmentStatus.Submitted && ids.Contains(a.EmployeeId))
            .OrderBy(a => a.SubmittedAt).ToListAsync(ct);
        await InDictionaryOrder(pending, ct);
        return pending.Select(a => (people[a.EmployeeId], a)).ToList();
    }

    // Compiled: every home page asks it (bench/README.md, fifth round).
    private static readonly CompiledQuery<Func<LearningDbContext, Guid, IAsyncEnumerable<Guid>>> SubmittedTo = new(() =>
        EF.CompileAsyncQuery((LearningDbContext db, Guid supervisorId) => db.Set<CompetencyAssessment>().AsNoTracking()
            .Where(a => a.SupervisorId == supervisorId && a.Status == AssessmentStatus.Submitted).Select(a => a.EmployeeId)));

    /// <summary>How many <see cref="AwaitingConfirmation"/> would list: a count, without the assessments, their ratings or names (the home page).</summary>
    public async Task<int> CountAwaitingConfirmation(Guid supervisorId, CancellationToken ct = default)
    {
        // The submitted assessments first (one indexed read, none for nearly everyone): the team, a join over the
        // organisation, is read only when there is something to count (about a tenth of home's sampled time, issue 21).
        var submitted = await SubmittedTo.For(db)(db, supervisorId).ToListAsync(ct);
        if (submitted.Count == 0) return 0;
        var team = (await organisation.Subordinates(supervisorId, indirect: false, ct)).Select(p => p.Id).ToHashSet();
        return submitted.Count(team.Contains);
    }

    /// <summary>The assessment when the caller is its ASN or that person's own supervisor; otherwise null (answered as not found).</summary>
    public async Task<(CompetencyAssessment Assessment, EmployeeInfo Person)?> Visible(Guid assessmentId, Guid callerEmployeeId, bool track, CancellationToken ct = default)
    {
        var query = db.Set<CompetencyAssessment>().Include(a => a.Ratings).Where(a => a.Id == assessmentId);
        var assessment = await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct);
        if (assessment is null || await organisation.FindEmployee(assessment.EmployeeId, ct) is not { } person) return null;
        await InDictionaryOrder([assessment], ct);
        // A draft is its ASN's alone until submitted.
        var isOwnSupervisor = assessment.Status != AssessmentStatus.Draft
            && assessment.SupervisorId == callerEmployeeId && person.SupervisorId == callerEmployeeId;
        return assessment.EmployeeId == callerEmployeeId || isOwnSupervisor ? (assessment, person) : null;
    }

    public enum ConfirmOutcome { Confirmed, NotFound, AlreadyConfirmed, Invalid, Own }

    /// <summary>Only the person's own supervisor confirms; a level that differs from the self-rating needs a comment (the why).</summary>
    public async Task<(ConfirmOutcome Outcome, CompetencyAssessment? Assessment, IReadOnlyList<string> Errors)> Confirm(Guid assessmentId,
        Guid supervisorId, IReadOnlyList<RatingInput> decisions, CancellationToken ct = default)
    {
        if (await Visible(assessmentId, supervisorId, track: true, ct) is not { } found) return (ConfirmOutcome.NotFound, null, []);
        // One's own self-assessment is confirmed by someone else (separation of duties), even where the records name oneself.
        if (found.Assessment.EmployeeId == supervisorId) return (ConfirmOutcome.Own, null, [Decisions.OwnRequest(text)]);
        var (assessment, person) = found;
        if (assessment.Status != AssessmentStatus.Submitted) return (ConfirmOutcome.AlreadyConfirmed, assessment, [text["CareerRecords.Assessment.AlreadyConfirmed"]]);

        var names = (await dictionary.List(ct)).ToDictionary(c => c.Code, c => c.Name, StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        var chosen = new Dictionary<string, (int, string?)>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in decisions)
        {
            var rating = assessment.Ratings.FirstOrDefault(r => string.Equals(r.CompetencyCode, d.Code, StringComparison.OrdinalIgnoreCase));
            if (rating is null) { errors.Add(text["CareerRecords.Assessment.NotInStandard", d.Code ?? ""]); continue; }
            var name = names.GetValueOrDefault(rating.CompetencyCode, rating.CompetencyCode);
            var level = d.Level ?? rating.SelfLevel;
            var comment = d.Note?.Trim();
            if (level is < CompetencyInfo.MinLevel or > CompetencyInfo.MaxLevel)
                errors.Add(text["CareerRecords.Assessment.LevelNeeded", name, CompetencyInfo.MinLevel, CompetencyInfo.MaxLevel]);
            else if (level != rating.SelfLevel && string.IsNullOrEmpty(comment))
                errors.Add(text["CareerRecords.Assessment.CommentNeeded", name]);
            else if (comment?.Length > MaxTextLength)
                errors.Add(text["CareerRecords.Assessment.NoteTooLong", name, MaxTextLength]);
            else if (!chosen.TryAdd(rating.CompetencyCode, (level, string.IsNullOrEmpty(comment) ? null : comment)))
                errors.Add(text["CareerRecords.Assessment.Twice", rating.CompetencyCode]);
        }
        if (errors.Count > 0) return (ConfirmOutcome.Invalid, assessment, errors);

        var supervisor = await organisation.FindEmployee(supervisorId, ct);
        assessment.Confirm(supervisorId, supervisor?.Name ?? "", chosen, clock.GetUtcNow().UtcDateTime);
        audit.Record(AuditActions.SelfAssessmentConfirmed, $"{person.Name} ({person.Nip})",
            string.Join(", ", chosen.Select(c => $"{c.Key} {c.Value.Item1}")));
        await notifier.NotifyEmployee(person.Id, new Notice($"competency-assessment:{assessment.Id:N}:confirmed",
            "CareerRecords.Notices.AssessmentConfirmed", [supervisor?.Name ?? ""], "/career-record/assessment", NoticeKind.Approvals), ct);
        return (ConfirmOutcome.Confirmed, assessment, []);
    }
}
