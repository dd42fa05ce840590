using Learning.Assessments.Contracts;
using Learning.Classes.Contracts;
using Learning.Evaluations.Contracts;
using Learning.Certification.Contracts;
using Learning.Courses.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Learning.Organisation.Contracts;
using Learning.Paths.Api;
using Learning.Paths.Definitions;
using Learning.Paths.Engine;
using Learning.Paths.Steps;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Learning.Paths.Components;

namespace Learning.Paths;

/// <summary>
/// The path engine (our replacement for Elsa Workflows): versioned YAML definitions, one instance per enrolment driven by domain
/// events, approvals with time-outs, the history of every transition, and reassessment on the learner's path.
/// </summary>
public sealed class PathsModule : LearningModule
{
    public override string Id => "Paths";
    public override IReadOnlyList<string> DependsOn => ["Organisation", "Accounts", "Courses", "Enrolments", "Assessments", "Certification", "Notifications", "Audit", "Classes", "Evaluations"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // The menu entries of this module's pages (Kernel/Menu.cs).
        services.AddMenuItem<WaitingApprovals>(Roles.Supervisor, 20, "Paths.Menu.Approvals", "/approvals", "Paths.Menu.ApprovalsWaiting");
        services.AddMenuItem(Roles.Coordinator, 20, "Paths.Menu.Authoring", "/authoring/paths");
        services.AddMenuItem<WaitingApprovals>(Roles.Coordinator, 50, "Paths.Menu.Approvals", "/approvals", "Paths.Menu.ApprovalsWaiting");
        services.AddMenuItem<WaitingApprovals>(Roles.Administrator, 60, "Paths.Menu.Approvals", "/approvals", "Paths.Menu.ApprovalsWaiting");
        services.AddMenuItem(Roles.Administrator, 80, "Paths.Menu.Authoring", "/authoring/paths");
        services.AddScoped<PathLibrary>();
        services.AddScoped<PathEngine>();
        services.AddScoped<Approvals>();
        services.AddSingleton<ApprovalCounts>();
        services.AddScoped<PathGate>();
        // The kinds a step may be, in the order the "unknown kind" message lists them.
        services.AddPathStep<RequestApprovalStep>();
        services.AddPathStep<CompleteCourseStep>();
        services.AddPathStep<PassAssessmentStep>();
        services.AddPathStep<IssueCertificateStep>();
        services.AddPathStep<ReassessStep>();
        services.AddPathStep<NotifyStep>();
        services.AddPathStep<AttendClassStep>();
        services.AddScoped<IClassPaths, ClassPaths>();
        services.AddSyntheticData<SyntheticPathInstances>();
        services.AddScoped<IEnrolmentPaths>(sp => sp.GetRequiredService<PathGate>());
        services.AddScoped<IReassessmentRounds>(sp => sp.GetRequiredService<PathGate>());
        services.AddScoped<IContentSection, PathContent>();

        services.AddScoped<IDomainEventHandler<EnrolmentStarted>, StartPathWhenEnrolmentStarted>();
        services.AddScoped<IDomainEventHandler<EnrolmentAssigned>, ApproveWhenEnrolmentAssigned>();
        services.AddScoped<IDomainEventHandler<EmployeeDeactivated>, RerouteApprovalsWhenApproverDeactivated>();
        services.AddScoped<IDomainEventHandler<LessonCompleted>, AdvancePathWhenLessonCompleted>();
        services.AddScoped<IDomainEventHandler<EnrolmentCompleted>, AdvancePathWhenEnrolmentCompleted>();
        services.AddScoped<IDomainEventHandler<AssessmentPassed>, AdvancePathWhenAssessmentPassed>();
        services.AddScoped<IDomainEventHandler<AssessmentFailed>, AdvancePathWhenAssessmentFailed>();
        services.AddScoped<IDomainEventHandler<CertificateReassessmentDue>, OpenReassessmentWhenCertificateReassessmentDue>();
        services.AddScoped<IDomainEventHandler<CertificateExpired>, EndReassessmentWhenCertificateExpired>();
        services.AddScoped<IDomainEventHandler<AttendanceRecorded>, AdvancePathWhenAttendanceRecorded>();
        services.AddScoped<IDomainEventHandler<AttendanceWithdrawn>, ReturnToClassWhenAttendanceWithdrawn>();
        services.AddScoped<IDomainEventHandler<EvaluationSubmitted>, AdvancePathWhenEvaluationSubmitted>();

        services.AddSingleton<IHomeSection>(new HomeSection<MyPathsViewComponent>(40));
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<StoredPath>(b =>
        {
            b.ToTable(Table("Definitions"));
            b.Property(p => p.Id).ValueGeneratedNever();
            b.Property(p => p.Key).HasMaxLength(150);
            b.Property(p => p.Title).HasMaxLength(300);
            b.Property(p => p.Status).HasMaxLength(20);
            b.Property(p => p.CourseSlug).HasMaxLength(100);
            b.HasIndex(p => new { p.Key, p.Version }).IsUnique();
            b.Property(p => p.Revision).IsConcurrencyToken();
            b.HasIndex(p => new { p.Key, p.Status });
        });
        model.Entity<PathInstance>(b =>
        {
            b.ToTable(Table("Instances"));
            b.Property(i => i.Id).ValueGeneratedNever();
            b.Property(i => i.PathKey).HasMaxLength(150);
            b.Property(i => i.CourseSlug).HasMaxLength(100);
            b.Property(i => i.Status).HasMaxLength(20);
            b.Property(i => i.CurrentStep).HasMaxLength(100);
            b.Property(i => i.Outcome).HasMaxLength(30);
            b.Property(i => i.FaultReason).HasMaxLength(1000);
            b.Property(i => i.Revision).IsConcurrencyToken();
            b.HasIndex(i => i.EnrolmentId);
            b.HasIndex(i => new { i.EmployeeId, i.Status });
            b.HasIndex(i => new { i.DefinitionId, i.CurrentStep });
            b.HasIndex(i => i.Status);
        });
        model.Entity<PathEnrolment>(b =>
        {
            b.ToTable(Table("Enrolments"));
            b.HasKey(e => new { e.InstanceId, e.CourseSlug });
            b.Property(e => e.CourseSlug).HasMaxLength(100);
            b.Property(e => e.StepId).HasMaxLength(100);
            b.HasIndex(e => e.EnrolmentId);
        });
        model.Entity<HistoryEntry>(b =>
        {
            b.ToTable(Table("History"));
            b.Property(h => h.Id).ValueGeneratedNever();
            b.Property(h => h.Kind).HasMaxLength(40);
            b.Property(h => h.Step).HasMaxLength(100);
            b.Property(h => h.Actor).HasMaxLength(250);
            b.Property(h => h.Detail).HasMaxLength(1000);
            b.HasIndex(h => new { h.InstanceId, h.At });
        });
        model.Entity<ProcessedEvent>(b =>
        {
            b.ToTable(Table("ProcessedEvents"));
            b.HasKey(p => new { p.InstanceId, p.EventId });
        });
        model.Entity<Approval>(b =>
        {
            b.ToTable(Table("Approvals"));
            b.Property(a => a.Id).ValueGeneratedNever();
            b.Property(a => a.StepId).HasMaxLength(100);
            b.Property(a => a.ApproverRole).HasMaxLength(20);
            b.Property(a => a.Status).HasMaxLength(20);
            b.Property(a => a.DecidedByName).HasMaxLength(250);
            b.Property(a => a.Reason).HasMaxLength(1000);
            b.Property(a => a.Revision).IsConcurrencyToken();
            b.HasIndex(a => new { a.ApproverId, a.Status });
            b.HasIndex(a => new { a.ApproverRole, a.Status });
            b.HasIndex(a => a.InstanceId);
        });
        model.Entity<PathTimer>(b =>
        {
            b.ToTable(Table("Timers"));
            b.Property(t => t.Id).ValueGeneratedNever();
            b.Property(t => t.Kind).HasMaxLength(40);
            b.HasIndex(t => new { t.FiredAt, t.DueAt });
        });
    }

    public override void ConfigureJobs(IQuartzBuilder quartz, IConfiguration configuration) =>
        quartz.AddScheduledJob<PathTimersJob>(configuration, "path-timers", "0 * * * * ?", "Paths.Jobs.Timers");

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapPathsApi();
}

/// <summary>paths/ of the content folder, validated and imported with the rest of it.</summary>
internal sealed class PathContent(PathLibrary library) : IContentSection
{
    public Task<ContentSectionRead> Read(string folder, ContentCourses courses, CancellationToken ct) => library.ReadFolder(folder, courses, ct);

    public Task<int> Export(string folder, CancellationToken ct) => library.Export(folder, ct);
}
