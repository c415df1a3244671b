using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Castellan.Core.Persistence;

/// <summary>
/// Has Linux start writing a SQLite write-ahead log's new pages to disk while a long write transaction is still
/// running (sync_file_range, as PostgreSQL's backend_flush_after does), so that the fsync of its commit finds little
/// left to write. Without it an advisories import wrote the whole log, 13 MB, inside that fsync after the last file had
/// been read: its commit took 14 to 16 ms, with it 10 to 11. It only starts the writing: when the transaction is
/// durable is still decided by SQLite's fsync.
/// Nothing is done on other systems, for PostgreSQL, or when the log cannot be opened.
/// </summary>
internal sealed class SqliteWriteBehind : IDisposable
{
    // Every this many rows (of a few KB each) the log written so far is handed to the disk.
    private const int RowsPerStart = 128;

    private const uint SyncFileRangeWrite = 2;

    private readonly string log;
    private SafeFileHandle? handle;
    private int rows;

    private SqliteWriteBehind(string log) => this.log = log;

    /// <summary>For a SQLite file on Linux, else null.</summary>
    public static SqliteWriteBehind? For(DatabaseTarget target) =>
        OperatingSystem.IsLinux() && target.SqliteFile is { } file && DatabaseTarget.IsSharedFile(file) ? new SqliteWriteBehind(file + "-wal") : null;

    /// <summary>Counts a row written; every <see cref="RowsPerStart"/> rows, starts the disk writing what the log holds.</summary>
    public void RowWritten()
    {
        if (++rows % RowsPerStart != 0)
        {
            return;
        }

        try
        {
            // Opened once it exists (SQLite creates it with the first pages it writes). SQLite keeps no locks on the log
            // file itself (they are on the database and its -shm file), so a descriptor of ours cannot release any.
            handle ??= File.Exists(log) ? File.OpenHandle(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete) : null;
            if (handle is not null)
            {
                _ = SyncFileRange((int)handle.DangerousGetHandle(), 0, 0, SyncFileRangeWrite);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a hint only: the commit's fsync writes whatever was not written here
        }
    }

    public void Dispose() => handle?.Dispose();

    // Blittable arguments only: no marshalling code is generated for the call.
    [DllImport("libc", EntryPoint = "sync_file_range")]
    private static extern int SyncFileRange(int fd, long offset, long count, uint flags);
}
