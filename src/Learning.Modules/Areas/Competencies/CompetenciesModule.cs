using Learning.Competencies.Contracts;
using Learning.Competencies.Domain;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Competencies;

/// <summary>The competency dictionary: technical, managerial and socio-cultural competencies graded on levels 1 to 5.</summary>
public sealed class CompetenciesModule : LearningModule
{
    public override string Id => "Competencies";

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSyntheticData<SyntheticCompetencies>();
        services.AddScoped<CompetencyDictionary>();
        services.AddScoped<ICompetencyDictionary>(sp => sp.GetRequiredService<CompetencyDictionary>());
        services.AddScoped<ICompetencyDictionaryWriter>(sp => sp.GetRequiredService<CompetencyDictionary>());
    }

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<Competency>(b =>
        {
            b.ToTable(Table("Competencies"));
            b.Property(c => c.Code).HasMaxLength(100);
            b.Property(c => c.Name).HasMaxLength(300);
            b.Property(c => c.Type).HasConversion<string>().HasMaxLength(20);
            b.Property(c => c.Levels);
            b.HasIndex(c => c.Code).IsUnique();
        });
    }
}
