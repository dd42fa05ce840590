using Learning.Kernel;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Data;

// One context type per database provider, so each keeps its own migrations (Data/Migrations/<Provider>).
public sealed class SqliteLearningDbContext(DbContextOptions<SqliteLearningDbContext> options, ModuleSet modules, IServiceProvider services)
    : LearningDbContext(options, modules, services);

public sealed class PostgresLearningDbContext(DbContextOptions<PostgresLearningDbContext> options, ModuleSet modules, IServiceProvider services)
    : LearningDbContext(options, modules, services)
{
    // Each connection names this context's tenant, which the row-level security policies read (RowSecurity).
    protected override void OnConfiguring(DbContextOptionsBuilder options)
    {
        base.OnConfiguring(options);
        options.AddInterceptors(RowSecurity.Session);
    }
}
