using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Castellan.Core.Persistence;

/// <summary>
/// Has Linux start writing the pages of a long SQLite write transaction to disk while it is still running
/// (sync_file_range, as PostgreSQL's backend_flush_after does), so that the fsync of its commit finds little left to
/// write: the pages of the write-ahead log, or of the database itself under a rollback journal
/// (<see cref="SqliteBulkJournal"/>). Without it an advisories import wrote its whole log, 13 MB, inside the commit's
/// fsync after the last file had been read: the commit took 14 to 16 ms, with it 10 to 11. It only starts the writing:
/// when the transaction is durable is still decided by SQLite's fsync. Nothing is done on other systems, for
/// PostgreSQL, or when the file cannot be opened.
/// </summary>
/// <remarks>
/// Closing a descriptor of a file releases every POSIX lock the process holds on it, SQLite's included: this one is
/// disposed after the SQLite connection is closed (declare it before the connection).
/// </remarks>
internal sealed class SqliteWriteBehind : IDisposable
{
    // Every this many rows (of a few KB each) the log written so far is handed to the disk.
    private const int RowsPerStart = 128;

    private const uint SyncFileRangeWrite = 2;

    private readonly string database;
    private string written;
    private SafeFileHandle? handle;
    private int rows;

    private SqliteWriteBehind(string database) => (this.database, written) = (database, database + "-wal");

    /// <summary>For a SQLite file on Linux (its write-ahead log), else null.</summary>
    public static SqliteWriteBehind? For(DatabaseTarget target) =>
        OperatingSystem.IsLinux() && target.SqliteFile is { } file && DatabaseTarget.IsSharedFile(file) ? new SqliteWriteBehind(file) : null;

    /// <summary>The pages go into the database file itself (a rollback journal), not into its log.</summary>
    public void IntoDatabase() => written = database;

    /// <summary>Counts a row written; every <see cref="RowsPerStart"/> rows, starts the disk writing what the log holds.</summary>
    public void RowWritten()
    {
        if (++rows % RowsPerStart != 0)
        {
            return;
        }

        try
        {
            // Opened once it exists (SQLite creates the log with the first pages it writes); closed only after SQLite's.
            handle ??= File.Exists(written) ? File.OpenHandle(written, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete) : null;
            if (handle is not null)
            {
                _ = SyncFileRange((int)handle.DangerousGetHandle(), 0, 0, SyncFileRangeWrite);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a hint only: the commit's fsync writes whatever was not written here
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            rows = int.MinValue; // a C library without sync_file_range: not asked again during this write
        }
    }

    public void Dispose() => handle?.Dispose();

    // Blittable arguments only: no marshalling code is generated for the call.
    [DllImport("libc", EntryPoint = "sync_file_range")]
    private static extern int SyncFileRange(int fd, long offset, long count, uint flags);
}
