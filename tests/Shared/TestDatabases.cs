using Castellan.Core.Persistence;

namespace Castellan.Tests;

/// <summary>
/// A fresh, empty database per test on either provider. PostgreSQL comes from CASTELLAN_TEST_POSTGRES, which
/// scripts/test sets after starting a throw-away server; without it the PostgreSQL cases report themselves skipped.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "CASTELLAN_TEST_POSTGRES";

    public static TheoryData<string> Providers => new("sqlite", "postgres");

    public static async Task<DatabaseTarget> CreateAsync(string provider)
    {
        if (provider == "sqlite")
        {
            return DatabaseTarget.Parse(Path.Combine(TestPaths.TempDirectory(), "castellan.db"));
        }

        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(server))
        {
            Assert.Skip($"PostgreSQL tests need {PostgresVariable} (scripts/test starts a server and sets it)");
        }

        var name = "castellan_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new Npgsql.NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            await command.ExecuteNonQueryAsync();
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name };
        return DatabaseTarget.Parse(builder.ConnectionString);
    }

    /// <summary>The value to pass as --db for the target.</summary>
    public static string DbArgument(DatabaseTarget target) => target.SqliteFile ?? target.ConnectionString;
}
