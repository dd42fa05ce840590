using Learning.Courses.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;
using Learning.Organisation.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Certification.Contracts;

namespace Learning.Certification;

/// <summary>
/// generate-data: a certificate for every finished enrolment, numbered per unit and year like real ones (the counters
/// continue from there), valid for the course's months from completion: older ones have expired, some are in their
/// recertification window, some are about to enter it. No PDFs are stored: a download renders one from the row.
/// </summary>
internal sealed class SyntheticCertificates(LearningDbContext db, CertificationOptions options) : ISyntheticDataPart
{
    public IReadOnlyList<Type> Needs => [typeof(SyntheticEmployee), typeof(SyntheticCourse), typeof(SyntheticEnrolment)];
    public IReadOnlyList<Type> Makes => [typeof(SyntheticCertificate)];

    public async Task Generate(SyntheticCity city, CancellationToken ct)
    {
        var courses = city.All<SyntheticCourse>().ToDictionary(c => c.Slug);
        var employees = city.All<SyntheticEmployee>().ToDictionary(e => e.Id);
        var counters = new Dictionary<(string Unit, int Year), int>();
        var random = city.Random("Certification");
        var code = new byte[20];
        city.Count("Certification", "certificates", await SyntheticCity.Save(db, Certificates(), ct));

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var ((unit, year), last) in counters)
                await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "Certification_Counters" ("TenantKey", "UnitCode", "Year", "Last") VALUES ({db.TenantKey}, {unit}, {year}, {last})""", ct);
            await transaction.CommitAsync(ct);
        }

        if (city.Samples.TryGetValue("learner", out var nip)
            && city.All<SyntheticCertificate>().FirstOrDefault(c => c.Nip == nip && (c.ValidUntil is null || c.ValidUntil > city.Today)) is { } sample)
            city.Samples["certificate"] = sample.Code;
        city.Count("Certification", "in the recertification window or expiring within 90 days",
            city.All<SyntheticCertificate>().Count(c => c.ValidUntil is { } u && u >= city.Today && u <= city.Today.AddDays(90)));

        IEnumerable<Certificate> Certificates()
        {
            // In completion order, so numbers rise with the dates as they would have.
            foreach (var e in city.All<SyntheticEnrolment>().Where(e => e.CompletedAt is not null).OrderBy(e => e.CompletedAt))
            {
                var course = courses[e.CourseSlug];
                var holder = employees[e.EmployeeId];
                var issuedOn = DateOnly.FromDateTime(e.CompletedAt!.Value);
                DateOnly? validUntil = course.ValidityMonths is > 0 and var months
                    ? course.WindowDays is { } window
                        ? Contracts.Recertification.NewExpiry(new RecertificationRule(window, RenewFrom.Completion, null), months, issuedOn, null)
                        : issuedOn.AddMonths(months)
                    : null;
                var key = (holder.UnitCode, issuedOn.Year);
                counters[key] = counters.GetValueOrDefault(key) + 1;
                random.NextBytes(code);
                var certificate = Certificate.Issue(CertificateNumbers.Format(holder.UnitCode, issuedOn.Year, counters[key]),
                    CertificateNumbers.Base32(code), e.Id, holder.Id, holder.Name, holder.Nip, holder.UnitCode,
                    new CourseSummary(course.Id, course.Slug, course.Title, "", "id", course.Jp, course.Minutes, CourseStatus.Published, course.Version,
                        course.Competencies.Select(a => new CompetencyAward(a.Code, a.Level)).ToList()),
                    course.Competencies.Select(a => new CompetencyAward(a.Code, a.Level)).ToList(), course.Jp, course.Minutes,
                    DateOnly.FromDateTime(e.StartedAt), issuedOn, validUntil, course.WindowDays, options.BodyOf(db.Tenant).PublicUrl, e.CompletedAt.Value);
                // Earlier sweeps already expired what ran out; what is in its window now is left for the next sweep.
                DateOnly? expiredOn = validUntil is { } until && until < city.Today ? until.AddDays(1) : null;
                if (expiredOn is { } on) certificate.Expire(on);
                city.Add(new SyntheticCertificate(certificate.Id, certificate.Number, certificate.Code, holder.Id, holder.Nip,
                    holder.UnitCode, course.Slug, course.Title, course.Jp, certificate.StartedOn, issuedOn, validUntil, certificate.PdfBlobName,
                    e.Id, expiredOn));
                yield return certificate;
            }
        }
    }
}
