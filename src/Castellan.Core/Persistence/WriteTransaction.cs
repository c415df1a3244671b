using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Castellan.Core.Persistence;

/// <summary>
/// The one way a use case begins a transaction that writes. SQLite lets one connection write at a time, and
/// Microsoft.Data.Sqlite meets a busy file by sleeping 150 ms before it tries again: under a steady stream of writes
/// (a server with several users) a writer could lose that race several times in a row. Writers of one process
/// therefore queue here, in arrival order and without blocking a thread, and begin their transaction (which takes the
/// file's write lock at once) when their turn comes. A writer in another process (a CLI run beside <c>serve</c>) still
/// meets SQLite's own busy wait. PostgreSQL needs no gate: its row locks queue writers, also across instances.
/// </summary>
public static class WriteTransaction
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static async Task<IDbContextTransaction> BeginWriteAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        // A failed save fails the whole change (it is rolled back): no savepoint round trips around every save.
        database.AutoSavepointsEnabled = false;
        if (GateOf(database.GetDbConnection()) is not { } gate)
        {
            return await database.BeginTransactionAsync(cancellationToken);
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return new GatedTransaction(await database.BeginTransactionAsync(cancellationToken), gate);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>The gate of a SQLite database file; null for PostgreSQL and for in-memory SQLite (one connection, nobody to queue).</summary>
    private static SemaphoreSlim? GateOf(DbConnection connection) =>
        connection is SqliteConnection { DataSource: var file } && DatabaseTarget.IsSharedFile(file)
            ? Gates.GetOrAdd(Path.GetFullPath(file), _ => new SemaphoreSlim(1, 1))
            : null;

    /// <summary>The transaction of a gated writer: a commit or rollback that succeeded, or else the disposal, lets the next writer in.</summary>
    private sealed class GatedTransaction(IDbContextTransaction inner, SemaphoreSlim gate) : IDbContextTransaction, IInfrastructure<DbTransaction>
    {
        private int released;

        public Guid TransactionId => inner.TransactionId;

        DbTransaction IInfrastructure<DbTransaction>.Instance => inner.GetDbTransaction();

        public void Commit()
        {
            inner.Commit();
            Release();
        }

        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            await inner.CommitAsync(cancellationToken);
            Release();
        }

        public void Rollback()
        {
            inner.Rollback();
            Release();
        }

        public async Task RollbackAsync(CancellationToken cancellationToken = default)
        {
            await inner.RollbackAsync(cancellationToken);
            Release();
        }

        public void Dispose()
        {
            try
            {
                inner.Dispose();
            }
            finally
            {
                Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync();
            }
            finally
            {
                Release();
            }
        }

        private void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
