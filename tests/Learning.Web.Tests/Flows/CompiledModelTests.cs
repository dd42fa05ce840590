using System.Linq.Expressions;
using Learning.Kernel;
using Learning.Web.Data;
using Learning.Web.Data.CompiledModels;
using Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;

namespace Learning.Web.Tests.Flows;

/// <summary>
/// The app runs on EF Core models generated ahead of time (Data/CompiledModels, one per provider) for the modules of
/// Program.Modules. They must be the model the code builds, tenant filters included, and the filters must read the tenant
/// of the context running each query, not the one that first ran it.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate =
        "The compiled EF Core model (src/Learning.Web/Data/CompiledModels) is out of date with the model the modules build: " +
        "run eng/compiled-model.sh and commit what it writes.";

    private static ModuleSet AllModules => ModuleSet.Resolve(Program.Modules, new ConfigurationBuilder().Build());

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public void The_compiled_model_is_the_model_the_code_builds(Db db)
    {
        using var compiled = Context(db, AllModules, compiledModel: true);
        using var code = Context(db, AllModules, compiledModel: false);
        Assert.NotSame(compiled.Model, code.Model);

        var expected = Describe(code.Model);
        var actual = Describe(compiled.Model);
        var line = expected.Zip(actual).Select((pair, i) => (pair, i)).FirstOrDefault(x => x.pair.First != x.pair.Second);
        Assert.True(expected.SequenceEqual(actual),
            $"{Regenerate}\nFirst difference (line {line.i}):\n  code:     {line.pair.First}\n  compiled: {line.pair.Second}" +
            $"\nLines: code {expected.Count}, compiled {actual.Count}");
    }

    [Fact]
    public async Task Each_context_reads_only_its_own_tenants_rows_through_the_compiled_model()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("learning-compiled-").FullName, "t.db");
        var semarang = new TenantInfo("semarang", "Kota Semarang");
        var salatiga = new TenantInfo("salatiga", "Kota Salatiga");
        await using (var setup = Context(Db.Sqlite, AllModules, compiledModel: true, file))
            await setup.Database.EnsureCreatedAsync();
        foreach (var tenant in new[] { semarang, salatiga })
        {
            using var _ = Learning.Kernel.Tenancy.Use(tenant);
            await using var db = Context(Db.Sqlite, AllModules, compiledModel: true, file);
            Assert.Same(SqliteCompiledModel, db.Model);
            db.OutboxMessages.Add(OutboxMessage.For(new Probe(tenant.Key), DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        // The same query, so the second context runs the query the first one compiled: the tenant is a parameter of it.
        foreach (var tenant in new[] { semarang, salatiga, semarang })
        {
            using var _ = Learning.Kernel.Tenancy.Use(tenant);
            await using var db = Context(Db.Sqlite, AllModules, compiledModel: true, file);
            var seen = await db.OutboxMessages.Select(m => m.Payload).ToListAsync();
            Assert.Equal([$"{{\"Tenant\":\"{tenant.Key}\"}}"], seen);
            Assert.Equal(2, await db.OutboxMessages.IgnoreQueryFilters().CountAsync());
        }
    }

    [Fact]
    public async Task The_app_runs_on_the_compiled_model()
    {
        await using var app = new LearningApp(demo: false);
        var model = await app.WithScope(sp => Task.FromResult(sp.GetRequiredService<LearningDbContext>().Model));
        Assert.Same(SqliteCompiledModel, model);
    }

    [Fact]
    public void Another_module_set_builds_its_own_model()
    {
        var fewer = new ModuleSet(Program.Modules.Take(3));
        Assert.Null(CompiledModel.For<SqliteLearningDbContext>(fewer));
        using var db = Context(Db.Sqlite, fewer, compiledModel: true);
        Assert.NotSame(SqliteCompiledModel, db.Model);
        Assert.NotNull(db.Model.FindEntityType(typeof(OutboxMessage)));
    }

    private sealed record Probe(string Tenant);

    private static IModel SqliteCompiledModel => Data.CompiledModels.Sqlite.SqliteLearningDbContextModel.Instance;

    private static LearningDbContext Context(Db db, ModuleSet modules, bool compiledModel, string? file = null)
    {
        if (db == Db.Sqlite)
        {
            var options = new DbContextOptionsBuilder<SqliteLearningDbContext>().UseSqlite($"Data Source={file ?? ":memory:"}");
            if (compiledModel && CompiledModel.For<SqliteLearningDbContext>(modules) is { } model) options.UseModel(model);
            return new SqliteLearningDbContext(options.Options, modules, NoServices.Instance);
        }
        var postgres = new DbContextOptionsBuilder<PostgresLearningDbContext>().UseNpgsql("Host=localhost;Database=unused");
        if (compiledModel && CompiledModel.For<PostgresLearningDbContext>(modules) is { } pgModel) postgres.UseModel(pgModel);
        return new PostgresLearningDbContext(postgres.Options, modules, NoServices.Instance);
    }

    // Every entity type, property, key, index, foreign key and navigation with its facets and annotations, and each type's
    // query filters with the context written as "context" (the code model holds the context that built it, the compiled
    // model a constant of the context's type: EF Core replaces either with the running context).
    private static List<string> Describe(IModel model)
    {
        var lines = model.ToDebugString(MetadataDebugStringOptions.LongDefault).Split('\n').Select(l => l.TrimEnd()).ToList();
        foreach (var type in model.GetEntityTypes().OrderBy(t => t.Name, StringComparer.Ordinal))
        foreach (var filter in type.GetDeclaredQueryFilters())
            lines.Add($"{type.Name} filter {filter.Key}: {new ContextAsParameter().Visit(filter.Expression)}");
        return lines;
    }

    private sealed class ContextAsParameter : ExpressionVisitor
    {
        private static readonly ParameterExpression Context = Expression.Parameter(typeof(LearningDbContext), "context");

        protected override Expression VisitConstant(ConstantExpression node) =>
            typeof(LearningDbContext).IsAssignableFrom(node.Type) ? Context : node;
    }

    private sealed class NoServices : IServiceProvider
    {
        public static readonly NoServices Instance = new();
        public object? GetService(Type serviceType) => null;
    }
}
