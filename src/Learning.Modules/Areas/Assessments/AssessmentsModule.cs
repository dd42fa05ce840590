using Learning.Assessments.Api;
using Learning.Assessments.Domain;
using Learning.Kernel;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Assessments;

/// <summary>Attempts at a course's assessment: drawn and shuffled per attempt, timed and graded on the server.</summary>
public sealed class AssessmentsModule : LearningModule
{
    public override string Id => "Assessments";
    public override IReadOnlyList<string> DependsOn => ["Courses"];

    // generate-data makes attempts on the enrolments Enrolments generated (Enrolments builds on us, so not a DependsOn).
    public override IReadOnlyList<string> OptionalDependencies => ["Enrolments"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Attempts>();
        services.AddScoped<Contracts.IItemStatistics, ItemStatistics>();
        services.AddScoped<Contracts.IAttemptScores, AttemptScores>();
        services.AddSyntheticData<SyntheticAttempts>();
    }

    public override void ConfigureModel(ModelBuilder model) => model.Entity<Attempt>(b =>
    {
        b.ToTable(Table("Attempts"));
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.CourseSlug).HasMaxLength(100);
        b.Property(a => a.Status).HasMaxLength(20);
        b.Property(a => a.Score).HasPrecision(5, 1);
        b.Property(a => a.Revision).IsConcurrencyToken();
        // Two attempts started at once cannot both take the same number, so max attempts holds.
        b.HasIndex(a => new { a.EnrolmentId, a.Number }).IsUnique();
        // And never two open attempts: a start that raced another one's commit loses here and resumes it.
        b.HasIndex(a => a.EnrolmentId).IsUnique().HasFilter("\"Status\" = 'open'").HasDatabaseName("IX_Assessments_Attempts_OneOpen");
        b.HasIndex(a => a.EmployeeId);
        b.Ignore(a => a.Drawn);
        b.Ignore(a => a.WrongQuestions);
    });

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapAssessmentsApi();
}
