using System.Globalization;
using Learning.CareerRecords.Contracts;
using Learning.Kernel;
using Learning.Media.Contracts;
using Learning.Organisation.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Learning.CareerRecords;

/// <summary>What an ASN enters for a training taken elsewhere; JP given directly, or hours converted.</summary>
public sealed class ExternalTrainingInput
{
    public string? Title { get; set; }
    public string? Organiser { get; set; }
    public string? JenisDiklat { get; set; }
    public string? JenisKursus { get; set; }
    public DateOnly? StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    public decimal? Jp { get; set; }
    public decimal? Hours { get; set; }
    public string? CertificateNumber { get; set; }

    public static ExternalTrainingInput From(IFormCollection form)
    {
        static DateOnly? Date(string? v) => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        static decimal? Number(string? v) => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
        return new()
        {
            Title = form["title"], Organiser = form["organiser"], JenisDiklat = form["jenisDiklat"], JenisKursus = form["jenisKursus"],
            StartOn = Date(form["startOn"]), EndOn = Date(form["endOn"]), Jp = Number(form["jp"]), Hours = Number(form["hours"]),
            CertificateNumber = form["certificateNumber"],
        };
    }
}

/// <summary>Checks an entry and its proof, stores the proof, and adds a pending line (the caller saves).</summary>
public sealed class ExternalTrainings(LearningDbContext db, IBlobStore blobs, IOrganisationDirectory organisation,
    CareerRecordsOptions options, TimeProvider clock, IStringLocalizer text)
{
    public async Task<(Training? Training, IReadOnlyList<string> Errors)> Enter(Guid employeeId, ExternalTrainingInput input, IFormFile? proof, CancellationToken ct)
    {
        var errors = new List<string>();
        string Need(string? value, string field, int max)
        {
            var v = value?.Trim() ?? "";
            if (v.Length == 0 || v.Length > max) errors.Add(text["CareerRecords.External.Required", text[$"CareerRecords.Field.{field}"], max]);
            return v;
        }
        var title = Need(input.Title, "Title", 300);
        var organiser = Need(input.Organiser, "Organiser", 200);
        var number = Need(input.CertificateNumber, "CertificateNumber", 100);
        var jenisDiklat = input.JenisDiklat?.Trim() ?? "";
        var jenisKursus = input.JenisKursus?.Trim() ?? "";
        if (!TrainingKinds.JenisDiklat.Contains(jenisDiklat)) errors.Add(text["CareerRecords.External.JenisDiklat", string.Join(", ", TrainingKinds.JenisDiklat)]);
        if (!TrainingKinds.JenisKursus.Contains(jenisKursus)) errors.Add(text["CareerRecords.External.JenisKursus", string.Join(", ", TrainingKinds.JenisKursus)]);
        if (input.StartOn is not { } start || input.EndOn is not { } end || end < start) { errors.Add(text["CareerRecords.External.Dates"]); start = end = default; }
        var jp = input.Jp ?? (input.Hours is { } hours ? JpLedger.FromHours(hours, options.MinutesPerJp) : 0);
        if (jp <= 0 || jp > 1000) errors.Add(text["CareerRecords.External.Jp"]);

        string? contentType = null;
        byte[]? bytes = null;
        if (proof is null || proof.Length == 0) errors.Add(text["CareerRecords.External.ProofMissing"]);
        else if (proof.Length > options.MaxProofBytes) errors.Add(text["CareerRecords.External.ProofTooLarge", options.MaxProofBytes / (1024 * 1024)]);
        else
        {
            using var buffer = new MemoryStream();
            await proof.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
            contentType = ProofFiles.ContentTypeOf(bytes);
            if (contentType is null) errors.Add(text["CareerRecords.External.ProofType"]);
        }
        if (errors.Count > 0) return (null, errors);

        var employee = await organisation.FindEmployee(employeeId, ct);
        if (employee is null) return (null, [text["CareerRecords.NoEmployee"]]);
        var now = clock.GetUtcNow().UtcDateTime;
        var blobName = $"{BlobNames.OfTenant("career-records/proofs/", db.TenantKey)}{now:yyyy}/{Guid.CreateVersion7():N}.{ProofFiles.Extension(contentType!)}";
        await blobs.Put(blobName, new MemoryStream(bytes!), contentType!, ct);
        var training = Training.External(employee.Id, employee.Nip, employee.UnitCode, title, organiser, jenisDiklat, jenisKursus, jp,
            start, end, number, blobName, contentType!, now);
        db.Add(training);
        return (training, []);
    }
}
