using Learning.Classes.Api;
using Learning.Classes.Contracts;
using Learning.Enrolments.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Learning.Classes;

/// <summary>
/// Classroom and blended training (diklat klasikal): classes of a course or stand-alone, their sessions, trainers and who may
/// register; registrations with capacity, waitlist and supervisors' reserved places; attendance by rotating check-in codes or
/// the trainer's roll. Approval, completion and the certificate run on the path engine (the attend-class step).
/// </summary>
public sealed class ClassesModule : LearningModule
{
    public const int MaxTitle = 200;
    public const int MaxText = 4000;
    public const int MaxVenue = 300;
    public const int MaxUrl = 500;

    public override string Id => "Classes";
    public override IReadOnlyList<string> DependsOn => ["Organisation", "Courses", "Competencies", "Audit", "Notifications", "Enrolments"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IClassDirectory, ClassDirectory>();
        services.AddScoped<IClassRosters, ClassRosters>();
        services.AddScoped<ClassRegistrations>();
        services.AddScoped<IClassAssigning, ClassAssigning>();
        services.AddScoped<ClassPlanning>();
        services.AddScoped<ClassAccess>();
        // The menu entries of this module's pages (Kernel/Menu.cs).
        services.AddMenuItem(Roles.Learner, 22, "Classes.Menu.Classes", "/classes");
        services.AddMenuItem(Roles.Coordinator, 15, "Classes.Menu.Authoring", "/authoring/classes");
        services.AddMenuItem(Roles.Administrator, 75, "Classes.Menu.Authoring", "/authoring/classes");
        services.AddScoped<ClassAttendance>();
        services.AddSingleton<CheckInGuesses>();
        // The personal calendar feed (linked from the class pages through _ClassLinks) and the day-before reminders.
        services.AddScoped<CalendarFeeds>();
        services.AddScoped<CalendarEvents>();
        services.AddScoped<IClassPlaces>(sp => sp.GetRequiredService<ClassRegistrations>());
        services.AddScoped<IClassCompletions, ClassCompletions>();
        services.AddScoped<IDomainEventHandler<EnrolmentPathRejected>, RejectRegistrationWhenEnrolmentPathRejected>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapClassesApi();
        endpoints.MapAttendanceApi();
        endpoints.MapCalendarApi();
        endpoints.MapClassRegistrationsApi();
    }

    public override void ConfigureJobs(IQuartzBuilder quartz, IConfiguration configuration) =>
        // The afternoon before, in the city's time: late enough to carry the day's changes, early enough to plan the trip.
        quartz.AddScheduledJob<ClassRemindersJob>(configuration, ClassRemindersJob.Name, "0 0 16 * * ?", "Classes.Jobs.Reminders");

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<Class>(b =>
        {
            b.ToTable(Table("Classes"));
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.CourseSlug).HasMaxLength(100);
            b.Property(c => c.Title).HasMaxLength(MaxTitle);
            b.Property(c => c.Description).HasMaxLength(MaxText);
            b.Property(c => c.Competencies).HasMaxLength(1000);
            b.Property(c => c.Approval).HasMaxLength(20);
            b.Property(c => c.Status).HasMaxLength(20);
            b.Property(c => c.Revision).IsConcurrencyToken();
            b.Property(c => c.PlacesRevision).IsConcurrencyToken();
            b.HasMany(c => c.Sessions).WithOne().HasForeignKey(s => s.ClassId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(c => c.Trainers).WithOne().HasForeignKey(t => t.ClassId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(c => c.Audience).WithOne().HasForeignKey(a => a.ClassId).OnDelete(DeleteBehavior.Cascade);
            // The learners' list reads scheduled classes whose registration is still open.
            b.HasIndex(c => new { c.Status, c.RegistrationClosesAt });
        });
        model.Entity<ClassSession>(b =>
        {
            b.ToTable(Table("Sessions"));
            b.Property(s => s.Id).ValueGeneratedNever();
            b.Property(s => s.Venue).HasMaxLength(MaxVenue);
            b.Property(s => s.OnlineUrl).HasMaxLength(MaxUrl);
            b.Property(s => s.CheckInSecret).HasMaxLength(32);
            b.HasIndex(s => new { s.ClassId, s.Number }).IsUnique();
            b.HasIndex(s => s.StartsAt);
        });
        model.Entity<ClassTrainer>(b =>
        {
            b.ToTable(Table("Trainers"));
            b.HasKey(t => new { t.ClassId, t.EmployeeId });
            b.HasIndex(t => t.EmployeeId);
        });
        model.Entity<ClassAudience>(b =>
        {
            b.ToTable(Table("Audience"));
            b.Property(a => a.Kind).HasMaxLength(20);
            b.Property(a => a.Code).HasMaxLength(50);
            b.HasKey(a => new { a.ClassId, a.Kind, a.Code });
        });
        model.Entity<ClassRegistration>(b =>
        {
            b.ToTable(Table("Registrations"));
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.Status).HasMaxLength(20);
            b.Property(r => r.Reason).HasMaxLength(500);
            b.Property(r => r.Revision).IsConcurrencyToken();
            // One open registration per person and class, also when two requests register them at the same instant.
            b.HasIndex(r => new { r.ClassId, r.EmployeeId }).IsUnique()
                .HasFilter("\"Status\" IN ('registered', 'waitlisted', 'pending-approval')")
                .HasDatabaseName("IX_Classes_Registrations_OneOpen");
            b.HasIndex(r => new { r.ClassId, r.Status, r.QueueNumber });
            b.HasIndex(r => r.EmployeeId);
            b.HasIndex(r => r.EnrolmentId);
        });
        model.Entity<ClassReservation>(b =>
        {
            b.ToTable(Table("Reservations"));
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.Revision).IsConcurrencyToken();
            b.HasIndex(r => new { r.ClassId, r.SupervisorId }).IsUnique();
        });
        model.Entity<Attendance>(b =>
        {
            b.ToTable(Table("Attendance"));
            b.Property(a => a.Id).ValueGeneratedNever();
            b.Property(a => a.Method).HasMaxLength(20);
            // Checked in once per session: a second scan of the code, or the roll after a scan, changes nothing.
            b.HasIndex(a => new { a.SessionId, a.EmployeeId }).IsUnique();
            b.HasIndex(a => new { a.ClassId, a.EmployeeId });
        });
        model.Entity<CalendarFeed>(b =>
        {
            b.ToTable(Table("CalendarFeeds"));
            b.Property(f => f.Id).ValueGeneratedNever();
            b.Property(f => f.TokenHash).HasMaxLength(32);
            b.Property(f => f.SealedToken).HasMaxLength(1000);
            b.Property(f => f.Revision).IsConcurrencyToken();
            b.HasIndex(f => f.EmployeeId).IsUnique();
            b.HasIndex(f => f.TokenHash).IsUnique();
        });
        model.Entity<SessionReminder>(b =>
        {
            b.ToTable(Table("SessionReminders"));
            // One reminder per session and person, whoever runs the job and how often.
            b.HasKey(r => new { r.SessionId, r.EmployeeId });
        });
        model.Entity<AttendanceCorrection>(b =>
        {
            b.ToTable(Table("AttendanceCorrections"));
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Reason).HasMaxLength(500);
            b.HasIndex(c => c.ClassId);
        });
    }
}
