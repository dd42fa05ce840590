using Learning.Accounts.Contracts;
using Learning.Kernel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Learning.Accounts;

/// <summary>
/// The Identity tables, configured here as <c>IdentityDbContext</c> (schema version 1) would, so the shared context needs
/// to know no login type: same tables, columns, keys, indexes and lengths as before the move.
/// </summary>
internal static class IdentityModel
{
    public static void Configure(ModelBuilder model, Func<string, string> table)
    {
        model.Entity<LearningUser>(b =>
        {
            b.HasKey(u => u.Id);
            b.HasIndex(u => u.NormalizedUserName).HasDatabaseName("UserNameIndex").IsUnique();
            b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex");
            b.HasIndex(u => u.EmployeeId).IsUnique();
            b.ToTable(table("Users"));
            b.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
            b.Property(u => u.UserName).HasMaxLength(256);
            b.Property(u => u.NormalizedUserName).HasMaxLength(256);
            b.Property(u => u.Email).HasMaxLength(256);
            b.Property(u => u.NormalizedEmail).HasMaxLength(256);
            b.Property(u => u.DisplayName).HasMaxLength(200);
            b.Property(u => u.Language).HasMaxLength(5);
            b.Ignore(u => u.IsDeactivated);
            b.HasMany<IdentityUserClaim<Guid>>().WithOne().HasForeignKey(c => c.UserId).IsRequired();
            b.HasMany<IdentityUserLogin<Guid>>().WithOne().HasForeignKey(l => l.UserId).IsRequired();
            b.HasMany<IdentityUserToken<Guid>>().WithOne().HasForeignKey(t => t.UserId).IsRequired();
            b.HasMany<IdentityUserRole<Guid>>().WithOne().HasForeignKey(r => r.UserId).IsRequired();
        });
        model.Entity<IdentityUserClaim<Guid>>(b =>
        {
            b.HasKey(c => c.Id);
            b.ToTable(table("UserClaims"));
        });
        model.Entity<IdentityUserLogin<Guid>>(b =>
        {
            b.HasKey(l => new { l.LoginProvider, l.ProviderKey });
            b.ToTable(table("UserLogins"));
        });
        model.Entity<IdentityUserToken<Guid>>(b =>
        {
            b.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
            b.ToTable(table("UserTokens"));
        });
        model.Entity<LearningRole>(b =>
        {
            b.HasKey(r => r.Id);
            b.SharedByAllTenants(); // role names are the platform's (Kernel/Caller.cs); who holds them is each tenant's
            b.HasIndex(r => r.NormalizedName).HasDatabaseName("RoleNameIndex").IsUnique();
            b.ToTable(table("Roles"));
            b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
            b.Property(r => r.Name).HasMaxLength(256);
            b.Property(r => r.NormalizedName).HasMaxLength(256);
            b.HasMany<IdentityUserRole<Guid>>().WithOne().HasForeignKey(r => r.RoleId).IsRequired();
            b.HasMany<IdentityRoleClaim<Guid>>().WithOne().HasForeignKey(c => c.RoleId).IsRequired();
        });
        model.Entity<IdentityRoleClaim<Guid>>(b =>
        {
            b.HasKey(c => c.Id);
            b.ToTable(table("RoleClaims"));
            b.SharedByAllTenants();
        });
        model.Entity<IdentityUserRole<Guid>>(b =>
        {
            b.HasKey(r => new { r.UserId, r.RoleId });
            b.ToTable(table("UserRoles"));
        });
    }
}
