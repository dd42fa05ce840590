using Learning.CareerRecords.Api;
using Learning.CareerRecords.Competencies;
using Learning.CareerRecords.Contracts;
using Learning.Certification.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Learning.CareerRecords.Components;
using Learning.Enrolments.Contracts;

namespace Learning.CareerRecords;

/// <summary>
/// Training history (riwayat pengembangan kompetensi), the JP ledger, 20-JP compliance, the SIASN export, and each person's
/// competency records (from certificates and supervisor-confirmed self-assessments) with the gaps against their position's standard.
/// </summary>
public sealed class CareerRecordsModule : LearningModule
{
    public override string Id => "CareerRecords";
    public override IReadOnlyList<string> DependsOn => ["Certification", "Enrolments", "Organisation", "Media", "Competencies", "Courses", "Notifications", "Audit"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // The menu entries of this module's pages (Kernel/Menu.cs).
        services.AddMenuItem(Roles.Learner, 30, "CareerRecords.Menu.Record", "/career-record");
        services.AddMenuItem(Roles.Learner, 50, "CareerRecords.Menu.Assessment", "/career-record/assessment");
        services.AddMenuItem(Roles.Supervisor, 40, "CareerRecords.Menu.TeamAssessments", "/career-record/assessment/team");
        services.AddMenuItem<WaitingVerifications>(Roles.Coordinator, 60, "CareerRecords.Menu.Verification", "/career-records/verification", "CareerRecords.Menu.VerificationWaiting");
        services.AddMenuItem(Roles.Coordinator, 70, "CareerRecords.Menu.Compliance", "/career-records/compliance");
        services.AddSyntheticData<SyntheticCareerRecords>();
        var options = configuration.GetSection("CareerRecords").Get<CareerRecordsOptions>() ?? new CareerRecordsOptions();
        if (configuration["PublicUrl"] is { Length: > 0 } publicUrl) options.PublicUrl = publicUrl;
        if (options.MinutesPerJp <= 0) throw new InvalidOperationException("CareerRecords:MinutesPerJp must be a positive number of minutes.");
        // SIASN refuses a riwayat kursus line whose kinds it does not know: a city's own setting is checked at start, not at export.
        if (!TrainingKinds.JenisDiklat.Contains(options.ClassJenisDiklat) || !TrainingKinds.JenisKursus.Contains(options.ClassJenisKursus))
            throw new InvalidOperationException(
                $"CareerRecords:ClassJenisDiklat must be one of {string.Join(", ", TrainingKinds.JenisDiklat)} and ClassJenisKursus one of {string.Join(", ", TrainingKinds.JenisKursus)}.");
        // Per scope: the tenant of the scope's context names its own institution, address and yearly JP.
        services.AddScoped(sp => options.For(sp.GetRequiredService<LearningDbContext>().Tenant));
        services.AddScoped<CareerRecordQueries>();
        services.AddScoped<ICareerRecordExport>(sp => sp.GetRequiredService<CareerRecordQueries>());
        services.AddScoped<IJpStanding>(sp => sp.GetRequiredService<CareerRecordQueries>());
        services.AddScoped<ExternalTrainings>();
        services.AddScoped<IDomainEventHandler<CertificateIssued>, RecordTrainingWhenCertificateIssued>();
        services.AddScoped<IDomainEventHandler<CertificateRevoked>, WithdrawTrainingWhenCertificateRevoked>();
        services.AddSingleton<IHomeSection>(new HomeSection<JpBarViewComponent>(30));

        services.AddScoped<CompetencyRecords>();
        services.AddSyntheticData<SyntheticCompetencyRecords>();
        services.AddScoped<ICompetencyGaps>(sp => sp.GetRequiredService<CompetencyRecords>());
        services.AddScoped<CompetencyAssessments>();
        services.AddSingleton<IHomeSection>(new HomeSection<CompetencyGapsViewComponent>(60));
        services.AddSingleton<IHomeSection>(new HomeSection<PendingAssessmentsViewComponent>(10));
        services.AddScoped<IDomainEventHandler<CertificateIssued>, RecordCompetenciesWhenCertificateIssued>();
        services.AddScoped<IDomainEventHandler<CertificateRevoked>, RemoveCompetenciesWhenCertificateRevoked>();
        services.AddScoped<IDomainEventHandler<CertificateReassessmentDue>, MarkCompetenciesWhenCertificateReassessmentDue>();
        services.AddScoped<IDomainEventHandler<CertificateRenewed>, RenewCompetenciesWhenCertificateRenewed>();
        services.AddScoped<IDomainEventHandler<CertificateExpired>, LapseCompetenciesWhenCertificateExpired>();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        ConfigureTrainings(model);
        ConfigureCompetencies(model);
    }

    private void ConfigureCompetencies(ModelBuilder model)
    {
        model.Entity<CompetencyRecord>(b =>
        {
            b.ToTable(Table("CompetencyRecords"));
            b.Property(r => r.CompetencyCode).HasMaxLength(100);
            b.Property(r => r.CertificateNumber).HasMaxLength(100);
            b.Property(r => r.CourseSlug).HasMaxLength(100);
            b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            b.HasIndex(r => r.EmployeeId);
            b.HasIndex(r => new { r.CertificateId, r.CompetencyCode }).IsUnique();
        });
        model.Entity<CompetencyAssessment>(b =>
        {
            b.ToTable(Table("CompetencyAssessments"));
            b.Property(a => a.PositionCode).HasMaxLength(50);
            b.Property(a => a.ConfirmedByName).HasMaxLength(200);
            b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            b.HasMany(a => a.Ratings).WithOne().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(a => new { a.EmployeeId, a.Status });
            b.HasIndex(a => new { a.SupervisorId, a.Status });
            // One unsent draft per ASN: two saves at once cannot leave two (the later one answers 409 and is saved again).
            b.HasIndex(a => a.EmployeeId).IsUnique().HasFilter("\"Status\" = 'Draft'").HasDatabaseName("IX_CareerRecords_CompetencyAssessments_OneDraft");
        });
        model.Entity<AssessmentRating>(b =>
        {
            b.ToTable(Table("AssessmentRatings"));
            b.Property(r => r.CompetencyCode).HasMaxLength(100);
            b.Property(r => r.SelfNote).HasMaxLength(500);
            b.Property(r => r.Comment).HasMaxLength(500);
        });
    }

    private void ConfigureTrainings(ModelBuilder model) => model.Entity<Training>(b =>
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

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCareerRecordsApi();
        endpoints.MapCompetencyApi();
        // The self-assessment pages were at /competencies/assessment[/team] while their URL named another module; notifications
        // already sent and bookmarks still point there. "~/" keeps the path base of a tenant reached by /t/{key}.
        endpoints.MapGet("/competencies/assessment", () => Results.LocalRedirect("~/career-record/assessment", permanent: true)).ExcludeFromDescription();
        endpoints.MapGet("/competencies/assessment/team", () => Results.LocalRedirect("~/career-record/assessment/team", permanent: true)).ExcludeFromDescription();
    }
}
