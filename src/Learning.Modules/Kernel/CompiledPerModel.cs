using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Learning.Kernel;

/// <summary>
/// An EF Core compiled query (<c>EF.CompileAsyncQuery</c>: no parameter extraction nor query-cache look-up on each run), compiled
/// once per model. A compiled query refuses any model but its first, and one process may hold several (SQLite and PostgreSQL
/// in the tests, other module sets). For the reads every home page makes (bench/README.md, fifth round).
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = new();

    public TQuery For(DbContext db) => _compiled.GetValue(db.Model, _ => compile());
}
