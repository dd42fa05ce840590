using System.Threading.RateLimiting;
using Learning.Certification.Api;
using Learning.Certification.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Quartz;
using Learning.Certification.Components;
using Learning.Enrolments.Contracts;

namespace Learning.Certification;

/// <summary>Certificates (PDF with QR code), public verification, validity and revocation.</summary>
public sealed class CertificationModule : LearningModule
{
    public override string Id => "Certification";
    public override IReadOnlyList<string> DependsOn => ["Organisation", "Competencies", "Courses", "Enrolments", "Media", "Notifications", "Audit"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // The menu entries of this module's pages (Kernel/Menu.cs).
        services.AddMenuItem(Roles.Coordinator, 80, "Certification.Menu.Revoke", "/certificates/revoke");
        services.AddSyntheticData<SyntheticCertificates>();
        var options = configuration.GetSection("Certification").Get<CertificationOptions>() ?? new CertificationOptions();
        if (configuration["PublicUrl"] is { Length: > 0 } publicUrl) options.PublicUrl = publicUrl;
        services.AddSingleton(options);
        services.AddSingleton<CertificatePdf>();
        services.AddOutboxHandler<WriteCertificatePdf, WriteCertificatePdfHandler>();
        // Issued by the path engine's issue-certificate step, not on completion itself.
        services.AddScoped<ICertificateIssuer, CertificateIssuer>();
        services.AddScoped<ICertificateRenewals, CertificateRenewals>();
        services.AddScoped<IDomainEventHandler<CertificateRenewed>, NotifyHolderWhenCertificateRenewed>();
        services.AddScoped<IDomainEventHandler<CertificateReassessmentDue>, NotifyHolderWhenCertificateReassessmentDue>();
        services.AddScoped<IDomainEventHandler<CertificateExpired>, NotifyHolderAndSupervisorWhenCertificateExpired>();
        services.AddSingleton<IHomeSection>(new HomeSection<MyCertificatesViewComponent>(50));
        AddVerifyRateLimit(services, options);
    }

    /// <summary>A fixed window per client address, so codes cannot be guessed in bulk (Certification:VerifyPermitLimit per VerifyWindowSeconds).</summary>
    private static void AddVerifyRateLimit(IServiceCollection services, CertificationOptions options) => services.AddRateLimiter(o =>
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(CertificationApi.VerifyPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.VerifyPermitLimit,
                Window = TimeSpan.FromSeconds(options.VerifyWindowSeconds),
                QueueLimit = 0,
            }));
        o.OnRejected = async (context, ct) =>
        {
            var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer>();
            context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.HttpContext.Response.Headers.RetryAfter = options.VerifyWindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Problems.Of(StatusCodes.Status429TooManyRequests, text["Certification.Verify.TooMany"]).ExecuteAsync(context.HttpContext);
        };
    });

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<Certificate>(b =>
        {
            b.ToTable(Table("Certificates"));
            b.Property(c => c.Number).HasMaxLength(60);
            b.Property(c => c.Code).HasMaxLength(40);
            b.Property(c => c.HolderName).HasMaxLength(200);
            b.Property(c => c.HolderNip).HasMaxLength(18);
            b.Property(c => c.UnitCode).HasMaxLength(50);
            b.Property(c => c.CourseSlug).HasMaxLength(100);
            b.Property(c => c.CourseTitle).HasMaxLength(300);
            b.Property(c => c.Jp).HasPrecision(6, 2);
            b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(c => c.Revision).IsConcurrencyToken();
            b.Property(c => c.RevocationReason).HasMaxLength(500);
            b.Property(c => c.PdfBlobName).HasMaxLength(200);
            b.Property(c => c.VerificationUrl).HasMaxLength(300);
            b.Property(c => c.ClassTitle).HasMaxLength(300);
            b.Ignore(c => c.Class);
            b.HasIndex(c => c.Code).IsUnique();
            b.HasIndex(c => c.Number).IsUnique();
            b.HasIndex(c => c.EnrolmentId).IsUnique();
            b.HasIndex(c => c.EmployeeId);
            // The sweep's two questions: whose window opens, whose validity ended.
            b.HasIndex(c => new { c.Status, c.ReassessmentOpensOn });
            b.HasIndex(c => new { c.Status, c.ValidUntil });
            b.Ignore(c => c.Competencies);
        });
        model.Entity<CertificateRenewal>(b =>
        {
            b.ToTable(Table("Renewals"));
            b.Property(r => r.Id).ValueGeneratedNever();
            b.HasIndex(r => r.CertificateId);
        });
        model.Entity<CertificateCounter>(b =>
        {
            b.ToTable(Table("Counters"));
            b.HasKey(c => new { c.UnitCode, c.Year });
            b.Property(c => c.UnitCode).HasMaxLength(50);
        });
    }

    public override void ConfigureJobs(IQuartzBuilder quartz, IConfiguration configuration) =>
        quartz.AddScheduledJob<ReassessmentSweepJob>(configuration, ReassessmentSweepJob.Name, "0 0 1 * * ?",
            "Certification.Jobs.ReassessmentSweep");

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapCertificationApi();
}
