using Learning.Kernel;
using Learning.Courses.Contracts;
using Learning.Certification.Contracts;

namespace Learning.CareerRecords.Competencies;

/// <summary>
/// generate-data: what the certificate events left in the competency records. Each certificate proves its course's
/// competencies at their levels until it is no longer valid: active while valid (one in its window stays active until the
/// next sweep opens it, as the certificate does), lapsed the day after an expired one's last valid day.
/// </summary>
internal sealed class SyntheticCompetencyRecords(LearningDbContext db) : ISyntheticDataPart
{
    public IReadOnlyList<Type> Needs => [typeof(SyntheticCourse), typeof(SyntheticCertificate)];
    public IReadOnlyList<Type> Makes => [];

    public async Task Generate(SyntheticCity city, CancellationToken ct)
    {
        var awards = city.All<SyntheticCourse>().ToDictionary(c => c.Slug, c => c.Competencies);
        long lapsed = 0;
        city.Count("CareerRecords", "competency records", await SyntheticCity.Save(db, Records(), ct));
        city.Count("CareerRecords", "lapsed", lapsed);

        IEnumerable<CompetencyRecord> Records()
        {
            foreach (var c in city.All<SyntheticCertificate>())
                foreach (var (code, level) in awards[c.CourseSlug].DistinctBy(a => a.Code))
                {
                    var record = new CompetencyRecord(c.EmployeeId, code, level, c.Id, c.Number, c.CourseSlug, c.IssuedOn, c.ValidUntil,
                        c.IssuedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
                    if (c.ExpiredOn is { } on)
                    {
                        record.Lapse(on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
                        lapsed++;
                    }
                    yield return record;
                }
        }
    }
}
