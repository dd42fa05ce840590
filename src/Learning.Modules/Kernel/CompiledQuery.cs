using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Learning.Kernel;

/// <summary>
/// An EF Core compiled query (<c>EF.CompileAsyncQuery</c>) per model. A compiled query skips EF's per-query work (the
/// expression's parameters, the query cache's lookup) on the reads every page runs (bench/README.md, "The floor, fifth
/// round"), but EF Core refuses to run one with another model than its first: a server has one, a test process several
/// hosts (SQLite and PostgreSQL, different module sets), each with its own.
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private sealed record Compiled(IModel Model, TQuery Query);

    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();
    private readonly ConditionalWeakTable<IModel, TQuery>.CreateValueCallback _compile = _ => compile();
    private Compiled? _last;

    public TQuery For(DbContext db)
    {
        var model = db.Model;
        if (_last is { } last && ReferenceEquals(last.Model, model)) return last.Query;
        var query = _byModel.GetValue(model, _compile);
        _last = new Compiled(model, query);
        return query;
    }
}
