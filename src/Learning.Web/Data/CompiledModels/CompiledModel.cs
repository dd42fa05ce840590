using Learning.Kernel;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Learning.Web.Data.CompiledModels;

/// <summary>
/// The EF Core model of every module of <see cref="Program.Modules"/>, generated ahead of time (<c>eng/compiled-model.sh</c>,
/// one per provider): building it from code took ~0.9 s of CPU at every start (bench/README.md, "Start-up, fifth round").
/// Another module set (a test host's, say) builds its own as before. The tenant filters are not in the generated code (EF
/// Core 10 refuses to generate them) and are added when it loads. <c>CompiledModelTests</c> fails when it is out of date.
/// </summary>
internal static class CompiledModel
{
    private static readonly Lazy<string> AllModules = new(() => new ModuleSet(Program.Modules).Key);

    public static IModel? For<TContext>(ModuleSet modules) =>
        modules.Key != AllModules.Value ? null
        : typeof(TContext) == typeof(SqliteLearningDbContext) ? Sqlite.SqliteLearningDbContextModel.Instance
        : typeof(TContext) == typeof(PostgresLearningDbContext) ? Postgres.PostgresLearningDbContextModel.Instance
        : null;
}
