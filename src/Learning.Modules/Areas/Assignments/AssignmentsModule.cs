using Learning.Assignments.Api;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Learning.Assignments.Components;

namespace Learning.Assignments;

/// <summary>Mandatory assignments with due dates, extensions, reminders and escalation, the team's compliance, the JP pace.</summary>
public sealed class AssignmentsModule : LearningModule
{
    public override string Id => "Assignments";
    public override IReadOnlyList<string> DependsOn => ["Organisation", "Accounts", "Courses", "Enrolments", "CareerRecords", "Notifications", "Audit", "Classes"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // The menu entries of this module's pages (Kernel/Menu.cs).
        services.AddMenuItem(Roles.Learner, 40, "Assignments.Menu.Mine", "/assignments/mine");
        services.AddMenuItem<WaitingExtensions>(Roles.Supervisor, 10, "Assignments.Menu.Team", "/team", "Assignments.Menu.ExtensionsWaiting");
        services.AddMenuItem(Roles.Supervisor, 30, "Assignments.Menu.Assign", "/assignments/new");
        services.AddMenuItem<WaitingExtensions>(Roles.Coordinator, 30, "Assignments.Menu.Units", "/team", "Assignments.Menu.ExtensionsWaiting");
        services.AddMenuItem(Roles.Coordinator, 40, "Assignments.Menu.Assign", "/assignments/new");
        services.AddSingleton(AssignmentsOptions.From(configuration));
        services.AddScoped<TeamScope>();
        services.AddScoped<IPersonalPageStamps, TeamPageStamps>();
        services.AddScoped<Assigning>();
        services.AddScoped<ItemNames>();
        services.AddScoped<Extensions>();
        services.AddScoped<TeamCompliance>();
        services.AddSyntheticData<SyntheticAssignments>();
        services.AddScoped<IDomainEventHandler<LessonCompleted>, StartItemWhenLessonCompleted>();
        services.AddScoped<IDomainEventHandler<EnrolmentCompleted>, CompleteItemWhenEnrolmentCompleted>();
        services.AddSingleton<IHomeSection>(new HomeSection<MyAssignmentsViewComponent>(20));
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<Assignment>(b =>
        {
            b.ToTable(Table("Assignments"));
            b.Property(a => a.Id).ValueGeneratedNever();
            b.Property(a => a.CourseSlug).HasMaxLength(100);
            b.Property(a => a.PathKey).HasMaxLength(100);
            b.Property(a => a.Target).HasConversion<string>().HasMaxLength(20);
            b.Property(a => a.TargetCode).HasMaxLength(50);
            b.Property(a => a.Note).HasMaxLength(Assigning.MaxNote);
            b.HasMany(a => a.Items).WithOne(i => i.Assignment).HasForeignKey(i => i.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<AssignmentItem>(b =>
        {
            b.ToTable(Table("Items"));
            b.Property(i => i.Id).ValueGeneratedNever();
            b.Property(i => i.CourseSlug).HasMaxLength(100);
            b.Property(i => i.PathKey).HasMaxLength(100);
            b.Property(i => i.Status).HasMaxLength(20);
            b.Property(i => i.Revision).IsConcurrencyToken();
            // One open item per person and course (or path), also when two supervisors assign at the same instant.
            b.HasIndex(i => new { i.EmployeeId, i.CourseSlug }).IsUnique().HasFilter("\"Status\" <> 'completed' AND \"CourseSlug\" IS NOT NULL")
                .HasDatabaseName("IX_Assignments_Items_OneOpenCourse");
            b.HasIndex(i => new { i.EmployeeId, i.PathKey }).IsUnique().HasFilter("\"Status\" <> 'completed' AND \"PathKey\" IS NOT NULL")
                .HasDatabaseName("IX_Assignments_Items_OneOpenPath");
            b.HasIndex(i => i.EmployeeId);
            b.HasIndex(i => i.EnrolmentId);
            // The reminder job reads open items by due date.
            b.HasIndex(i => new { i.Status, i.DueOn });
        });
        model.Entity<ExtensionRequest>(b =>
        {
            b.ToTable(Table("ExtensionRequests"));
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.Reason).HasMaxLength(Extensions.MaxReason);
            b.Property(r => r.Answer).HasMaxLength(Extensions.MaxReason);
            b.Property(r => r.Status).HasMaxLength(20);
            b.HasIndex(r => new { r.ItemId, r.Status });
            b.HasIndex(r => r.Status);
        });
    }

    public override void ConfigureJobs(IQuartzBuilder quartz, IConfiguration configuration)
    {
        quartz.AddScheduledJob<AssignmentRemindersJob>(configuration, AssignmentRemindersJob.Name, "0 0 6 * * ?", "Assignments.Jobs.Reminders");
        quartz.AddScheduledJob<JpComplianceJob>(configuration, JpComplianceJob.Name, "0 0 7 1 * ?", "Assignments.Jobs.JpCompliance");
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapAssignmentsApi();
}
