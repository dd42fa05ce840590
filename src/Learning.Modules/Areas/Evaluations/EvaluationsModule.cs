using Learning.Evaluations.Api;
using Learning.Kernel;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Evaluations;

/// <summary>
/// Training evaluation: the reaction form (Kirkpatrick level 1) of classes and self-paced courses, the pre-test/post-test gain
/// (level 2), and reports per class, trainer and course.
/// </summary>
public sealed class EvaluationsModule : LearningModule
{
    public override string Id => "Evaluations";
    public override IReadOnlyList<string> DependsOn => ["Organisation", "Courses", "Enrolments", "Assessments", "Classes"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReactionForms>();
        services.AddScoped<Contracts.IEvaluationReports, EvaluationReports>();
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<EvaluationQuestion>(b =>
        {
            b.ToTable(Table("Questions"));
            b.Property(q => q.Id).ValueGeneratedNever();
            b.Property(q => q.SubjectKind).HasMaxLength(10);
            b.Property(q => q.SubjectId).HasMaxLength(100);
            b.Property(q => q.Text).HasMaxLength(ReactionForms.MaxQuestionText);
            b.Property(q => q.Type).HasMaxLength(10);
            b.Ignore(q => q.Key);
            b.HasIndex(q => new { q.SubjectKind, q.SubjectId });
        });
        model.Entity<EvaluationResponse>(b =>
        {
            b.ToTable(Table("Responses"));
            b.Property(r => r.Id).ValueGeneratedNever();
            b.Property(r => r.SubjectKind).HasMaxLength(10);
            b.Property(r => r.SubjectId).HasMaxLength(100);
            // Once per person and subject, also when two submits arrive at the same instant.
            b.HasIndex(r => new { r.SubjectKind, r.SubjectId, r.EmployeeId }).IsUnique();
            b.HasIndex(r => r.EmployeeId);
            b.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<EvaluationAnswer>(b =>
        {
            b.ToTable(Table("Answers"));
            b.HasKey(a => new { a.ResponseId, a.QuestionId });
            b.Property(a => a.QuestionId).HasMaxLength(40);
            b.Property(a => a.Text).HasMaxLength(ReactionForms.MaxText);
            b.HasIndex(a => a.QuestionId);
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapEvaluationsApi();
}
