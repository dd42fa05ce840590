using Learning.Kernel;
using Learning.Tenants.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Tenants;

/// <summary>
/// Several governments on one platform: the tenants (key, name, host names, clock, certificate institution and official,
/// public address, mail sender, theme, JP rule, catalogue subscription) and which one a request is for. The isolation
/// itself is the frame's (<see cref="Tenancy"/>): every row carries its tenant and every query is filtered.
/// </summary>
public sealed class TenantsModule : LearningModule
{
    public override string Id => "Tenants";

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<ITenantDirectory>(sp => sp.GetRequiredService<TenantDirectory>());
        services.AddScoped<ITenantAdministration, TenantAdministration>();
        services.AddSingleton<PlatformAdministrators>();
        services.AddSingleton<IAuthorizationHandler>(sp => sp.GetRequiredService<PlatformAdministrators>());
        services.AddAuthorizationBuilder().AddPolicy(PlatformAdministration.Policy,
            p => p.RequireAuthenticatedUser().AddRequirements(new PlatformAdministrators.Requirement()));
    }

    public override void ConfigureModel(ModelBuilder model) => model.Entity<Tenant>(b =>
    {
        b.ToTable(Table("Tenants"));
        b.SharedByAllTenants();
        b.HasKey(t => t.Key);
        b.Property(t => t.Key).HasMaxLength(Tenant.KeyLength);
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Hosts).HasMaxLength(500);
        b.Property(t => t.TimeZone).HasMaxLength(60);
        b.Property(t => t.Institution).HasMaxLength(200);
        b.Property(t => t.OfficialName).HasMaxLength(200);
        b.Property(t => t.OfficialTitle).HasMaxLength(200);
        b.Property(t => t.OfficialNip).HasMaxLength(18);
        b.Property(t => t.PublicUrl).HasMaxLength(300);
        b.Property(t => t.MailFrom).HasMaxLength(200);
        b.Property(t => t.MailFromName).HasMaxLength(200);
        b.Property(t => t.Theme).HasMaxLength(60);
        b.Property(t => t.Logo).HasMaxLength(300);
        b.Property(t => t.Colour).HasMaxLength(20);
        b.Property(t => t.JpPerYear).HasPrecision(6, 2);
        b.Property(t => t.Revision).IsConcurrencyToken();
        b.Ignore(t => t.HostList);
    });

    /// <summary>The tenant is known before routing, localisation and sign-in (they all read data of one tenant).</summary>
    public override void UseBeforeRouting(IApplicationBuilder app) => app.Use(TenantResolution.Run);
}
