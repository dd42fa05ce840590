using Learning.Competencies.Api;
using Learning.Competencies.Contracts;
using Learning.Competencies.Domain;
using Learning.Kernel;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Competencies;

/// <summary>
/// The competency dictionary (technical, managerial and socio-cultural competencies graded on levels 1 to 5) and the
/// standard of each position: the level it requires per competency.
/// </summary>
public sealed class CompetenciesModule : LearningModule
{
    public override string Id => "Competencies";
    public override IReadOnlyList<string> DependsOn => ["Organisation", "Audit"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // The menu entries of this module's pages (Kernel/Menu.cs).
        services.AddMenuItem(Roles.Coordinator, 90, "Competencies.Menu.Standards", "/competencies/standards");
        services.AddMenuItem(Roles.Administrator, 90, "Competencies.Menu.Standards", "/competencies/standards");
        services.AddSyntheticData<SyntheticCompetencies>();
        services.AddScoped<CompetencyDictionary>();
        services.AddScoped<ICompetencyDictionary>(sp => sp.GetRequiredService<CompetencyDictionary>());
        services.AddScoped<ICompetencyDictionaryWriter>(sp => sp.GetRequiredService<CompetencyDictionary>());
        services.AddScoped<IPositionStandards, PositionStandards>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapCompetenciesApi();

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<Competency>(b =>
        {
            b.ToTable(Table("Competencies"));
            b.SharedCatalogue();
            b.Property(c => c.Code).HasMaxLength(100);
            b.Property(c => c.Name).HasMaxLength(300);
            b.Property(c => c.Type).HasConversion<string>().HasMaxLength(20);
            b.Property(c => c.Levels);
            b.HasIndex(c => c.Code).IsUnique();
        });
        model.Entity<PositionRequirement>(b =>
        {
            b.ToTable(Table("PositionStandards"));
            b.Property(r => r.PositionCode).HasMaxLength(50);
            b.Property(r => r.CompetencyCode).HasMaxLength(100);
            b.HasIndex(r => new { r.PositionCode, r.CompetencyCode }).IsUnique();
        });
    }
}
