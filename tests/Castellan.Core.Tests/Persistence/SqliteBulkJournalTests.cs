using System.Data.Common;
using Castellan.Core.Persistence;
using Castellan.Tests;
using Microsoft.Extensions.Time.Testing;

namespace Castellan.Core.Tests.Persistence;

public sealed class SqliteBulkJournalTests
{
    private static async Task<DatabaseTarget> DatabaseAsync()
    {
        var target = await TestDatabases.CreateAsync("sqlite");
        await new MigrateDatabase(new FakeTimeProvider()).RunAsync(target);
        return target;
    }

    [Fact]
    public async Task TryEnter_OnlyConnection_UsesARollbackJournalUntilDisposed()
    {
        var target = await DatabaseAsync();
        await using var connection = await SqlReads.OpenAsync(target, CancellationToken.None);

        using (var journal = SqliteBulkJournal.TryEnter(connection))
        {
            journal.ShouldNotBeNull();
            (await JournalModeAsync(connection)).ShouldBe("delete");
        }

        (await JournalModeAsync(connection)).ShouldBe("wal");
    }

    [Fact]
    public async Task TryEnter_AnotherConnectionOpen_ChangesNothingAndLeavesTheBusyTimeoutAsItWas()
    {
        var target = await DatabaseAsync();
        await using var other = await SqlReads.OpenAsync(target, CancellationToken.None);
        (await JournalModeAsync(other)).ShouldBe("wal");
        await using var connection = await SqlReads.OpenAsync(target, CancellationToken.None);
        await using (var timeout = connection.CreateCommand())
        {
            timeout.CommandText = "PRAGMA busy_timeout = 1234";
            await timeout.ExecuteNonQueryAsync();
        }

        using var journal = SqliteBulkJournal.TryEnter(connection);

        journal.ShouldBeNull();
        await using (var timeout = connection.CreateCommand())
        {
            timeout.CommandText = "PRAGMA busy_timeout";
            ((long)(await timeout.ExecuteScalarAsync())!).ShouldBe(1234);
        }

        (await JournalModeAsync(connection)).ShouldBe("wal");
        (await JournalModeAsync(other)).ShouldBe("wal");
    }

    [Fact]
    public async Task TryEnter_InMemoryDatabase_IsNotForIt()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();

        SqliteBulkJournal.TryEnter(connection).ShouldBeNull();
    }

    private static async Task<string?> JournalModeAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return (string?)await command.ExecuteScalarAsync();
    }
}
