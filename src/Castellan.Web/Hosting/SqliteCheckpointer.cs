using Castellan.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Castellan.Web.Hosting;

/// <summary>
/// SQLite in WAL mode copies the log back into the database file (a checkpoint) once the log has grown past 1,000
/// pages, inside the commit of whichever writer crossed that line: that writer then holds the write gate
/// (<see cref="WriteTransaction"/>) through the copy and its flush to disk, and every writer queued behind it waits.
/// The server checkpoints on its own connection, on its own thread, a few times a second instead: a passive checkpoint
/// waits for no reader or writer, and the log seldom grows to the line.
/// </summary>
internal sealed partial class SqliteCheckpointer(DatabaseTarget database, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether <paramref name="database"/> is a SQLite file (PostgreSQL and in-memory databases need none).</summary>
    public static bool Applies(DatabaseTarget database) => DatabaseTarget.IsSharedFile(database.SqliteFile);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        while (!stoppingToken.WaitHandle.WaitOne(Interval))
        {
            try
            {
                if (connection.State != System.Data.ConnectionState.Open)
                {
                    connection.Open();
                }

                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                command.ExecuteNonQuery();
            }
            catch (SqliteException e)
            {
                // A busy or locked file: the next round (or a writer's own checkpoint) copies the log.
                Skipped(logger, e);
                connection.Close();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A background checkpoint was skipped")]
    private static partial void Skipped(ILogger logger, Exception exception);
}
