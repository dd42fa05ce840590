using Learning.Certification.Contracts;
using Learning.Classes.Contracts;
using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Microsoft.Extensions.Localization;

namespace Learning.Paths.Steps;

/// <summary>
/// issue-certificate: once the course's enrolment is finished, Certification issues the certificate (valid <c>validity_months</c>,
/// else the reassessment's interval), with the step's JP and competencies.
/// </summary>
public sealed class IssueCertificateStep(ICertificateIssuer certificates, IClassPlaces classes, IStringLocalizer text) : IPathStep
{
    public string Kind => StepKinds.IssueCertificate;

    public IReadOnlyList<string> Fields { get; } = ["course", "validity_months", "jp", "competencies"];

    public PathStep Read(PathYaml.Fields map, PathStep step) => step with
    {
        Courses = map.OneCourse(required: false),
        ValidityMonths = map.Int("validity_months", false, 1, 600),
        Jp = map.PositiveNumber("jp"),
        Competencies = map.Awards("competencies"),
    };

    public async Task<StepOutcome> Run(StepRun run, CancellationToken ct)
    {
        var (definition, step, facts) = (run.Definition, run.Step, run.Facts);
        var slug = definition.CourseOf(step);
        if (facts.Certificates.ContainsKey(slug)) return run.Done();
        // The certificate needs the finished enrolment (all lessons and the course's own assessment).
        if (!facts.Completed.TryGetValue(slug, out var done)) return StepOutcome.Waiting;
        var validity = step.ValidityMonths
            ?? definition.Steps.FirstOrDefault(s => s.Kind == StepKinds.Reassess && definition.CourseOf(s) == slug)?.EveryMonths;
        var issued = await certificates.Issue(new CertificateRequest(done.EnrolmentId, run.Instance.EmployeeId, slug, done.Jp, done.Minutes,
            done.StartedAt, done.CompletedAt, validity, step.Jp, step.Competencies, await ClassOf(definition, slug, ct)), ct);
        facts.Certificates[slug] = issued.CertificateId;
        run.History(HistoryKinds.CertificateIssued, issued.Number);
        return run.Done();
    }

    /// <summary>
    /// The class the course was taken in, when an attend-class step of this path is for it (a class's path): the certificate then
    /// names the class and its dates, first to last non-cancelled session.
    /// </summary>
    private async Task<ClassTraining?> ClassOf(PathDefinition definition, string slug, CancellationToken ct)
    {
        var attend = definition.Steps.FirstOrDefault(s => s.Kind == StepKinds.AttendClass && s.ClassId is not null && definition.CourseOf(s) == slug);
        if (attend?.ClassId is not { } classId || await classes.Rules(classId, ct) is not { } rules) return null;
        if (rules.FirstSessionAt is not { } first || rules.LastSessionEndsAt is not { } last) return null;
        return new ClassTraining(classId, rules.Title, first, last);
    }

    public string Describe(PathStep step, string courses) => text["Paths.Step.IssueCertificate", courses];
}
