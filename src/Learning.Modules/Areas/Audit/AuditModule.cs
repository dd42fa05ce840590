using Learning.Audit.Contracts;
using Learning.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Audit;

/// <summary>
/// The append-only audit log of privileged actions (role and password changes, decisions, revocations, imports, publishing,
/// jobs run by hand): other modules record through <see cref="IAuditLog"/> in their own transaction; administrators read
/// it at /admin/audit.
/// </summary>
public sealed class AuditModule : LearningModule
{
    public override string Id => "Audit";

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // The menu entries of this module's pages (Kernel/Menu.cs).
        services.AddMenuItem(Roles.Administrator, 50, "Audit.Menu.Audit", "/admin/audit");
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<AuditQueries>();
    }

    public override void ConfigureModel(ModelBuilder model) => model.Entity<AuditEntry>(b =>
    {
        b.ToTable(Table("Entries"));
        b.Property(e => e.Actor).HasMaxLength(AuditEntry.ActorLength);
        b.Property(e => e.Action).HasMaxLength(AuditEntry.ActionLength);
        b.Property(e => e.Subject).HasMaxLength(AuditEntry.SubjectLength);
        b.Property(e => e.Detail).HasMaxLength(AuditEntry.DetailLength);
        b.Property(e => e.Address).HasMaxLength(AuditEntry.AddressLength);
        b.HasIndex(e => e.At);
        b.HasIndex(e => new { e.Action, e.At });
    });
}
