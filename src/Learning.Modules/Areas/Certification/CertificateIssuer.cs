using Learning.Certification.Contracts;
using Learning.Courses.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certification;

/// <summary>
/// A finished course earns a numbered certificate, written in the transaction of the path step that issues it (the path
/// engine's <c>issue-certificate</c>; completion alone never issues); its PDF goes to blob storage after commit, through the outbox.
/// </summary>
internal sealed class CertificateIssuer(
    LearningDbContext db, ICourseCatalog courses, IOrganisationDirectory organisation, IOutbox outbox,
    CertificationOptions options, TimeProvider clock) : ICertificateIssuer
{
    public async Task<IssuedCertificate> Issue(CertificateRequest completed, CancellationToken ct)
    {
        // One certificate per enrolment, whatever asks twice (the unique index on EnrolmentId backs this up).
        var existing = db.Set<Certificate>().Local.FirstOrDefault(c => c.EnrolmentId == completed.EnrolmentId)
            ?? await db.Set<Certificate>().AsNoTracking().FirstOrDefaultAsync(c => c.EnrolmentId == completed.EnrolmentId, ct);
        if (existing is not null) return new IssuedCertificate(existing.Id, existing.Number, false);

        var course = completed.CourseSlug.Length == 0 && completed.Class is { } standAlone
            ? StandAlone(standAlone, completed)
            : await courses.Find(completed.CourseSlug, ct)
              ?? throw new InvalidOperationException($"Course '{completed.CourseSlug}' of enrolment {completed.EnrolmentId} is not in the catalogue.");
        var holder = await organisation.FindEmployee(completed.EmployeeId, ct)
            ?? throw new InvalidOperationException($"Employee {completed.EmployeeId} of enrolment {completed.EnrolmentId} is not in the directory.");

        var issuedOn = clock.LocalDate(completed.CompletedAt);
        var rule = course.Certificate;
        var awards = completed.Competencies ?? course.Course.Competencies;
        var jp = completed.JpOverride ?? completed.Jp;
        DateOnly? validUntil = (completed.ValidityMonths ?? rule.ValidityMonths) is > 0 and var months
            ? rule.Recertification is { } recert
                ? Contracts.Recertification.NewExpiry(recert, months, issuedOn, null)
                : issuedOn.AddMonths(months)
            : null;

        var sequence = await NextSequence(holder.UnitCode, issuedOn.Year, ct);
        var certificate = Certificate.Issue(
            CertificateNumbers.Format(holder.UnitCode, issuedOn.Year, sequence), CertificateNumbers.NewCode(),
            completed.EnrolmentId, holder.Id, holder.Name, holder.Nip, holder.UnitCode, course.Course, awards,
            jp, completed.Minutes, clock.LocalDate(completed.StartedAt), issuedOn, validUntil,
            rule.Recertification?.WindowDays, options.BodyOf(db.Tenant).PublicUrl, clock.GetUtcNow().UtcDateTime,
            completed.Class is { } c ? new ClassDates(c.ClassId, c.Title, clock.LocalDate(c.FirstSessionAt), clock.LocalDate(c.LastSessionEndsAt)) : null);

        db.Add(certificate);
        outbox.Enqueue(new WriteCertificatePdf(certificate.Id));
        return new IssuedCertificate(certificate.Id, certificate.Number, true);
    }

    /// <summary>
    /// A stand-alone class (no catalogue course) is certified as itself: its title, the path's JP and competencies, and no validity
    /// of its own (no course rule; a path's <c>validity_months</c> still applies) — there is no assessment to reassess it with.
    /// </summary>
    private static CourseOutline StandAlone(ClassTraining c, CertificateRequest completed) => new(
        new CourseSummary(Guid.Empty, "", c.Title, "", "id", completed.JpOverride ?? completed.Jp, completed.Minutes, CourseStatus.Published, 0,
            completed.Competencies ?? []),
        new CertificateRule(null, null), [], null);

    /// <summary>
    /// Next number for the unit and year. The update takes the counter row's lock until commit, so two
    /// completions in the same unit never share a number; the insert creates the row the first time.
    /// </summary>
    private async Task<int> NextSequence(string unitCode, int year, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Certification_Counters" ("TenantKey", "UnitCode", "Year", "Last") VALUES ({db.TenantKey}, {unitCode}, {year}, 0) ON CONFLICT DO NOTHING""", ct);
        await db.Set<CertificateCounter>().Where(c => c.UnitCode == unitCode && c.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Last, c => c.Last + 1), ct);
        return await db.Set<CertificateCounter>().Where(c => c.UnitCode == unitCode && c.Year == year)
            .Select(c => c.Last).SingleAsync(ct);
    }
}
