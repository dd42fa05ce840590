using Learning.Kernel;
using Learning.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;

namespace Learning.Design;

// dotnet-ef builds the model from every module in Program.Modules, for each provider. Without the tenant query filters:
// migrations do not hold them, and the compiled-model generator refuses them (the compiled model adds them back,
// Tenancy.AddFilters).
internal static class DesignModules
{
    public static ModuleSet All
    {
        get
        {
            Tenancy.WithoutQueryFilters = true;
            return ModuleSet.Resolve(global::Program.Modules, new ConfigurationBuilder().Build());
        }
    }
}

internal sealed class SqliteFactory : IDesignTimeDbContextFactory<SqliteLearningDbContext>
{
    public SqliteLearningDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteLearningDbContext>().UseSqlite("Data Source=design.db").Options,
        DesignModules.All, new EmptyServices());
}

internal sealed class PostgresFactory : IDesignTimeDbContextFactory<PostgresLearningDbContext>
{
    public PostgresLearningDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresLearningDbContext>().UseNpgsql("Host=localhost;Database=design").Options,
        DesignModules.All, new EmptyServices());
}

internal sealed class EmptyServices : IServiceProvider
{
    public object? GetService(Type serviceType) => null;
}
