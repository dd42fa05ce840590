using Learning.Assessments.Contracts;
using Learning.Enrolments.Api;
using Learning.Enrolments.Contracts;
using Learning.Enrolments.Domain;
using Learning.Enrolments.Offline;
using Learning.Kernel;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Enrolments;

/// <summary>The learner's side: enrolment, catalog, lesson progress, my learning (home).</summary>
public sealed class EnrolmentsModule : LearningModule
{
    public override string Id => "Enrolments";
    public override IReadOnlyList<string> DependsOn => ["Organisation", "Courses", "Competencies", "Assessments", "Media"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // The menu entries of this module's pages (Kernel/Menu.cs).
        services.AddMenuItem(Roles.Learner, 10, "Enrolments.Menu.Home", "/");
        services.AddMenuItem(Roles.Learner, 20, "Enrolments.Menu.Catalog", "/courses");
        services.AddMenuItem(Roles.Learner, 25, "Enrolments.Menu.Offline", "/learn/offline");
        services.AddSyntheticData<SyntheticEnrolments>();
        services.AddScoped<Enrolling>();
        services.AddSingleton<ResumePoints>();
        services.AddHostedService(sp => sp.GetRequiredService<ResumePoints>());
        services.AddScoped<OfflineLearning>();
        services.AddScoped<IAssessedEnrolments, AssessedEnrolments>();
        services.AddScoped<ICourseCompletions, CourseCompletions>();
        services.AddScoped<IEnrolmentRequests, EnrolmentRequests>();
        services.AddScoped<IPathCourseEnrolments, PathCourseEnrolments>();
        services.AddScoped<IEnrolmentStatistics, EnrolmentStatistics>();
        services.AddScoped<IEnrolmentDueDates, EnrolmentDueDates>();
        services.AddScoped<IDomainEventHandler<AssessmentPassed>, RecordPassWhenAssessmentPassed>();
        services.AddScoped<IDomainEventHandler<EnrolmentPathRejected>, RejectEnrolmentWhenEnrolmentPathRejected>();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<Enrolment>(b =>
        {
            b.ToTable(Table("Enrolments"));
            b.Property(e => e.Id).ValueGeneratedNever();
            b.Property(e => e.CourseSlug).HasMaxLength(100);
            b.Property(e => e.Status).HasMaxLength(20);
            b.Property(e => e.Source).HasConversion<string>().HasMaxLength(20);
            b.Property(e => e.LastLessonKey).HasMaxLength(100);
            b.Property(e => e.PathKey).HasMaxLength(100);
            b.Property(e => e.Score).HasPrecision(5, 1);
            b.Property(e => e.Revision).IsConcurrencyToken();
            // One active enrolment per person and course, also when two requests race.
            b.HasIndex(e => new { e.EmployeeId, e.CourseSlug }).IsUnique().HasFilter("\"Status\" = 'in-progress'");
            b.HasIndex(e => new { e.EmployeeId, e.Status });
            b.HasMany(e => e.Lessons).WithOne().HasForeignKey(l => l.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<LessonProgress>(b =>
        {
            b.ToTable(Table("LessonProgress"));
            b.Property(l => l.Id).ValueGeneratedNever();
            b.Property(l => l.LessonKey).HasMaxLength(100);
            b.HasIndex(l => new { l.EnrolmentId, l.LessonKey }).IsUnique();
        });
        model.Entity<SyncedCompletion>(b =>
        {
            b.ToTable(Table("SyncedCompletions"));
            b.Property(s => s.Id).ValueGeneratedNever();
            b.Property(s => s.LessonKey).HasMaxLength(100);
            // A client id counts once, forever: a resent or doubled queue meets this index and is answered "duplicate".
            b.HasIndex(s => new { s.EmployeeId, s.ClientId }).IsUnique();
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapEnrolmentsApi();
        endpoints.MapInstallableApp();
        endpoints.MapOfflineApi();
    }
}
