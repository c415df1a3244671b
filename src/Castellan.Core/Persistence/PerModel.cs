using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Castellan.Core.Persistence;

/// <summary>
/// An EF Core compiled query (<see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(System.Linq.Expressions.Expression{Func{TContext, TParam1, TResult}})"/>
/// and friends) for the queries every request runs: no expression tree built and hashed per call. A compiled query
/// binds to the model of the first context it runs with, and one process may use SQLite and PostgreSQL (the tests,
/// <c>db copy</c>): one is compiled per model.
/// </summary>
public sealed class PerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> byModel = new();

    public TQuery For(DbContext db) => byModel.GetOrAdd(db.Model, _ => compile());
}
