using Learning.Courses.Api;
using Learning.Courses.Content;
using Learning.Courses.Contracts;
using Learning.Courses.Domain;
using Learning.Courses.Rendering;
using Learning.Kernel;
using Learning.Media.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Courses;

/// <summary>
/// Courses → modules → lessons and their question banks; the Markdown pipeline; content import and export. Content is the
/// shared catalogue's kind of row: a tenant that subscribes reads the platform's published courses beside its own (its own
/// course of the same slug hides the platform's), takes them and keeps its own progress, but never changes them.
/// </summary>
public sealed class CoursesModule : LearningModule
{
    public override string Id => "Courses";
    public override IReadOnlyList<string> DependsOn => ["Media", "Competencies", "Accounts", "Audit"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // The menu entries of this module's pages (Kernel/Menu.cs).
        services.AddMenuItem(Roles.Coordinator, 10, "Courses.Menu.Authoring", "/authoring");
        services.AddMenuItem(Roles.Administrator, 70, "Courses.Menu.Authoring", "/authoring");
        services.AddSyntheticData<SyntheticCourses>();
        services.AddScoped<IContentImporter, ContentImporter>();
        services.AddScoped<IContentExporter, ContentExporter>();
        services.AddScoped<ICourseCatalog, CourseCatalog>();
        services.AddScoped<IAssessmentBank, AssessmentBank>();
        services.AddScoped<ILessonRenderer, LessonRenderer>();
        services.AddScoped<IMediaAccessPolicy, CourseMediaAccess>();
        services.AddScoped<IBlobReferences, CourseBlobReferences>();
        services.Configure<ContentZipOptions>(configuration.GetSection("Courses:Zip"));
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<Course>(b =>
        {
            b.ToTable(Table("Courses"));
            b.SharedCatalogue();
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Slug).HasMaxLength(100);
            b.Property(c => c.Title).HasMaxLength(300);
            b.Property(c => c.Summary).HasMaxLength(2000);
            b.Property(c => c.Language).HasMaxLength(5);
            b.Property(c => c.Jp).HasPrecision(6, 2);
            b.Property(c => c.Revision).IsConcurrencyToken();
            b.Property(c => c.RevisedPart).HasMaxLength(120);
            b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            b.Property(c => c.RenewFrom).HasConversion<string>().HasMaxLength(20);
            b.Property(c => c.RenewFixedDate).HasMaxLength(5);
            b.HasIndex(c => c.Slug).IsUnique();
            b.HasIndex(c => c.Status);
            b.HasMany(c => c.Competencies).WithOne().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(c => c.Modules).WithOne().HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(c => c.Lessons).WithOne().HasForeignKey(l => l.CourseId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne(c => c.Assessment).WithOne().HasForeignKey<Assessment>(a => a.CourseId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<CourseCompetency>(b =>
        {
            b.ToTable(Table("CourseCompetencies"));
            b.SharedCatalogue();
            b.Property(a => a.Id).ValueGeneratedNever();
            b.Property(a => a.Code).HasMaxLength(100);
            b.HasIndex(a => new { a.CourseId, a.Code }).IsUnique();
            b.HasIndex(a => a.Code);
        });
        model.Entity<CourseModule>(b =>
        {
            b.ToTable(Table("Modules"));
            b.SharedCatalogue();
            b.Property(m => m.Id).ValueGeneratedNever();
            b.Property(m => m.Title).HasMaxLength(300);
        });
        model.Entity<Lesson>(b =>
        {
            b.ToTable(Table("Lessons"));
            b.SharedCatalogue();
            b.Property(l => l.Id).ValueGeneratedNever();
            b.Property(l => l.Key).HasMaxLength(100);
            b.Property(l => l.Title).HasMaxLength(300);
            b.HasIndex(l => new { l.CourseId, l.Key }).IsUnique();
            // Lessons move between modules when a new version regroups them; a module goes only once empty.
            b.HasOne<CourseModule>().WithMany().HasForeignKey(l => l.ModuleId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Assessment>(b =>
        {
            b.ToTable(Table("Assessments"));
            b.SharedCatalogue();
            b.Property(a => a.Id).ValueGeneratedNever();
            b.HasMany(a => a.Questions).WithOne().HasForeignKey(q => q.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Question>(b =>
        {
            b.ToTable(Table("Questions"));
            b.SharedCatalogue();
            b.Property(q => q.Id).ValueGeneratedNever();
            b.Property(q => q.Key).HasMaxLength(50);
            b.Property(q => q.Type).HasConversion<string>().HasMaxLength(20);
            b.HasIndex(q => new { q.AssessmentId, q.Key }).IsUnique();
        });
        model.Entity<MediaFile>(b =>
        {
            b.ToTable(Table("MediaFiles"));
            b.SharedCatalogue();
            b.Property(m => m.Id).ValueGeneratedNever();
            b.Property(m => m.Path).HasMaxLength(500);
            b.Property(m => m.BlobName).HasMaxLength(500);
            b.Property(m => m.ContentType).HasMaxLength(100);
            b.HasIndex(m => m.Path).IsUnique();
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapCoursesApi();
}
