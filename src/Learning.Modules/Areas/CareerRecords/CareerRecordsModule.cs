using Learning.CareerRecords.Api;
using Learning.CareerRecords.Contracts;
using Learning.Certification.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.CareerRecords;

/// <summary>Training history (riwayat pengembangan kompetensi), the JP ledger, 20-JP compliance and the SIASN export.</summary>
public sealed class CareerRecordsModule : LearningModule
{
    public override string Id => "CareerRecords";
    public override IReadOnlyList<string> DependsOn => ["Certification", "Organisation", "Media"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSyntheticData<SyntheticCareerRecords>();
        var options = configuration.GetSection("CareerRecords").Get<CareerRecordsOptions>() ?? new CareerRecordsOptions();
        if (configuration["PublicUrl"] is { Length: > 0 } publicUrl) options.PublicUrl = publicUrl;
        if (options.MinutesPerJp <= 0) throw new InvalidOperationException("CareerRecords:MinutesPerJp must be a positive number of minutes.");
        services.AddSingleton(options);
        services.AddScoped<CareerRecordQueries>();
        services.AddScoped<ICareerRecordExport>(sp => sp.GetRequiredService<CareerRecordQueries>());
        services.AddScoped<IJpStanding>(sp => sp.GetRequiredService<CareerRecordQueries>());
        services.AddScoped<ExternalTrainings>();
        services.AddScoped<IDomainEventHandler<CertificateIssued>, RecordTrainingWhenCertificateIssued>();
        services.AddScoped<IDomainEventHandler<CertificateRevoked>, WithdrawTrainingWhenCertificateRevoked>();
        services.AddSingleton(new HomeSection(10, "JpBar"));
    }

    public override void ConfigureModel(ModelBuilder model) => model.Entity<Training>(b =>
    {
        b.ToTable(Table("Trainings"));
        b.Property(t => t.Nip).HasMaxLength(18);
        b.Property(t => t.UnitCode).HasMaxLength(50);
        b.Property(t => t.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Title).HasMaxLength(300);
        b.Property(t => t.Institution).HasMaxLength(200);
        b.Property(t => t.JenisDiklat).HasMaxLength(100);
        b.Property(t => t.JenisKursus).HasMaxLength(100);
        b.Property(t => t.Jp).HasPrecision(7, 2);
        b.Property(t => t.CertificateNumber).HasMaxLength(100);
        b.Property(t => t.CertificateCode).HasMaxLength(40);
        b.Property(t => t.DocumentBlobName).HasMaxLength(200);
        b.Property(t => t.DocumentContentType).HasMaxLength(100);
        b.Property(t => t.ReviewReason).HasMaxLength(500);
        b.HasIndex(t => new { t.EmployeeId, t.Year });
        b.HasIndex(t => new { t.Status, t.Year });
        b.HasIndex(t => t.CertificateId).IsUnique();
    });

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapCareerRecordsApi();
}
