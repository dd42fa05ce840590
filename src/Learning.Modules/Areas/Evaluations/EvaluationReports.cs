using System.Text;
using Learning.Assessments.Contracts;
using Learning.Classes.Contracts;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Evaluations.Contracts;
using Learning.Kernel;
using Learning.Kernel.Text;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Evaluations;

/// <summary>
/// Reports of the reaction forms per class, per trainer (across their classes) and per course: response rate, the average
/// of each scale question with how many gave each score, the comments without who wrote them, and the level-2 gain from the
/// course's assessment. Answers are read without the person; only the pre/post pairs use people, and never leave this class.
/// </summary>
public sealed class EvaluationReports(
    LearningDbContext db, ReactionForms forms, IClassDirectory classes, IClassRosters rosters, ICourseCatalog catalog,
    ICourseCompletions completions, IAttemptScores scores, IOrganisationDirectory organisation, IStringLocalizer text) : IEvaluationReports
{
    /// <summary>One subject's raw figures before they are summed (a trainer's report adds several classes).</summary>
    private sealed record Part(string Title, int Participants, int Responses, IReadOnlyList<(FormQuestion Question, List<int> Scores)> Scales,
        IReadOnlyList<EvaluationComment> Comments, IReadOnlyList<(decimal Pre, decimal Post)>? Pairs);

    public async Task<EvaluationReport?> ForClass(Guid classId, CancellationToken ct = default)
    {
        if (await classes.Find(classId, ct) is not { } info) return null;
        var part = await ClassPart(info, ct);
        return Report(EvaluationSubjects.Class, info.Id.ToString(), info.Title, [part], []);
    }

    public async Task<EvaluationReport?> ForTrainer(Guid employeeId, CancellationToken ct = default)
    {
        if (await organisation.FindEmployee(employeeId, ct) is not { } trainer) return null;
        var parts = new List<Part>();
        var lines = new List<ClassFigure>();
        foreach (var listing in await rosters.Classes(employeeId, ct))
        {
            if (await classes.Find(listing.Id, ct) is not { } info) continue;
            var part = await ClassPart(info, ct);
            parts.Add(part);
            var own = part.Scales.FirstOrDefault(s => s.Question.Id == ReactionForms.Trainer).Scores;
            lines.Add(new ClassFigure(info.Id, info.Title, listing.FirstStartsAt, part.Participants, part.Responses, Average(own)));
        }
        return Report("trainer", trainer.Nip, trainer.Name, parts, lines);
    }

    public async Task<EvaluationReport?> ForCourse(string slug, CancellationToken ct = default)
    {
        if (await catalog.Find(slug, ct) is not { } outline) return null;
        var id = outline.Course.Slug;
        var (responses, scales, comments) = await Answers(EvaluationSubjects.Course, id, ct);
        IReadOnlyList<(decimal, decimal)>? pairs = null;
        if (outline.Assessment is not null)
        {
            // Self-paced: the first attempt is the pre-test, the best passing one the post-test.
            var all = await scores.Of(id, null, ct);
            pairs = all.GroupBy(a => a.EmployeeId).Select(g => (Pre: g.First().Score, Post: g.Where(a => a.Passed).Select(a => (decimal?)a.Score).Max()))
                .Where(p => p.Post is not null).Select(p => (p.Pre, p.Post!.Value)).ToList();
        }
        var part = new Part(outline.Course.Title, await completions.CompletedPeople(id, ct), responses, scales, comments, pairs);
        return Report(EvaluationSubjects.Course, id, outline.Course.Title, [part], []);
    }

    public async Task<IReadOnlyList<EvaluatedSubject>> Subjects(Guid? trainerId, CancellationToken ct = default)
    {
        var counts = await db.Set<EvaluationResponse>().AsNoTracking().GroupBy(r => new { r.SubjectKind, r.SubjectId })
            .Select(g => new { g.Key.SubjectKind, g.Key.SubjectId, Count = g.Count() }).ToListAsync(ct);
        int Count(string kind, string id) => counts.FirstOrDefault(c => c.SubjectKind == kind && c.SubjectId == id)?.Count ?? 0;
        var list = (await rosters.Classes(trainerId, ct))
            .Select(c => new EvaluatedSubject(EvaluationSubjects.Class, c.Id.ToString(), c.Title, c.FirstStartsAt, Count(EvaluationSubjects.Class, c.Id.ToString())))
            .ToList();
        if (trainerId is null)
        {
            var titles = (await catalog.All(ct)).ToDictionary(c => c.Slug, c => c.Title);
            list.AddRange(counts.Where(c => c.SubjectKind == EvaluationSubjects.Course && titles.ContainsKey(c.SubjectId))
                .Select(c => new EvaluatedSubject(EvaluationSubjects.Course, c.SubjectId, titles[c.SubjectId], null, c.Count))
                .OrderBy(s => s.Title, StringComparer.CurrentCulture));
        }
        return list;
    }

    private async Task<Part> ClassPart(ClassInfo info, CancellationToken ct)
    {
        var id = info.Id.ToString();
        var participants = await rosters.Participants(info.Id, ct);
        var (responses, scales, comments) = await Answers(EvaluationSubjects.Class, id, ct);
        IReadOnlyList<(decimal, decimal)>? pairs = null;
        if (info.CourseSlug is { } slug && (await catalog.Find(slug, ct))?.Assessment is not null)
        {
            // Pre-test: the first attempt before the first session; post-test: the best passing attempt from then on.
            var first = info.Sessions.Where(s => !s.Cancelled).Select(s => (DateTime?)s.StartsAt).Min();
            var all = first is null ? [] : await scores.Of(slug, participants, ct);
            pairs = all.GroupBy(a => a.EmployeeId)
                .Select(g => (Pre: g.Where(a => a.SubmittedAt < first).Select(a => (decimal?)a.Score).FirstOrDefault(),
                    Post: g.Where(a => a.Passed && a.SubmittedAt >= first).Select(a => (decimal?)a.Score).Max()))
                .Where(p => p.Pre is not null && p.Post is not null).Select(p => (p.Pre!.Value, p.Post!.Value)).ToList();
        }
        return new Part(info.Title, participants.Count, responses, scales, comments, pairs);
    }

    /// <summary>The answers of one subject: how many responded, the scores of each scale question, the comments (ordered by question and text, not by who or when).</summary>
    private async Task<(int Responses, List<(FormQuestion, List<int>)> Scales, List<EvaluationComment> Comments)> Answers(string kind, string id, CancellationToken ct)
    {
        var responses = await db.Set<EvaluationResponse>().AsNoTracking().CountAsync(r => r.SubjectKind == kind && r.SubjectId == id, ct);
        var answers = await db.Set<EvaluationAnswer>().AsNoTracking()
            .Where(a => db.Set<EvaluationResponse>().Any(r => r.Id == a.ResponseId && r.SubjectKind == kind && r.SubjectId == id))
            .Select(a => new { a.QuestionId, a.Score, a.Text }).ToListAsync(ct);
        var extra = await forms.Extra(kind, id, ct);
        var questions = forms.Defaults(kind).Concat(extra.Select(q => new FormQuestion(q.Key, q.Text, q.Type))).ToList();
        var scales = questions.Where(q => q.Type == QuestionTypes.Scale)
            .Select(q => (q, answers.Where(a => a.QuestionId == q.Id && a.Score is not null).Select(a => a.Score!.Value).ToList())).ToList();
        var order = questions.Select((q, i) => (q.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var comments = answers.Where(a => a.Text is not null && order.ContainsKey(a.QuestionId))
            .OrderBy(a => order[a.QuestionId]).ThenBy(a => a.Text, StringComparer.Ordinal)
            .Select(a => new EvaluationComment(questions[order[a.QuestionId]].Text, a.Text!)).ToList();
        return (responses, scales, comments);
    }

    private static EvaluationReport Report(string kind, string id, string title, IReadOnlyList<Part> parts, IReadOnlyList<ClassFigure> classLines)
    {
        var participants = parts.Sum(p => p.Participants);
        var responses = parts.Sum(p => p.Responses);
        var scales = parts.SelectMany(p => p.Scales).GroupBy(s => s.Question.Id)
            .Select(g =>
            {
                var all = g.SelectMany(s => s.Scores).ToList();
                return new ScaleFigure(g.Key, g.First().Question.Text, all.Count, Average(all), Enumerable.Range(1, 5).Select(n => all.Count(s => s == n)).ToList());
            }).ToList();
        var pairs = parts.Where(p => p.Pairs is not null).SelectMany(p => p.Pairs!).ToList();
        LearningGain? gain = parts.Any(p => p.Pairs is not null)
            ? pairs.Count == 0 ? new LearningGain(0, null, null, null)
                : new LearningGain(pairs.Count, Round(pairs.Average(p => p.Pre)), Round(pairs.Average(p => p.Post)), Round(pairs.Average(p => p.Post - p.Pre)))
            : null;
        return new EvaluationReport(kind, id, title, participants, responses,
            participants == 0 ? null : Math.Round(100m * responses / participants, 1), scales, parts.SelectMany(p => p.Comments).ToList(), gain, classLines);
    }

    private static decimal? Average(List<int>? scores) => scores is { Count: > 0 } ? Round((decimal)scores.Average()) : null;

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public string Csv(EvaluationReport r)
    {
        var rows = new List<object?[]>
        {
            new object?[] { text["Evaluations.Csv.Summary"], text["Evaluations.Csv.Title"], r.Title },
            new object?[] { text["Evaluations.Csv.Summary"], text["Evaluations.Csv.Participants"], r.Participants },
            new object?[] { text["Evaluations.Csv.Summary"], text["Evaluations.Csv.Responses"], r.Responses },
            new object?[] { text["Evaluations.Csv.Summary"], text["Evaluations.Csv.ResponseRate"], r.ResponseRate },
        };
        rows.AddRange(r.Scales.Select(s => new object?[] { text["Evaluations.Csv.Scale"], s.Text, s.Average, s.Answered, s.Counts[0], s.Counts[1], s.Counts[2], s.Counts[3], s.Counts[4] }));
        if (r.Gain is { } g)
        {
            rows.Add([text["Evaluations.Csv.Gain"], text["Evaluations.Csv.Pre"], g.AveragePre, g.People]);
            rows.Add([text["Evaluations.Csv.Gain"], text["Evaluations.Csv.Post"], g.AveragePost, g.People]);
            rows.Add([text["Evaluations.Csv.Gain"], text["Evaluations.Csv.GainValue"], g.Gain, g.People]);
        }
        rows.AddRange(r.Classes.Select(c => new object?[] { text["Evaluations.Csv.Class"], c.Title, c.TrainerAverage, c.Responses, c.Participants }));
        rows.AddRange(r.Comments.Select(c => new object?[] { text["Evaluations.Csv.Comment"], c.Question, c.Text }));
        string[] header = [text["Evaluations.Csv.Section"], text["Evaluations.Csv.Item"], text["Evaluations.Csv.Value"], text["Evaluations.Csv.Count"], "1", "2", "3", "4", "5"];
        // A byte-order mark, so a spreadsheet opens the file as UTF-8 (names and comments in Indonesian keep their letters).
        return "\uFEFF" + CsvText.Write(header, rows.Select(row => row.Select(c => c is LocalizedString l ? l.Value : c)));
    }
}
