using Learning.Kernel;
using Learning.Organisation.Api;
using Learning.Organisation.Contracts;
using Learning.Organisation.Domain;
using Learning.Organisation.Onboarding;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Organisation;

/// <summary>Units (OPD), positions, employees with their NIP and supervisors, and CSV onboarding.</summary>
public sealed class OrganisationModule : LearningModule
{
    public override string Id => "Organisation";

    public override IReadOnlyList<string> DependsOn => ["Audit"];

    // The import page asks Accounts to e-mail invitations when it runs (Accounts builds on us, so not a DependsOn).
    public override IReadOnlyList<string> OptionalDependencies => ["Accounts"];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // The menu entries of this module's pages (Kernel/Menu.cs).
        services.AddMenuItem(Roles.Administrator, 30, "Organisation.Menu.Admin", "/admin/organisation");
        services.AddSyntheticData<SyntheticOrganisation>();
        services.AddScoped<IOrganisationDirectory, OrganisationDirectory>();
        services.AddScoped<IOrganisationOnboarding, OrganisationOnboarding>();
        services.AddSingleton(CoordinatorScopeSetting.From(configuration));
        services.AddScoped<ICoordinatorScope, CoordinatorScope>();
        services.AddScoped<IStaffChanges, StaffChanges>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapOrganisationApi();

    public override void ConfigureModel(ModelBuilder model)
    {
        model.Entity<Unit>(b =>
        {
            b.ToTable(Table("Units"));
            b.Property(u => u.Code).HasMaxLength(50);
            b.Property(u => u.Name).HasMaxLength(300);
            b.HasIndex(u => u.Code).IsUnique();
            b.HasIndex(u => u.ParentId);
        });
        model.Entity<Position>(b =>
        {
            b.ToTable(Table("Positions"));
            b.Property(p => p.Code).HasMaxLength(50);
            b.Property(p => p.Name).HasMaxLength(300);
            b.HasIndex(p => p.Code).IsUnique();
        });
        model.Entity<Employee>(b =>
        {
            b.ToTable(Table("Employees"));
            b.Property(e => e.Nip).HasMaxLength(18);
            b.Property(e => e.Name).HasMaxLength(200);
            b.Property(e => e.Email).HasMaxLength(200);
            b.Property(e => e.Roles).HasMaxLength(200);
            b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(10);
            b.HasIndex(e => e.Nip).IsUnique();
            b.HasIndex(e => e.SupervisorId);
            b.HasIndex(e => e.UnitId);
            b.HasIndex(e => e.PositionId);
            b.Ignore(e => e.RoleList);
            b.Ignore(e => e.IsActive);
        });
    }
}
