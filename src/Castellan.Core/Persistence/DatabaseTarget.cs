using Castellan.Core.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Castellan.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database to use: <c>--db</c>, else the CASTELLAN_DB environment variable, else a SQLite file in the
/// per-user data folder. A value with "Host=" is a PostgreSQL connection string; anything else is a SQLite
/// file path or "Data Source=…" connection string.
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString, string Description)
{
    public const string EnvironmentVariable = "CASTELLAN_DB";

    public const string SqliteMigrationsAssembly = "Castellan.Migrations.Sqlite";

    public const string PostgresMigrationsAssembly = "Castellan.Migrations.Postgres";

    public static string DefaultSqlitePath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "castellan", "castellan.db");

    public static DatabaseTarget Resolve(string? option) =>
        Parse(!string.IsNullOrWhiteSpace(option) ? option
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnv ? fromEnv
            : DefaultSqlitePath);

    // Each provider's parsing is a method of its own: a method that names a type loads its assembly when it is first
    // called, and a SQLite run has no use for Npgsql's (nor a plain path for the connection-string builders').
    public static DatabaseTarget Parse(string value) =>
        value.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? Postgres(value)
        : value.Contains('=', StringComparison.Ordinal) ? Sqlite(SqliteDataSource(value))
        : Sqlite(value);

    private static DatabaseTarget Postgres(string value)
    {
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(value);
            return new(DatabaseProvider.Postgres, value, $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}");
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--db: not a valid PostgreSQL connection string: {e.Message}");
        }
    }

    private static string SqliteDataSource(string connectionString)
    {
        try
        {
            return new SqliteConnectionStringBuilder(connectionString).DataSource;
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--db: not a valid SQLite connection string: {e.Message}");
        }
    }

    private static DatabaseTarget Sqlite(string path)
    {
        var fullPath = Path.GetFullPath(path);
        return new(DatabaseProvider.Sqlite, SqliteConnectionString(fullPath), $"SQLite file {fullPath}");
    }

    /// <summary>
    /// The connection string of a SQLite file, as SqliteConnectionStringBuilder writes it. A path of plain characters is
    /// written out here: the builder loads System.ComponentModel's type descriptors, about 4 ms when the command line is
    /// resolved, before anything else runs. The connection still parses the string when the database is opened; in an
    /// advisories import that happens while the files are being read.
    /// </summary>
    internal static string SqliteConnectionString(string fullPath)
    {
        foreach (var c in fullPath)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('/' or '.' or '_' or '-'))
            {
                return new SqliteConnectionStringBuilder { DataSource = fullPath, Pooling = false, ForeignKeys = true }.ToString();
            }
        }

        return $"Data Source={fullPath};Foreign Keys=True;Pooling=False";
    }

    /// <summary>
    /// The same database for a long-running server: pooled SQLite connections (the CLI opens one and exits, so it keeps
    /// pooling off and leaves no file handles behind) in write-ahead-log mode, so readers never wait for a writer;
    /// PostgreSQL with automatically prepared statements.
    /// </summary>
    public async Task<DatabaseTarget> ForServerAsync(CancellationToken cancellationToken = default)
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            // A server asks the same few dozen questions all day: let Npgsql prepare the frequent ones on each pooled
            // connection (parsed and planned once, kept across pool returns), unless the connection string says otherwise.
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            if (builder.MaxAutoPrepare == 0)
            {
                builder.MaxAutoPrepare = 64;
                builder.AutoPrepareMinUsages = 2;
            }

            return this with { ConnectionString = builder.ConnectionString };
        }

        var pooled = this with { ConnectionString = new SqliteConnectionStringBuilder(ConnectionString) { Pooling = true }.ToString() };
        await using var connection = new SqliteConnection(pooled.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return pooled;
    }

    public string? SqliteFile => Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;

    /// <summary>Whether a SQLite data source is a file that several connections share (not a private in-memory database).</summary>
    public static bool IsSharedFile(string? dataSource) => dataSource is { Length: > 0 } && dataSource != ":memory:";

    /// <summary>A plain ADO.NET connection (not opened) for the few reads that must not pay for EF's start-up.</summary>
    public System.Data.Common.DbConnection CreateConnection() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(ConnectionString),
        DatabaseProvider.Postgres => new Npgsql.NpgsqlConnection(ConnectionString),
    };

    public CastellanDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<CastellanDbContext>();
        Configure(options);
        return new CastellanDbContext(options.Options);
    }

    /// <summary>Points EF options at this database (also used by the web host's dependency injection).</summary>
    public void Configure(DbContextOptionsBuilder options) => _ = Provider switch
    {
        DatabaseProvider.Sqlite => options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)),
        DatabaseProvider.Postgres => options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly)),
    };
}
