using Learning.Kernel;

namespace Learning.CareerRecords;

public enum TrainingSource { Platform, External }

public enum TrainingStatus { Pending, Verified, Rejected }

/// <summary>One line of a person's riwayat pengembangan kompetensi: from a certificate here, or entered with proof.</summary>
public sealed class Training
{
    public Guid Id { get; private set; } = Ids.New();
    public Guid EmployeeId { get; private set; }
    public string Nip { get; private set; } = "";
    public string UnitCode { get; private set; } = "";
    public TrainingSource Source { get; private set; }
    public TrainingStatus Status { get; private set; }
    public string Title { get; private set; } = "";
    public string Institution { get; private set; } = "";
    public string JenisDiklat { get; private set; } = "";
    public string JenisKursus { get; private set; } = "";
    public decimal Jp { get; private set; }
    public DateOnly StartOn { get; private set; }
    public DateOnly EndOn { get; private set; }
    public int Year { get; private set; }
    public string CertificateNumber { get; private set; } = "";
    public Guid? CertificateId { get; private set; }
    public string? CertificateCode { get; private set; }
    /// <summary>The certificate PDF (platform) or the uploaded proof (external).</summary>
    public string? DocumentBlobName { get; private set; }
    public string? DocumentContentType { get; private set; }
    public string? ReviewReason { get; private set; }
    public Guid? ReviewedBy { get; private set; }
    public DateTime? ReviewedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private Training() { }

    public static Training FromCertificate(Guid employeeId, string nip, string unitCode, Guid certificateId, string number, string code,
        string title, string institution, string jenisDiklat, string jenisKursus, decimal jp, DateOnly startOn, DateOnly endOn,
        string pdfBlobName, DateTime now) => new()
    {
        EmployeeId = employeeId, Nip = nip, UnitCode = unitCode, Source = TrainingSource.Platform, Status = TrainingStatus.Verified,
        Title = title, Institution = institution, JenisDiklat = jenisDiklat, JenisKursus = jenisKursus, Jp = jp,
        StartOn = startOn, EndOn = endOn, Year = endOn.Year, CertificateNumber = number, CertificateId = certificateId,
        CertificateCode = code, DocumentBlobName = pdfBlobName, DocumentContentType = "application/pdf", CreatedAt = now,
    };

    public static Training External(Guid employeeId, string nip, string unitCode, string title, string organiser,
        string jenisDiklat, string jenisKursus, decimal jp, DateOnly startOn, DateOnly endOn, string certificateNumber,
        string proofBlobName, string proofContentType, DateTime now) => new()
    {
        EmployeeId = employeeId, Nip = nip, UnitCode = unitCode, Source = TrainingSource.External, Status = TrainingStatus.Pending,
        Title = title, Institution = organiser, JenisDiklat = jenisDiklat, JenisKursus = jenisKursus, Jp = jp,
        StartOn = startOn, EndOn = endOn, Year = endOn.Year, CertificateNumber = certificateNumber,
        DocumentBlobName = proofBlobName, DocumentContentType = proofContentType, CreatedAt = now,
    };

    /// <summary>Only a pending line is reviewed; a decision stands.</summary>
    public bool Review(bool verified, string? reason, Guid by, DateTime at)
    {
        if (Status != TrainingStatus.Pending) return false;
        Status = verified ? TrainingStatus.Verified : TrainingStatus.Rejected;
        ReviewReason = reason;
        ReviewedBy = by;
        ReviewedAt = at;
        return true;
    }

    /// <summary>A revoked certificate no longer counts.</summary>
    public void Withdraw(string reason, DateTime at)
    {
        Status = TrainingStatus.Rejected;
        ReviewReason = reason;
        ReviewedAt = at;
    }
}

/// <summary>The values SIASN's riwayat kursus uses, offered to the ASN when entering an external training.</summary>
public static class TrainingKinds
{
    public static readonly IReadOnlyList<string> JenisDiklat =
        ["Diklat Struktural", "Diklat Fungsional", "Diklat Teknis", "Workshop", "Seminar", "Kursus", "Sosialisasi", "Bimbingan Teknis", "Pelatihan"];

    public static readonly IReadOnlyList<string> JenisKursus =
        ["Klasikal", "E-Learning", "Blended Learning", "Distance Learning", "Coaching", "Mentoring", "Magang", "Benchmarking"];
}

/// <summary>CareerRecords:* settings.</summary>
public sealed class CareerRecordsOptions
{
    public string Institution { get; set; } = "BKPSDM Kota Semarang";
    public int MinutesPerJp { get; set; } = 45;
    public decimal RequiredJpPerYear { get; set; } = 20;
    public string PlatformJenisDiklat { get; set; } = "Diklat Teknis";
    public string PlatformJenisKursus { get; set; } = "E-Learning";
    /// <summary>
    /// What a certificate earned in a class (classical training) is in SIASN's riwayat kursus. SIASN says "classical" in
    /// jenisKursus (its "Klasikal" beside "E-Learning", TrainingKinds); jenisDiklat names the kind of training, and a class here is
    /// the same technical training the platform's courses are, so it stays "Diklat Teknis" unless a city sets another SIASN value.
    /// </summary>
    public string ClassJenisDiklat { get; set; } = "Diklat Teknis";
    public string ClassJenisKursus { get; set; } = "Klasikal";
    public long MaxProofBytes { get; set; } = 5L * 1024 * 1024;
    /// <summary>Top-level PublicUrl: exports link each certificate PDF absolutely, so a row leads back to it from anywhere.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5000";

    /// <summary>These settings as <paramref name="tenant"/> has them: its institution, address and yearly JP where it sets them.</summary>
    public CareerRecordsOptions For(TenantInfo tenant)
    {
        var own = (CareerRecordsOptions)MemberwiseClone();
        if (tenant.Institution is { Length: > 0 } institution) own.Institution = institution;
        if (tenant.PublicUrl is { Length: > 0 } url) own.PublicUrl = url;
        if (tenant.JpPerYear is > 0 and var jp) own.RequiredJpPerYear = jp;
        return own;
    }
}
