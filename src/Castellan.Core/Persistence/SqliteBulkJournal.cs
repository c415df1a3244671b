using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Castellan.Core.Persistence;

/// <summary>
/// A bulk write to a SQLite file that no other connection has open, with a rollback journal instead of the write-ahead
/// log, and the log again afterwards. In write-ahead-log mode every page of a large transaction is written twice: into
/// the log, then copied into the database by the checkpoint when the last connection closes (for an advisories import,
/// 13 MB each way, and the checkpoint's 21 to 25 ms came after everything else). With a rollback journal the new pages
/// go into the database once; the journal holds only the few pages that existed before. The commit is as durable either
/// way (SQLite's fsyncs).
/// </summary>
/// <remarks>
/// Leaving WAL mode needs an exclusive lock, and every connection in WAL mode holds a shared one for as long as it is
/// open: <see cref="TryEnter"/> succeeds only when this connection is the file's only one, without waiting. When another
/// has the file open (a running server), nothing changes and the write goes through the log. A reader that opens the
/// file during the write waits for the commit, as SQLite's rollback mode has it (the import's rows were written in
/// well under a second). If the process stops during the write, the next connection rolls the journal back, as always
/// in that mode, and the file stays in rollback mode until the next bulk write or `castellan serve` sets WAL again.
/// </remarks>
internal sealed class SqliteBulkJournal : IDisposable
{
    private readonly sqlite3 handle;

    private SqliteBulkJournal(sqlite3 handle) => this.handle = handle;

    /// <summary>The rollback journal for the connection's next transactions, or null (not SQLite, or not alone).</summary>
    public static SqliteBulkJournal? TryEnter(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || !DatabaseTarget.IsSharedFile(sqlite.DataSource))
        {
            return null;
        }

        // Without waiting: Microsoft.Data.Sqlite would retry a busy statement for its whole command timeout.
        return WithBusyTimeout(handle, 0, () => JournalMode(handle, "DELETE")) == "delete" ? new SqliteBulkJournal(handle) : null;
    }

    /// <summary>Back to write-ahead-log mode (after the transaction ended), waiting a little for a reader that came meanwhile.</summary>
    public void Dispose()
    {
        // Not switched back (a reader held the file for seconds): the data is committed and consistent; the file stays in
        // rollback mode until the next bulk write or server start.
        _ = WithBusyTimeout(handle, 5000, () => JournalMode(handle, "WAL"));
    }

    private static string? WithBusyTimeout(sqlite3 handle, int milliseconds, Func<string?> run)
    {
        var before = Query(handle, "PRAGMA busy_timeout");
        raw.sqlite3_busy_timeout(handle, milliseconds);
        try
        {
            return run();
        }
        finally
        {
            raw.sqlite3_busy_timeout(handle, int.TryParse(before, out var value) ? value : 0);
        }
    }

    // The journal mode after asking for mode: the new one, or null when the file was busy.
    private static string? JournalMode(sqlite3 handle, string mode) => Query(handle, "PRAGMA journal_mode=" + mode);

    private static string? Query(sqlite3 handle, string sql)
    {
        if (raw.sqlite3_prepare_v2(handle, sql, out var statement) != raw.SQLITE_OK)
        {
            statement.Dispose();
            return null;
        }

        using (statement)
        {
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_text(statement, 0).utf8_to_string() : null;
        }
    }
}
